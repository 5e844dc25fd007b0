import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readPathKind } from './read-path-kind';

describe('readPathKind', () => {
  it('tells files, directories and missing paths apart, following symlinks', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-kind-')));
    try {
      fs.writeFileSync(path.join(dir, 'a.md'), '');
      fs.symlinkSync('a.md', path.join(dir, 'link.md'));
      fs.symlinkSync('gone.md', path.join(dir, 'dangling.md'));
      expect([dir, 'a.md', 'link.md', 'dangling.md', 'nope.md', 'a.md/below'].map((p) => readPathKind(path.resolve(dir, p)))).toEqual([
        'directory',
        'file',
        'file',
        'missing',
        'missing',
        'missing',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
