// The npm tarball of tools/sot-sync, as `npm pack --dry-run --json` lists it (which runs the package's prepack, the
// incremental build): every file Nx, the bin and TypeScript load is in it, and nothing else is: no specs, TypeScript
// sources, source maps, build info, test or bench output, nor compiled files whose source is gone.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const PLUGIN_DIR = path.resolve(__dirname, '../..');
const REPO = path.resolve(PLUGIN_DIR, '../..');

interface PackResult {
  name: string;
  version: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string }[];
}

interface Manifest {
  version: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  executors: string;
  generators: string;
  exports: Record<string, string | Record<string, string>>;
  engines: Record<string, string>;
  license: string;
}

/** npm on the workspace's Node (its `node` first on PATH), from the package directory. */
function npmPack(): PackResult {
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}` };
  const result = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: PLUGIN_DIR, env, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0)
    throw new Error(`npm pack --dry-run failed (${String(result.status)}): ${result.stderr}${result.stdout}${String(result.error ?? '')}`);
  return (JSON.parse(result.stdout) as PackResult[])[0] as PackResult;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, file), 'utf8')) as T;
const relative = (file: string): string => path.posix.normalize(file).replace(/^\.\//, '');

let pack: PackResult;
let files: Set<string>;
const manifest = readJson<Manifest>('package.json');
beforeAll(() => {
  pack = npmPack();
  files = new Set(pack.files.map((file) => file.path));
}, 180_000);

/** Where each shipped file may be: the package's top-level files, the compiled code, the executor/generator schemas. */
const ALLOWED = [
  /^(package\.json|README\.md|LICENSE|plugin\.js|executors\.json|generators\.json|bin\/sot-sync\.js|dist\/cli\.js)$/,
  /^dist\/(src|executors|generators)\/.+\.(js|d\.ts|json)$/,
  /^(executors|generators)\/[^/]+\/schema\.json$/,
];
const FORBIDDEN = /\.spec\.|\.map$|\.tsbuildinfo$|(^|\/)(test|bench|dist-bench)\/|(?<!\.d)\.ts$/;

describe('the npm tarball (npm pack --dry-run)', () => {
  it('holds the manifests, bin, plugin entry, README, LICENSE, every executor and generator with its schema', () => {
    const required = [
      'package.json',
      'README.md',
      'LICENSE',
      'plugin.js',
      relative(manifest.executors),
      relative(manifest.generators),
      relative(manifest.main),
      relative(manifest.types),
    ];
    required.push(
      ...Object.values(manifest.bin).map(relative),
      'dist/cli.js',
      'dist/src/cli/main.js',
      'dist/src/config/validate-options.js',
      'dist/src/plugin/create-nodes.js',
    );
    const executors = readJson<{ executors: Record<string, { implementation: string; schema: string }> }>('executors.json').executors;
    const generators = readJson<{ generators: Record<string, { factory: string; schema: string }> }>('generators.json').generators;
    for (const executor of Object.values(executors)) required.push(relative(executor.implementation), relative(executor.schema));
    for (const generator of Object.values(generators)) required.push(relative(generator.factory), relative(generator.schema));
    expect(required.filter((file) => !files.has(file))).toEqual([]);
    expect(Object.keys(executors).length + Object.keys(generators).length).toBeGreaterThanOrEqual(3);
  });

  it('holds nothing else: no specs, sources, source maps, build info, test or bench output', () => {
    expect([...files].filter((file) => FORBIDDEN.test(file))).toEqual([]);
    expect([...files].filter((file) => !ALLOWED.some((pattern) => pattern.test(file)))).toEqual([]);
  });

  it('ships no stale build output: each compiled file has its source, and a declaration beside it', () => {
    const compiled = [...files].filter((file) => /^dist\/.+\.js$/.test(file) && !['dist/src/config/validate-options.js', 'dist/cli.js'].includes(file));
    const stale = compiled.filter((file) => !fs.existsSync(path.join(PLUGIN_DIR, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'))));
    // A source deleted since the last full build leaves its output in dist/: `rm -rf tools/sot-sync/dist && npm run build`.
    expect(stale).toEqual([]);
    expect(compiled.filter((file) => !files.has(file.replace(/\.js$/, '.d.ts')))).toEqual([]);
  });

  it('has declarations whose relative imports all resolve inside the tarball (schema.d.ts files included)', () => {
    const unresolved: string[] = [];
    for (const file of [...files].filter((name) => name.endsWith('.d.ts'))) {
      const text = fs.readFileSync(path.join(PLUGIN_DIR, file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = path.posix.join(path.posix.dirname(file), specifier as string);
        if (![`${target}.d.ts`, `${target}/index.d.ts`, target].some((candidate) => files.has(candidate))) unresolved.push(`${file}: ${specifier as string}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('exports ".", "./plugin", "./package.json" and the Nx manifests, each to a shipped file Node resolves', () => {
    expect(Object.keys(manifest.exports)).toEqual(expect.arrayContaining(['.', './plugin', './package.json', './executors.json', './generators.json']));
    const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    const concrete = targets.filter((target) => !target.includes('*')).map(relative);
    expect(concrete.filter((target) => !files.has(target))).toEqual([]);
    const subpaths = Object.keys(manifest.exports).filter((subpath) => !subpath.includes('*'));
    const probe = `process.stdout.write(JSON.stringify(${JSON.stringify(subpaths)}.map((s) => require.resolve('sot-sync' + s.slice(1)))))`;
    const result = spawnSync(process.execPath, ['-e', probe], { cwd: REPO, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const resolved = (JSON.parse(result.stdout) as string[]).map((file) =>
      path.relative(fs.realpathSync(PLUGIN_DIR), fs.realpathSync(file)).split(path.sep).join('/'),
    );
    expect(resolved.filter((file) => !files.has(file))).toEqual([]);
    expect(require(path.join(PLUGIN_DIR, 'plugin.js'))).toHaveProperty('createNodesV2');
  });

  it('declares Node 22+, the MIT license it ships, and a prepack that builds', () => {
    expect(manifest.engines['node']).toBe('>=22');
    expect(manifest.license).toBe('MIT');
    expect(fs.readFileSync(path.join(PLUGIN_DIR, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} sot-sync contributors\n/);
    expect(readJson<{ scripts: Record<string, string> }>('package.json').scripts['prepack']).toMatch(/tsc -p tsconfig\.lib\.json/);
    expect(pack).toMatchObject({ name: 'sot-sync', version: manifest.version });
  });
});
