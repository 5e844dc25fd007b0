// The Nx CLI script of an installed nx package, from its package.json `bin` (Nx 22 ships bin/nx.js, Nx 24 dist/bin/nx.js).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Absolute path of `nx`'s bin script under `nodeModules` (a node_modules directory). */
export function nxBin(nodeModules: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(nodeModules, 'nx', 'package.json'), 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['nx'];
  if (!bin) throw new Error(`${nodeModules}/nx/package.json names no nx bin`);
  return path.join(nodeModules, 'nx', bin);
}
