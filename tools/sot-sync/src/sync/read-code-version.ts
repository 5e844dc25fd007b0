// The version of the parsing code, as a hash of its compiled files: part of each ledger's key, so a record made by
// another parser (an upgrade, a local build) never lets a ledger skip parsing. Reads files; never throws.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/**
 * SHA-256 over the files of the ledger parser (`../ledger`, beside this file once compiled), or over this file
 * itself when the code is bundled into one file (the bundle holds the parser). A few dozen small files: ~1 ms.
 */
export function readCodeVersion(): string {
  if (cached !== undefined) return cached;
  const hash = createHash('sha256');
  const dir = path.join(__dirname, '..', 'ledger');
  let files: string[];
  try {
    files = fs
      .readdirSync(dir)
      .filter((name) => /\.(js|ts)$/.test(name) && !/\.(spec|d)\.ts$|\.spec\.js$/.test(name))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    files = [__filename];
  }
  for (const file of files) {
    hash.update(`${path.basename(file)}\0`);
    try {
      hash.update(fs.readFileSync(file));
    } catch {
      // An unreadable file gives a key no record holds: every ledger is parsed, as without records.
      hash.update(`unreadable ${Date.now()} ${Math.random()}`);
    }
  }
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}
