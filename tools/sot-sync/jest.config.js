// Unit specs beside the code, integration specs under test/integration; TypeScript through swc (no type check at test time).
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/executors/**/*.spec.ts', '<rootDir>/generators/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/parse-cache-dir.js',
  globalTeardown: '<rootDir>/test/support/parse-cache-dir-teardown.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
