import { UsageError } from '../errors';
import { DEFAULT_LEDGERS } from './default-ledgers';
import { mergeLedgers, normalizeOptions, type OptionSources } from './normalize-options';

const sources = (over: Partial<OptionSources> = {}): OptionSources => ({ given: {}, config: undefined, env: {}, root: '/ws', ...over });

describe('normalizeOptions', () => {
  it('defaults to docs-only on the embedded SQLite index with the three ledgers', () => {
    const options = normalizeOptions(sources());
    expect(options).toMatchObject({
      mode: 'docs-only',
      execute: false,
      docsDir: '/ws/docs',
      projectId: 'autopack',
      database: { url: 'sqlite:///autopack.db', source: 'default' },
      qdrant: { url: null, source: 'default' },
      maxSeconds: 120,
      lockTimeoutSeconds: 30,
      prune: true,
    });
    expect(options.ledgers).toEqual(DEFAULT_LEDGERS);
  });

  it('takes a flag over the environment over the config file', () => {
    const config = { databaseUrl: 'sqlite:///config.db', qdrantHost: 'http://config:6333', projectId: 'from-config' };
    expect(normalizeOptions(sources({ config })).database).toEqual({ url: 'sqlite:///config.db', source: 'config' });
    expect(normalizeOptions(sources({ config, env: { DATABASE_URL: 'sqlite:///env.db' } })).database.source).toBe('env');
    const flagged = normalizeOptions(sources({ config, env: { DATABASE_URL: 'x' }, given: { databaseUrl: 'sqlite:///flag.db', projectId: 'p' } }));
    expect(flagged.database).toEqual({ url: 'sqlite:///flag.db', source: 'flag' });
    expect(flagged.projectId).toBe('p');
    expect(normalizeOptions(sources({ config })).qdrant).toEqual({ url: 'http://config:6333', source: 'config', apiKey: null, collection: 'autopack_sot_docs', rebuild: false });
    expect(normalizeOptions(sources({ env: { QDRANT_API_KEY: 'k', SOT_SYNC_EMBED_BASE_URL: 'http://e/v1', SOT_SYNC_EMBED_MODEL: 'm', SOT_SYNC_EMBED_DIMENSIONS: '8' } }))).toMatchObject({
      qdrant: { apiKey: 'k' },
      embedders: { bm25: true, dense: { baseUrl: 'http://e/v1', model: 'm', dimensions: 8 } },
    });
  });

  it('refuses a write mode without execute, naming the flag, but allows --verify', () => {
    expect(() => normalizeOptions(sources({ given: { mode: 'db-only' } }))).toThrow(/--execute/);
    expect(() => normalizeOptions(sources({ given: { mode: 'db-only' } }))).toThrow(UsageError);
    expect(normalizeOptions(sources({ given: { mode: 'db-only', verify: true } })).verify).toBe(true);
  });

  it('rejects options and config files that break the schema, saying where', () => {
    expect(() => normalizeOptions(sources({ given: { maxSeconds: 0 } }))).toThrow(/maxSeconds/);
    expect(() => normalizeOptions(sources({ config: { colour: 'blue' } }))).toThrow(/sot-sync\.config\.json.*must NOT have additional properties/);
    expect(() => normalizeOptions(sources({ config: { ledgers: [{ fileType: 'Bad Type' }] } }))).toThrow(/ledgers\/0\/fileType/);
  });

  it('resolves the docs directory against the root, absolute paths as given', () => {
    expect(normalizeOptions(sources({ given: { docsDir: 'handbook/ledgers' } })).docsDir).toBe('/ws/handbook/ledgers');
    expect(normalizeOptions(sources({ given: { docsDir: '/elsewhere' } })).docsDir).toBe('/elsewhere');
  });
});

describe('mergeLedgers', () => {
  it('adds ledgers, changes a default one and drops another', () => {
    const merged = mergeLedgers(DEFAULT_LEDGERS, [
      { fileType: 'incidents', path: 'INCIDENTS.md', prefix: 'INC' },
      { fileType: 'architecture', path: 'adr/DECISIONS.md' },
      { fileType: 'debug_log', enabled: false },
    ]);
    expect(merged).toEqual([
      { fileType: 'build_history', path: 'BUILD_HISTORY.md', prefix: 'BUILD' },
      { fileType: 'architecture', path: 'adr/DECISIONS.md', prefix: 'DEC' },
      { fileType: 'incidents', path: 'INCIDENTS.md', prefix: 'INC' },
    ]);
  });

  it('needs a path and prefix for a new ledger and refuses two ledgers sharing one', () => {
    expect(() => mergeLedgers(DEFAULT_LEDGERS, [{ fileType: 'incidents' }])).toThrow(/needs a path and a prefix/);
    expect(() => mergeLedgers(DEFAULT_LEDGERS, [{ fileType: 'incidents', path: 'DEBUG_LOG.md', prefix: 'INC' }])).toThrow(/share the path/);
    expect(() => mergeLedgers(DEFAULT_LEDGERS, [{ fileType: 'incidents', path: 'I.md', prefix: 'DBG' }])).toThrow(/share the prefix/);
  });
});
