// Which build bin/sot-sync.js starts: the bundle dist/cli.js when it is at least as new as the last tsc build, else
// the compiled modules in dist/src (a build by tsc alone must not run a stale bundle), else a clear "not built".
// Runs on a copy of the package (bin, package.json, dist), so the real build's files and times are left alone.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PLUGIN_DIR = path.resolve(__dirname, '../..');
let copy: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(PLUGIN_DIR, 'dist/cli.js'))) throw new Error('the CLI is not built: run `npm run build` at the repository root first');
});
beforeEach(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-sync-bin-'));
  for (const part of ['bin', 'package.json', 'dist/cli.js', 'dist/src', 'dist/executors'])
    fs.cpSync(path.join(PLUGIN_DIR, part), path.join(copy, part), { recursive: true });
  fs.symlinkSync(path.resolve(PLUGIN_DIR, '../../node_modules'), path.join(copy, 'node_modules'), 'dir');
});
afterEach(() => fs.rmSync(copy, { recursive: true, force: true }));

/** `--version` through the copy's bin, and the CLI file the process loaded. */
function start(): { code: number | null; stdout: string; stderr: string; loaded: string[] } {
  const probe = `process.on('exit', () => process.stderr.write('loaded:' + JSON.stringify(Object.keys(require.cache).filter((f) => /[\\\\/]dist[\\\\/](cli|src[\\\\/]cli[\\\\/]main)\\.js$/.test(f))) + '\\n'))`;
  const result = spawnSync(
    process.execPath,
    ['-e', `${probe}; process.argv.splice(1, 1, ${JSON.stringify(path.join(copy, 'bin/sot-sync.js'))}); require(process.argv[1])`, '--', 'x', '--version'],
    {
      encoding: 'utf8',
      env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' },
    },
  );
  const loaded = /^loaded:(.*)$/m.exec(result.stderr)?.[1];
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    loaded: loaded ? (JSON.parse(loaded) as string[]).map((f) => path.relative(copy, f)) : [],
  };
}

const touch = (file: string, secondsFromNow: number): void => {
  const time = new Date(Date.now() + secondsFromNow * 1000);
  fs.writeFileSync(path.join(copy, file), '', { flag: 'a' });
  fs.utimesSync(path.join(copy, file), time, time);
};

describe('bin/sot-sync.js', () => {
  it('starts the bundle when no tsc build is newer', () => {
    touch('dist/.tsbuildinfo', -60);
    const run = start();
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown as string });
    expect(run.loaded).toEqual([path.join('dist', 'cli.js')]);
  });

  it('starts dist/src when tsc built after the bundle, or when there is no bundle', () => {
    touch('dist/.tsbuildinfo', 60);
    expect(start()).toMatchObject({ code: 0, loaded: [path.join('dist', 'src', 'cli', 'main.js')] });
    fs.rmSync(path.join(copy, 'dist/cli.js'));
    expect(start()).toMatchObject({ code: 0, loaded: [path.join('dist', 'src', 'cli', 'main.js')] });
  });

  it('exits 2 with a hint when nothing is built', () => {
    fs.rmSync(path.join(copy, 'dist'), { recursive: true });
    const run = start();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the CLI is not built yet; run `npm run build`/);
  });
});
