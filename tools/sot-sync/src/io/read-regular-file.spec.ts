// The file gate on real files: a FIFO, a socket, a device and a directory are refused at once, without blocking and
// without being read; a regular file (or a symlink to one) is read (issue 11, D2).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { NotARegularFileError, writeRegularFile } from './write-regular-file';
import { readRegularFile } from './read-regular-file';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-regular-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const hasMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;
const fifo = (name: string): string => {
  const file = path.join(dir, name);
  expect(spawnSync('mkfifo', [file]).status).toBe(0);
  return file;
};

describe('readRegularFile', () => {
  it('reads a regular file and a symlink to one', () => {
    fs.writeFileSync(path.join(dir, 'a.md'), 'text');
    fs.symlinkSync(path.join(dir, 'a.md'), path.join(dir, 'link.md'));
    expect(readRegularFile(path.join(dir, 'a.md'))).toMatchObject({ kind: 'file', bytes: Buffer.from('text') });
    expect(readRegularFile(path.join(dir, 'link.md'))).toMatchObject({ kind: 'file', bytes: Buffer.from('text') });
  });

  it('calls a missing path and a path through a file missing', () => {
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(readRegularFile(path.join(dir, 'nope.md'))).toEqual({ kind: 'missing' });
    expect(readRegularFile(path.join(dir, 'file', 'below.md'))).toEqual({ kind: 'missing' });
  });

  (hasMkfifo ? it : it.skip)('refuses a FIFO with no writer at once instead of blocking on it', () => {
    const started = Date.now();
    expect(readRegularFile(fifo('DEBUG_LOG.md'))).toEqual({ kind: 'not-a-file', what: 'a FIFO (named pipe)' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a directory, a socket and a character device', async () => {
    expect(readRegularFile(dir)).toEqual({ kind: 'not-a-file', what: 'a directory' });
    if (process.platform === 'win32') return;
    expect(readRegularFile('/dev/null')).toEqual({ kind: 'not-a-file', what: 'a character device' });
    const socketPath = path.join(dir, 'sock');
    const server = net.createServer().listen(socketPath);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      expect(readRegularFile(socketPath)).toEqual({ kind: 'not-a-file', what: 'a socket' });
    } finally {
      server.close();
    }
  });
});

describe('writeRegularFile', () => {
  it('writes and truncates a regular file, creating its directory', () => {
    const file = path.join(dir, 'out', 'report.json');
    writeRegularFile(file, 'long text');
    writeRegularFile(file, 'short');
    expect(fs.readFileSync(file, 'utf8')).toBe('short');
  });

  (hasMkfifo ? it : it.skip)('refuses a FIFO and a directory without blocking', () => {
    expect(() => writeRegularFile(fifo('report.json'), '{}')).toThrow(NotARegularFileError);
    expect(() => writeRegularFile(dir, '{}')).toThrow(/is a directory/);
  });
});
