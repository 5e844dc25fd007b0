// The git gateway against real git repositories in temp directories: staged changes (before the first commit too),
// exact index bytes (not the working tree's), deletions and renames, odd file names, subdirectories.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../errors';
import { indexPath, readIndexContents, readIndexEntries, readStagedChanges, readWorkTreeIfStaged } from './staged-files';

let repo: string;
const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
const write = (name: string, content: string | Buffer): void => {
  fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
  fs.writeFileSync(path.join(repo, name), content);
};

beforeEach(() => {
  repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-git-')));
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

describe('readStagedChanges / readIndexContents', () => {
  it('lists staged additions before the first commit and reads their index bytes exactly (CRLF, non-UTF-8)', () => {
    const bytes = Buffer.concat([Buffer.from('# A\r\n\r\ncaf'), Buffer.from([0xe9, 0x0a])]);
    write('docs/A.md', bytes);
    git('add', '.');
    write('docs/A.md', 'changed in the working tree only\n');
    const { top, changes } = readStagedChanges(repo);
    expect(top).toBe(repo);
    expect(changes).toEqual([
      { name: 'docs/A.md', path: path.join(repo, 'docs/A.md'), status: 'A', mode: '100644', oid: expect.stringMatching(/^[0-9a-f]{40}$/) as unknown },
    ]);
    const [content] = readIndexContents(top, [changes[0]?.oid as string]);
    expect(content?.equals(bytes)).toBe(true);
  });

  it('splits a rename into a deletion and an addition, and reads by path (`:name`), null when absent', () => {
    write('docs/old name é.md', 'x\n');
    write('keep.md', 'keep\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    git('mv', 'docs/old name é.md', 'docs/new.md');
    const { top, changes } = readStagedChanges(repo);
    expect(changes.map((c) => [c.status, c.name]).sort()).toEqual([
      ['A', 'docs/new.md'],
      ['D', 'docs/old name é.md'],
    ]);
    expect(changes.find((c) => c.status === 'D')?.oid).toMatch(/^0+$/);
    expect(readIndexContents(top, [':keep.md', ':docs/old name é.md', ':docs/new.md']).map((b) => b?.toString('utf8') ?? null)).toEqual([
      'keep\n',
      null,
      'x\n',
    ]);
  });

  it('works from a subdirectory (paths stay relative to the top level) and lists nothing when nothing is staged', () => {
    write('docs/deep/A.md', 'a\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    expect(readStagedChanges(path.join(repo, 'docs/deep'))).toEqual({ top: repo, changes: [] });
    write('docs/deep/A.md', 'b\n');
    git('add', '.');
    expect(readStagedChanges(path.join(repo, 'docs/deep')).changes.map((c) => [c.status, c.name])).toEqual([['M', 'docs/deep/A.md']]);
  });

  it('refuses to run outside a repository with a usage error', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-nogit-'));
    try {
      expect(() => readStagedChanges(outside)).toThrow(UsageError);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('readIndexEntries', () => {
  const CONFIGS = [':(glob)**/sot-sync.config.json', 'sot-sync.config.json'];

  it('finds every file of a name in the index, at the top and at any depth, committed or only staged, in one git call', () => {
    write('sot-sync.config.json', '{}\n');
    write('libs/a/sot-sync.config.json', '{"docsDir": "."}\n');
    write('libs/deep/b c/sot-sync.config.json', '{}\n');
    write('libs/a/not-sot-sync.config.json', '{}\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    write('apps/new/sot-sync.config.json', '{}\n');
    write('apps/untracked/sot-sync.config.json', '{}\n');
    git('add', 'apps/new');
    const entries = readIndexEntries(repo, CONFIGS);
    expect(entries.map((e) => e.name)).toEqual([
      'apps/new/sot-sync.config.json',
      'libs/a/sot-sync.config.json',
      'libs/deep/b c/sot-sync.config.json',
      'sot-sync.config.json',
    ]);
    const nested = entries.find((e) => e.name === 'libs/a/sot-sync.config.json');
    expect(nested).toEqual({
      name: 'libs/a/sot-sync.config.json',
      path: path.join(repo, 'libs/a/sot-sync.config.json'),
      mode: '100644',
      oid: expect.stringMatching(/^[0-9a-f]{40}$/) as unknown,
    });
    expect(readIndexContents(repo, [nested?.oid as string])[0]?.toString('utf8')).toBe('{"docsDir": "."}\n');
  });

  it('gives the staged version (not the working tree), leaves out staged deletions, and lists nothing when none match', () => {
    write('libs/a/sot-sync.config.json', '{"docsDir": "."}\n');
    write('libs/b/sot-sync.config.json', '{}\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    write('libs/a/sot-sync.config.json', '{"docsDir": "staged"}\n');
    git('add', '.');
    write('libs/a/sot-sync.config.json', '{"docsDir": "working tree"}\n');
    git('rm', '-q', 'libs/b/sot-sync.config.json');
    const entries = readIndexEntries(repo, CONFIGS);
    expect(entries.map((e) => e.name)).toEqual(['libs/a/sot-sync.config.json']);
    expect(
      readIndexContents(
        repo,
        entries.map((e) => e.oid),
      )[0]?.toString('utf8'),
    ).toBe('{"docsDir": "staged"}\n');
    expect(readWorkTreeIfStaged(entries[0] as Parameters<typeof readWorkTreeIfStaged>[0])).toBeNull();
    expect(readIndexEntries(repo, [':(glob)**/nothing.json'])).toEqual([]);
  });
});

describe('readWorkTreeIfStaged', () => {
  const stagedChange = (name: string) => readStagedChanges(repo).changes.find((c) => c.name === name) as Parameters<typeof readWorkTreeIfStaged>[0];

  it('gives the working-tree bytes only while they are exactly the staged ones', () => {
    const bytes = Buffer.concat([Buffer.from('# A ✅\r\n'), Buffer.from([0xe9, 0x0a])]);
    write('docs/A.md', bytes);
    git('add', '.');
    expect(readWorkTreeIfStaged(stagedChange('docs/A.md'))?.equals(bytes)).toBe(true);
    write('docs/A.md', Buffer.concat([bytes, Buffer.from('unstaged\n')]));
    expect(readWorkTreeIfStaged(stagedChange('docs/A.md'))).toBeNull();
    fs.rmSync(path.join(repo, 'docs/A.md'));
    expect(readWorkTreeIfStaged(stagedChange('docs/A.md'))).toBeNull();
  });

  it('does not trust a file that a clean filter changes on its way into the index', () => {
    git('config', 'core.autocrlf', 'true');
    write('docs/B.md', '# B\r\n\r\ntext\r\n');
    git('add', '.');
    expect(readWorkTreeIfStaged(stagedChange('docs/B.md'))).toBeNull();
    expect(readIndexContents(repo, [stagedChange('docs/B.md').oid])[0]?.toString('utf8')).toBe('# B\n\ntext\n');
  });

  it('knows SHA-256 repositories, and leaves symlinks to the index', () => {
    fs.rmSync(path.join(repo, '.git'), { recursive: true, force: true });
    git('init', '-q', '--object-format=sha256');
    write('docs/C.md', 'c\n');
    fs.symlinkSync('C.md', path.join(repo, 'docs/link.md'));
    git('add', '.');
    expect(stagedChange('docs/C.md').oid).toMatch(/^[0-9a-f]{64}$/);
    expect(readWorkTreeIfStaged(stagedChange('docs/C.md'))?.toString('utf8')).toBe('c\n');
    expect(readWorkTreeIfStaged(stagedChange('docs/link.md'))).toBeNull();
  });
});

describe('indexPath', () => {
  it('names a path as git does, null outside the top level', () => {
    expect(indexPath(repo, path.join(repo, 'docs', 'A.md'))).toBe('docs/A.md');
    expect(indexPath(repo, path.join(repo, 'docs', 'gone', 'A.md'))).toBe('docs/gone/A.md');
    expect(indexPath(repo, path.dirname(repo))).toBeNull();
    expect(indexPath(repo, repo)).toBeNull();
  });
});
