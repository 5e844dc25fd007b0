// The arguments and results of the MCP tools, as zod schemas: the SDK checks the arguments against them and lists
// them (as JSON Schema) to clients. Descriptions stay short: every schema is read into an agent's context.
import * as z from 'zod';

const DATE_EXAMPLE = 'a date such as 2026-01-08 or 2026-01-08T12:00:00Z';

function isDateText(text: string): boolean {
  const value = text.trim();
  return !Number.isNaN(Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value));
}

const dateArgument = (name: string, description: string) =>
  z
    .string({ error: `${name} must be ${DATE_EXAMPLE}` })
    .refine(isDateText, { message: `${name} must be ${DATE_EXAMPLE}` })
    .optional()
    .describe(description);

export const SEARCH_INPUT = {
  query: z
    .string({ error: (issue) => (issue.input === undefined ? 'query is required: words, a phrase or an id such as DEC-012' : 'query must be a string') })
    .trim()
    .min(1, 'query must not be empty')
    .describe('words, a phrase or an id (DEC-012)'),
  fileType: z
    .string({ error: 'fileType must be a ledger type such as architecture' })
    .min(1)
    .optional()
    .describe('only this ledger: build_history, architecture, debug_log'),
  status: z
    .string({ error: 'status must be a status word such as accepted' })
    .min(1)
    .optional()
    .describe('only this status word (accepted, complete, superseded)'),
  since: dateArgument('since', 'only entries dated on or after this date'),
  until: dateArgument('until', 'only entries dated on or before this date'),
  limit: z
    .number({ error: 'limit must be a whole number from 1 to 50' })
    .int('limit must be a whole number from 1 to 50')
    .min(1, 'limit must be at least 1')
    .max(50, 'limit must be at most 50')
    .optional()
    .describe('results, default 10'),
};

export const GET_INPUT = {
  id: z.string({ error: 'id must be an entry id such as DEC-012' }).min(1, 'id must not be empty').optional().describe('entry id, e.g. DEC-012'),
  location: z
    .string({ error: 'location must be file:line, e.g. docs/DEBUG_LOG.md:120' })
    .min(1)
    .optional()
    .describe('file:line inside the entry, e.g. docs/DEBUG_LOG.md:120'),
};

export const FILES_INPUT = {
  files: z
    .array(z.string({ error: 'files must hold paths as strings' }).min(1, 'files must not hold an empty path'), {
      error: (issue) =>
        issue.input === undefined ? 'files is required: a list of workspace-relative paths' : 'files must be a list of paths, e.g. ["src/lock/lease-file.ts"]',
    })
    .min(1, 'files must name at least one path')
    .max(200, 'files may name at most 200 paths')
    .describe('workspace-relative paths about to change'),
};

export const STATUS_INPUT = {};

const lifecycle = z.enum(['accepted', 'proposed', 'superseded', 'deprecated', 'rejected']).nullable();
const indexSummary = z.object({ fresh: z.boolean(), behind: z.number(), lastSync: z.string().nullable() });

export const SEARCH_OUTPUT = z.object({
  query: z.string(),
  target: z.enum(['sql', 'qdrant']),
  store: z.string(),
  index: indexSummary,
  results: z.array(
    z.object({
      fileType: z.string(),
      entryId: z.string(),
      title: z.string(),
      score: z.number(),
      snippet: z.string(),
      status: z.string().nullable(),
      lifecycle,
      supersededBy: z.string().nullable(),
      file: z.string(),
      lineStart: z.number(),
      lineEnd: z.number(),
      heading: z.string(),
      createdAt: z.string().nullable(),
      freshness: z.enum(['fresh', 'changed', 'removed']),
    }),
  ),
});

export const GET_OUTPUT = z.object({
  fileType: z.string(),
  entryId: z.string(),
  title: z.string(),
  file: z.string(),
  lineStart: z.number(),
  lineEnd: z.number(),
  heading: z.string(),
  status: z.string().nullable(),
  lifecycle,
  supersededBy: z.string().nullable(),
  supersedes: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  content: z.string(),
  index: z.object({ state: z.enum(['fresh', 'changed', 'missing', 'unavailable']), store: z.string().nullable(), reason: z.string().optional() }),
});

export const FILES_OUTPUT = z.object({
  files: z.array(z.string()),
  /** Entries that matched; `entries` lists the newest of them. */
  total: z.number(),
  entries: z.array(
    z.object({
      entryId: z.string(),
      fileType: z.string(),
      title: z.string(),
      status: z.string().nullable(),
      lifecycle,
      supersededBy: z.string().nullable(),
      createdAt: z.string().nullable(),
      file: z.string(),
      lineStart: z.number(),
      lineEnd: z.number(),
      matches: z.array(
        z.object({ file: z.string(), kind: z.enum(['files changed', 'mentioned', 'glob']), line: z.number(), text: z.string(), why: z.string() }),
      ),
    }),
  ),
});

export const STATUS_OUTPUT = z.object({
  projectId: z.string(),
  stores: z.array(
    z.object({
      target: z.enum(['sql', 'qdrant']),
      store: z.string(),
      fresh: z.boolean(),
      behind: z.number(),
      lastSync: z.string().nullable(),
      /** Brings this store up to date with the ledgers. */
      command: z.string(),
      ledgers: z.array(
        z.object({
          fileType: z.string(),
          file: z.string(),
          state: z.enum(['ok', 'empty', 'missing', 'invalid']),
          entries: z.number(),
          indexed: z.number(),
          behind: z.number(),
          changed: z.number(),
          missing: z.number(),
          removed: z.number(),
        }),
      ),
    }),
  ),
});

export type SearchArgs = z.output<z.ZodObject<typeof SEARCH_INPUT>>;
export type GetArgs = z.output<z.ZodObject<typeof GET_INPUT>>;
export type FilesArgs = z.output<z.ZodObject<typeof FILES_INPUT>>;
export type FilesOutput = z.output<typeof FILES_OUTPUT>;
export type StatusOutput = z.output<typeof STATUS_OUTPUT>;
