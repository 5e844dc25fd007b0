// A throwaway workspace on disk (nx.json + docs/ ledgers) for tests that run the real engine or CLI.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TempWorkspace {
  root: string;
  write(relative: string, text: string): void;
  remove(relative: string): void;
  cleanup(): void;
}

export function makeTempWorkspace(ledgers: Record<string, string> = {}): TempWorkspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-ws-'));
  const workspace: TempWorkspace = {
    root,
    write(relative, text) {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), text);
    },
    remove(relative) {
      fs.rmSync(path.join(root, relative), { force: true });
    },
    cleanup() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  workspace.write('nx.json', '{}\n');
  for (const [name, text] of Object.entries(ledgers)) workspace.write(path.join('docs', name), text);
  return workspace;
}

/** A decisions ledger with `count` entries DEC-001…; `edit` changes the body of the listed ids. */
export function decisionsLedger(count: number, edit: Record<string, string> = {}): string {
  const lines = ['# Architecture Decisions', ''];
  for (let n = count; n >= 1; n--) {
    const id = `DEC-${String(n).padStart(3, '0')}`;
    lines.push(
      `### ${id} | 2026-01-${String((n % 28) + 1).padStart(2, '0')} | Decision number ${n}`,
      '',
      `**Status**: Accepted`,
      '',
      edit[id] ?? `We decided thing ${n}.`,
      '',
    );
  }
  return lines.join('\n');
}
