// Pure: whether a Node version can run sot-sync. Node 22 is the oldest supported line: better-sqlite3 13 (and the
// Qdrant client) need it, and better-sqlite3 crashes the process on older ones instead of failing cleanly.

export const MIN_NODE_MAJOR = 22;

/** A sentence for the user when `version` (`process.version`) is too old, else null. */
export function unsupportedNodeMessage(version: string): string | null {
  const major = Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);
  if (major >= MIN_NODE_MAJOR) return null;
  return (
    `sot-sync needs Node ${MIN_NODE_MAJOR} or newer, but this process runs on ${version}. ` +
    'Run Nx through the workspace (npx nx …, npm run …), which puts the Node that `npm ci` installed (node_modules/.bin/node) first on PATH, or install a current Node.'
  );
}
