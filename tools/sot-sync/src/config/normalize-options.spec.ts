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
    expect(normalizeOptions(sources({ config })).qdrant).toEqual({
      url: 'http://config:6333',
      source: 'config',
      apiKey: null,
      collection: 'autopack_sot_docs',
      rebuild: false,
    });
    expect(
      normalizeOptions(
        sources({ env: { QDRANT_API_KEY: 'k', SOT_SYNC_EMBED_BASE_URL: 'http://e/v1', SOT_SYNC_EMBED_MODEL: 'm', SOT_SYNC_EMBED_DIMENSIONS: '8' } }),
      ),
    ).toMatchObject({
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
    expect(() => normalizeOptions(sources({ config: { colour: 'blue' } }))).toThrow(UsageError);
  });

  it('resolves the docs directory against the root, absolute paths as given', () => {
    expect(normalizeOptions(sources({ given: { docsDir: 'handbook/ledgers' } })).docsDir).toBe('/ws/handbook/ledgers');
    expect(normalizeOptions(sources({ given: { docsDir: '/elsewhere' } })).docsDir).toBe('/elsewhere');
  });
});

describe('normalizeOptions: schema errors name the file and the key (issue 10, item 11)', () => {
  const messageOf = (over: Partial<OptionSources>): string => {
    try {
      normalizeOptions(sources(over));
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error('expected a usage error');
  };
  const CONFIG = '/ws/sot-sync.config.json';

  it('names an unknown key of the config file and the keys allowed there, at any depth', () => {
    const message = messageOf({ config: { ledgres: [] } });
    expect(message).toMatch(new RegExp(`^${CONFIG}: unknown key "ledgres" \\(allowed: docsDir, databaseUrl, .*ledgers.*\\)$`));
    expect(message).not.toMatch(/\b(mode|execute|allowMassDelete|verify|rebuild|reportFile)\b/);
    expect(message).not.toMatch(/must NOT have additional properties|\(root\)/);
    expect(messageOf({ config: { ledgers: [{ fileType: 'notes', pth: 'N.md' }] } })).toBe(
      `${CONFIG}: unknown key "ledgers[0].pth" (allowed: fileType, path, prefix, enabled)`,
    );
  });

  it('names the key, what it must be and what it got, for every kind of schema rule', () => {
    expect(messageOf({ config: { maxSeconds: '10' } })).toBe(`${CONFIG}: "maxSeconds" must be number (got "10")`);
    expect(messageOf({ given: { mode: 'fast' as never } })).toBe(
      'invalid options: "mode" must be one of "docs-only", "db-only", "qdrant-only", "full" (got "fast")',
    );
    expect(messageOf({ config: { ledgers: [{ fileType: 'Bad Type' }] } })).toBe(
      `${CONFIG}: "ledgers[0].fileType" must match pattern "^[a-z][a-z0-9_]*$" (got "Bad Type")`,
    );
    expect(messageOf({ config: { ledgers: [{ path: 'X.md' }] } })).toBe(`${CONFIG}: "ledgers[0].fileType" is required`);
    expect(messageOf({ config: { lockTimeout: -1 } })).toBe(`${CONFIG}: "lockTimeout" must be >= 0 (got -1)`);
    expect(messageOf({ config: ['docs'] })).toBe(`${CONFIG}: the file must be a JSON object (got an array)`);
  });

  it('lists every problem at once, and names the file it was given (a staged copy, a nested project)', () => {
    const message = messageOf({ config: { ledgres: [], maxSeconds: '10' }, configFile: '/ws/libs/a/sot-sync.config.json (staged)' });
    expect(message).toMatch(/^\/ws\/libs\/a\/sot-sync\.config\.json \(staged\): unknown key "ledgres" .*; "maxSeconds" must be number \(got "10"\)$/);
  });

  it('names the offending option of the executor / CLI, with its flag', () => {
    expect(messageOf({ given: { maxSeconds: 0 } })).toBe('invalid options: "maxSeconds" (--max-seconds) must be > 0 (got 0)');
    expect(messageOf({ given: { qdrantCollection: 'a b' } })).toBe(
      'invalid options: "qdrantCollection" (--qdrant-collection) must match pattern "^[A-Za-z0-9_.-]+$" (got "a b")',
    );
    expect(messageOf({ given: { colour: 'blue' } as never })).toMatch(/^invalid options: unknown option "colour" \(allowed: mode, execute, .*reportFile\)$/);
    expect(messageOf({ given: { ledgers: [{ fileType: 'x', prefix: 'lower' }] } })).toBe(
      'invalid options: "ledgers[0].prefix" must match pattern "^[A-Z][A-Z0-9]*$" (got "lower")',
    );
  });
});

describe('normalizeOptions: a config file holds settings, not run switches (issue 15, item 7)', () => {
  it('refuses each switch in the file, naming the file, the key and the flag to use instead', () => {
    expect(() => normalizeOptions(sources({ config: { allowMassDelete: true } }))).toThrow(
      '/ws/sot-sync.config.json: "allowMassDelete" (use --allow-mass-delete): it is a switch for one run, not a setting, so a config file cannot hold it; remove it from the file',
    );
    const message = (() => {
      try {
        normalizeOptions(
          sources({ config: { projectId: 'p', mode: 'db-only', execute: true, verbose: false }, configFile: '/ws/a/sot-sync.config.json (staged)' }),
        );
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      return 'no error';
    })();
    expect(message).toMatch(
      /^\/ws\/a\/sot-sync\.config\.json \(staged\): "mode" \(use --docs-only.*\), "execute" \(use --execute\), "verbose" \(use --verbose\): they are switches/,
    );
  });

  it('takes the same switches from flags and executor options, and the settings from the file', () => {
    const options = normalizeOptions(
      sources({ given: { mode: 'db-only', execute: true, allowMassDelete: true, verbose: true }, config: { strict: true, maxSeconds: 9, prune: false } }),
    );
    expect(options).toMatchObject({ mode: 'db-only', execute: true, allowMassDelete: true, verbose: true, strict: true, maxSeconds: 9, prune: false });
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
