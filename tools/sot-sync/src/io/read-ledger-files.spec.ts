import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import { makeTempWorkspace, type TempWorkspace } from '../../test/support/temp-workspace';
import { readLedgerFiles } from './read-ledger-files';

const spec = { fileType: 'architecture', path: 'ARCHITECTURE_DECISIONS.md', prefix: 'DEC' };
let ws: TempWorkspace;
beforeEach(() => {
  ws = makeTempWorkspace();
});
afterEach(() => ws.cleanup());

describe('readLedgerFiles', () => {
  it('reports a missing ledger as a warning with no bytes', () => {
    const [read] = readLedgerFiles(ws.root, path.join(ws.root, 'docs'), [spec]);
    expect(read?.bytes).toBeNull();
    expect(read?.diagnostics).toEqual([expect.objectContaining({ file: 'docs/ARCHITECTURE_DECISIONS.md', rule: 'missing-ledger', severity: 'warning' })]);
  });

  it('refuses a ledger that is a symlink leaving the docs directory', () => {
    ws.write('secret.md', '### DEC-001 | 2026-01-01 | Outside\n');
    fs.mkdirSync(path.join(ws.root, 'docs'), { recursive: true });
    fs.symlinkSync(path.join(ws.root, 'secret.md'), path.join(ws.root, 'docs', spec.path));
    const [read] = readLedgerFiles(ws.root, path.join(ws.root, 'docs'), [spec]);
    expect(read?.bytes).toBeNull();
    expect(read?.diagnostics).toEqual([expect.objectContaining({ rule: 'outside-docs-dir', severity: 'error' })]);
  });

  it('reads a symlink that stays inside the docs directory', () => {
    ws.write('docs/real.md', '### DEC-001 | 2026-01-01 | Inside\n');
    fs.symlinkSync(path.join(ws.root, 'docs', 'real.md'), path.join(ws.root, 'docs', spec.path));
    const [read] = readLedgerFiles(ws.root, path.join(ws.root, 'docs'), [spec]);
    expect(read?.bytes?.toString('utf8')).toContain('Inside');
    expect(read?.diagnostics).toEqual([]);
  });

  it('names the line of the first invalid UTF-8 byte', () => {
    fs.mkdirSync(path.join(ws.root, 'docs'), { recursive: true });
    const bytes = Buffer.concat([Buffer.from('# Decisions\n\n### DEC-001 | 2026-01-01 | Ok\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])]);
    fs.writeFileSync(path.join(ws.root, 'docs', spec.path), bytes);
    const [read] = readLedgerFiles(ws.root, path.join(ws.root, 'docs'), [spec]);
    expect(read?.diagnostics).toEqual([expect.objectContaining({ rule: 'invalid-utf8', severity: 'error', line: 4 })]);
    expect(read?.bytes?.toString('utf8')).toContain('caf\ufffd');
    expect(isUtf8(read?.bytes as Buffer)).toBe(true);
  });
});
