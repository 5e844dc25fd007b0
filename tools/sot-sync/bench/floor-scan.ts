// The floor baseline, as its own process: node start, read the ledgers as bytes, check them as UTF-8, find every
// line start, cut sections at every `#` line and SHA-256 each section's bytes. No markdown rule and no decoding to
// strings at all: the least any parse of these files can cost on this machine (issue 6: "a line scanner ... plus
// SHA-256"). The parser works on bytes the same way, so this is its floor.
// Usage: node floor-scan.js <docsDir> <file>...   Prints the number of sections.
import { isUtf8 } from 'node:buffer';
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const sha256 = (bytes: Uint8Array): string => crypto.createHash('sha256').update(bytes).digest('hex');

function scan(bytes: Buffer): number {
  if (!isUtf8(bytes)) throw new Error('not UTF-8');
  let sections = 0;
  let sectionStart = 0;
  for (let offset = 0; offset < bytes.length;) {
    if (bytes[offset] === 35 && offset > sectionStart) {
      sha256(bytes.subarray(sectionStart, offset));
      sections++;
      sectionStart = offset;
    }
    const lf = bytes.indexOf(10, offset);
    offset = lf < 0 ? bytes.length : lf + 1;
  }
  sha256(bytes.subarray(sectionStart));
  return sections + 1;
}

const [docsDir, ...files] = process.argv.slice(2);
let total = 0;
for (const file of files) total += scan(readFileSync(path.join(docsDir as string, file)));
process.stdout.write(`${total}\n`);
