// The progress bar shows on a person's terminal only: never off a TTY, in CI, or with --json.
import { PassThrough } from 'node:stream';
import { createProgressBar, progressEnabled } from './progress-bar';

/** A stream that says it is a terminal and keeps what was written to it. */
function fakeTerminal(isTTY: boolean): { stream: NodeJS.WriteStream; output: () => string } {
  const pass = new PassThrough();
  const chunks: string[] = [];
  pass.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const stream = Object.assign(pass, { isTTY, columns: 120, cursorTo: (_x: number, _y?: number) => true, clearLine: () => true, moveCursor: () => true });
  return { stream: stream as unknown as NodeJS.WriteStream, output: () => chunks.join('') };
}

describe('progressEnabled', () => {
  it('is on for a TTY outside CI without --json, and off otherwise', () => {
    const tty = fakeTerminal(true).stream;
    expect(progressEnabled({ json: false, stream: tty, env: {} })).toBe(true);
    expect(progressEnabled({ json: false, stream: tty, env: { CI: 'false' } })).toBe(true);
    expect(progressEnabled({ json: true, stream: tty, env: {} })).toBe(false);
    expect(progressEnabled({ json: false, stream: tty, env: { CI: 'true' } })).toBe(false);
    expect(progressEnabled({ json: false, stream: fakeTerminal(false).stream, env: {} })).toBe(false);
  });
});

describe('createProgressBar', () => {
  it('writes nothing when disabled', () => {
    const terminal = fakeTerminal(false);
    const bar = createProgressBar({ json: false, stream: terminal.stream, env: {} });
    bar.onProgress(0, 10);
    bar.onProgress(10, 10);
    bar.stop();
    expect(bar.enabled).toBe(false);
    expect(terminal.output()).toBe('');
  });

  it('shows done/total, a rate and the time left on a terminal', async () => {
    const terminal = fakeTerminal(true);
    const bar = createProgressBar({ json: false, stream: terminal.stream, env: {}, label: 'qdrant' });
    bar.onProgress(0, 200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    bar.onProgress(50, 200);
    bar.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(terminal.output()).toMatch(/qdrant \[.*\] 50\/200 points \| \d+\/s \| ETA /);
  });
});
