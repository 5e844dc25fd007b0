// PostgreSQL's read side for retrieval: full-text search over the generated tsvector column (GIN index), ranked
// with ts_rank_cd, plus the (key, hash) pairs and the last sync. Reads only: it never creates or migrates anything.
import type { TargetSnapshot } from '../../engine/plan-types';
import { dateRange, statusKey, type SearchFilters } from '../../engine/search-filters';
import { ModeRequirementError } from '../../errors';
import type { Deadline } from '../../runtime/deadline';
import { redactSecrets } from '../../runtime/redact';
import { lastSyncTime, parseStoredMetadata, type IndexHit, type IndexQuery, type IndexReader } from '../index-reader';
import { readLayout, type TableLayout } from './open-schema';
import { PgSession } from './pg-session';
import { lastSyncKey, readProjectRows } from './project-state';
import { existenceParams, existenceQuery, schemaNames, SEARCH_COLUMN, type SchemaNames } from './schema-sql';
import { urlSecrets } from './translate-pg-error';

/**
 * ts_rank_cd normalization: 1 divides by 1 + log(document length), so a long entry that mentions a word in passing
 * does not outrank a short one about it. Weights are PostgreSQL's defaults: A (id, title) 1.0, B (content) 0.4.
 */
const RANK_NORMALIZATION = 1;

interface HitRow {
  file_type: string;
  entry_id: string;
  title: string | null;
  content: string | null;
  content_hash: string | null;
  metadata: unknown;
  created_at: Date | string | null;
  score: number;
}

export class PostgresIndexReader implements IndexReader {
  readonly role = 'sql' as const;
  readonly kind = 'postgres';

  private constructor(
    readonly label: string,
    private readonly session: PgSession,
    private readonly names: SchemaNames,
    /** null: the table does not exist (nothing was synced into this schema). */
    private readonly layout: TableLayout | null,
  ) {}

  static async open(options: { url: string; schema?: string; table?: string }, deadline: Deadline): Promise<PostgresIndexReader> {
    const names = schemaNames(options.schema ?? 'public', options.table ?? 'sot_entries');
    const label = `${redactSecrets(options.url, urlSecrets(options.url))} (${names.schema}.${names.table})`;
    const session = await PgSession.connect(options.url, deadline);
    try {
      const { rows } = await session.query<{ entries: boolean }>(deadline, existenceQuery(), existenceParams(names));
      const layout = rows[0]?.entries ? await readLayout(session, deadline, names) : null;
      return new PostgresIndexReader(label, session, names, layout);
    } catch (error) {
      await session.end();
      throw error;
    }
  }

  async search(projectId: string, query: IndexQuery, deadline: Deadline): Promise<IndexHit[]> {
    const layout = this.searchable();
    if (query.terms.terms.length === 0 && query.terms.idTokens.length === 0) return [];
    const { sql, params } = searchStatement(this.names, layout, projectId, query);
    const { rows } = await this.session.query<HitRow>(deadline, sql, params);
    return rows.map(toHit);
  }

  async readSnapshot(projectId: string, deadline: Deadline): Promise<TargetSnapshot> {
    if (!this.layout) return { projectId, rows: [] };
    return readProjectRows(this.session, deadline, this.names, projectId);
  }

  async readLastSync(projectId: string, deadline: Deadline): Promise<string | null> {
    if (!this.layout) return null;
    const { rows } = await this.session.query<{ value: string }>(deadline, `SELECT value FROM ${this.names.meta} WHERE key = $1`, [lastSyncKey(projectId)]);
    return lastSyncTime(rows[0]?.value);
  }

  async readHash(projectId: string, fileType: string, entryId: string, deadline: Deadline): Promise<string | null> {
    if (!this.layout) return null;
    const { rows } = await this.session.query<{ hash: string | null }>(
      deadline,
      `SELECT content_hash AS hash FROM ${this.names.entries} WHERE project_id = $1 AND file_type = $2 AND entry_id = $3`,
      [projectId, fileType, entryId],
    );
    return rows[0] ? (rows[0].hash ?? '') : null;
  }

  close(): Promise<void> {
    return this.session.end();
  }

  private searchable(): TableLayout {
    if (!this.layout) throw new ModeRequirementError(`no index at ${this.label} yet: build it with sot-sync --db-only --execute, then search`);
    if (!this.layout.searchable) {
      throw new ModeRequirementError(
        `${this.label} has no full-text column yet (it was written by an older sot-sync): run sot-sync --db-only --execute once to add it, then search`,
      );
    }
    return this.layout;
  }
}

/**
 * One statement: the query is built on the server, so each term goes through the same parser and stemmer as the
 * content did (`plainto_tsquery('english', 'BUILD-153.1')` is `'build' & '-153.1'`), id tokens through `simple`,
 * and all of them are or-ed (a person's query is a bag of words, not a conjunction).
 */
function searchStatement(names: SchemaNames, layout: TableLayout, projectId: string, query: IndexQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [projectId, query.terms.terms.map((term) => term.text), query.terms.idTokens];
  const where = [`e.${SEARCH_COLUMN} @@ q.query`, 'e.project_id = $1', ...filterClauses(layout, query.filters, params)];
  params.push(query.limit);
  const sql = `WITH q AS (
      SELECT string_agg('(' || part::text || ')', ' | ')::tsquery AS query FROM (
        SELECT plainto_tsquery('english'::regconfig, word) AS part FROM unnest($2::text[]) AS word
        UNION ALL SELECT to_tsquery('simple'::regconfig, token) FROM unnest($3::text[]) AS token
      ) parts WHERE numnode(part) > 0
    )
    SELECT e.file_type, e.entry_id, e.title, e.content, e.content_hash, e.metadata, ${layout.createdAtColumn('e.created_at')} AS created_at,
      ts_rank_cd(e.${SEARCH_COLUMN}, q.query, ${RANK_NORMALIZATION}) AS score
    FROM ${names.entries} e, q
    WHERE ${where.join(' AND ')}
    ORDER BY score DESC, e.file_type, e.entry_id LIMIT $${params.length}`;
  return { sql, params };
}

/** The filters as SQL over the row; values are appended to `params` (numbered after the three the query uses). */
function filterClauses(layout: TableLayout, filters: SearchFilters, params: unknown[]): string[] {
  const clauses: string[] = [];
  const next = (value: unknown): string => `$${params.push(value)}`;
  if (filters.fileType) clauses.push(`e.file_type = ${next(filters.fileType)}`);
  if (filters.status) {
    const status = `(e.metadata::jsonb ->> 'status')`;
    const word = `lower(substring(${status} from '[[:alpha:]][[:alnum:]_-]*'))`;
    clauses.push(
      `(${word} = ${next(statusKey(filters.status) ?? filters.status)} OR ${status} = ${next(filters.status)} OR ` +
        `(e.metadata::jsonb ->> 'lifecycle') = ${next(filters.status.trim().toLowerCase())})`,
    );
  }
  const range = dateRange(filters);
  const createdAt = layout.createdAtColumn('e.created_at');
  for (const [bound, operator] of [
    ['gte', '>='],
    ['lt', '<'],
    ['lte', '<='],
  ] as const) {
    const value = range[bound];
    if (value !== undefined) clauses.push(`${createdAt} ${operator} ${next(value)}::timestamptz`);
  }
  return clauses;
}

function toHit(row: HitRow): IndexHit {
  return {
    fileType: row.file_type,
    entryId: row.entry_id,
    title: row.title ?? row.entry_id,
    content: row.content ?? '',
    contentHash: row.content_hash ?? '',
    score: Number(row.score),
    metadata: parseStoredMetadata(row.metadata),
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : row.created_at,
  };
}
