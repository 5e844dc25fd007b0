// Jest globalTeardown: see parse-cache-dir.js.
'use strict';
module.exports = require('./parse-cache-dir').tearDown;
