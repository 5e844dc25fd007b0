// Preloaded into one extra, untimed CLI run (`node -r count-embed-calls.js bin/sot-sync.js ...`): counts the calls of
// the BM25 embedder inside the CLI process and prints `BENCH_EMBED_CALLS=<n>` on stderr at exit. The server's request
// log cannot see embedding calls (the local embedder makes no request), so this is what proves "zero".
import * as path from 'node:path';

interface EmbedderModule {
  Bm25Embedder: { prototype: { embed: (...args: unknown[]) => unknown } };
}

// The CLI loads the same compiled file later and gets this patched module from the require cache. The bench names
// the file of the CLI under test; by default, the build next to the bench.
const file = process.env['BENCH_EMBEDDER_MODULE'] ?? path.resolve(__dirname, '..', '..', 'dist', 'src', 'embed', 'bm25-embedder.js');
const embedderModule = require(file) as EmbedderModule;
const original = embedderModule.Bm25Embedder.prototype.embed;
let calls = 0;
embedderModule.Bm25Embedder.prototype.embed = function countedEmbed(this: unknown, ...args: unknown[]): unknown {
  calls++;
  return original.apply(this, args);
};
process.on('exit', () => process.stderr.write(`BENCH_EMBED_CALLS=${calls}\n`));
