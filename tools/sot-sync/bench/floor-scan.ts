// The floor baseline, as its own process: node start, read and decode the ledgers, split them into lines, cut
// sections at every `#` line and SHA-256 each section (one slice of the text, no copy). No markdown rule at all:
// the least any parse of these files can cost on this machine (issue 6: "a line scanner ... plus SHA-256").
// Usage: node floor-scan.js <docsDir> <file>...   Prints the number of sections.
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const sha256 = (text: string): string => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

function scan(text: string): number {
  const lines = text.split('\n');
  let sections = 0;
  let sectionStart = 0;
  let offset = 0;
  for (const line of lines) {
    if (line.charCodeAt(0) === 35 && offset > sectionStart) {
      sha256(text.slice(sectionStart, offset));
      sections++;
      sectionStart = offset;
    }
    offset += line.length + 1;
  }
  sha256(text.slice(sectionStart));
  return sections + 1;
}

const [docsDir, ...files] = process.argv.slice(2);
let total = 0;
for (const file of files) total += scan(readFileSync(path.join(docsDir as string, file), 'utf8'));
process.stdout.write(`${total}\n`);
