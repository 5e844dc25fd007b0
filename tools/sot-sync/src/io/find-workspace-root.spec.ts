// The workspace root: an explicit --root must exist (a typo would read nothing and pass); else the nearest marker.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../errors';
import { findWorkspaceRoot } from './find-workspace-root';

let dir: string;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-root-')));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('findWorkspaceRoot', () => {
  it('takes an explicit root relative to the working directory when it is a directory', () => {
    fs.mkdirSync(path.join(dir, 'ws'));
    expect(findWorkspaceRoot(dir, 'ws')).toBe(path.join(dir, 'ws'));
  });

  it('refuses an explicit root that does not exist or is a file, naming it (usage error, exit 2)', () => {
    expect(() => findWorkspaceRoot(dir, 'nope')).toThrow(UsageError);
    expect(() => findWorkspaceRoot(dir, 'nope')).toThrow(`--root nope: no such directory (${path.join(dir, 'nope')})`);
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(() => findWorkspaceRoot(dir, 'file')).toThrow(/^--root file: not a directory/);
  });

  it('finds the nearest directory upward holding nx.json or sot-sync.config.json', () => {
    fs.mkdirSync(path.join(dir, 'libs/notes/deep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'nx.json'), '{}');
    expect(findWorkspaceRoot(path.join(dir, 'libs/notes/deep'))).toBe(dir);
    fs.writeFileSync(path.join(dir, 'libs/notes/sot-sync.config.json'), '{}');
    expect(findWorkspaceRoot(path.join(dir, 'libs/notes/deep'))).toBe(path.join(dir, 'libs/notes'));
  });
});
