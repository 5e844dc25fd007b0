// The MCP server: four read-only tools over stdio, on the options the CLI resolved. Each call gets its own deadline
// and opens (and closes) only the store it needs; a failed call is a tool error, never the end of the server.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ZodType } from 'zod';
import { secretsOf, type NormalizedSyncOptions } from '../config/normalize-options';
import { Deadline } from '../runtime/deadline';
import { redactSecrets } from '../runtime/redact';
import { findEntriesForFiles } from './entries-for-files-tool';
import { getEntry } from './get-entry-tool';
import { LedgerCache } from './ledger-cache';
import { readIndexStatus } from './index-status-tool';
import { searchEntries } from './search-entries-tool';
import { describeFailure, type ToolAnswer } from './tool-answer';
import { FILES_INPUT, FILES_OUTPUT, GET_INPUT, GET_OUTPUT, SEARCH_INPUT, SEARCH_OUTPUT, STATUS_INPUT, STATUS_OUTPUT } from './tool-schemas';

export interface ServeOptions {
  version: string;
  /** The directory the server was started in: the sync command index_status suggests is relative to it. */
  cwd: string;
  /** Lines for the operator (stderr): stdout belongs to the protocol. */
  log: (line: string) => void;
  verbose: boolean;
}

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/** Registers the four tools: exactly these, so an agent's context holds four short schemas. */
export function createMcpServer(options: NormalizedSyncOptions, serve: ServeOptions): McpServer {
  const server = new McpServer({ name: 'sot-sync', version: serve.version }, { capabilities: { tools: {} } });
  const cache = new LedgerCache();
  const ledgersOf = cache.read.bind(cache);
  const call = <T>(tool: string, output: ZodType, run: (deadline: Deadline) => Promise<ToolAnswer<T>>) => answer(tool, output, run, options, serve);
  server.registerTool(
    'search_entries',
    {
      description: 'Search the ledger entries (builds, decisions, debug logs). Ranked, with snippet, status, file:line and freshness.',
      inputSchema: SEARCH_INPUT,
      outputSchema: SEARCH_OUTPUT,
      annotations: READ_ONLY,
    },
    (args) => call('search_entries', SEARCH_OUTPUT, (deadline) => searchEntries(options, args, deadline, ledgersOf)),
  );
  server.registerTool(
    'get_entry',
    {
      description: "An entry's current text from its ledger, by id or file:line, with metadata and index state.",
      inputSchema: GET_INPUT,
      outputSchema: GET_OUTPUT,
      annotations: READ_ONLY,
    },
    (args) => call('get_entry', GET_OUTPUT, (deadline) => getEntry(options, args, deadline, ledgersOf)),
  );
  server.registerTool(
    'entries_for_files',
    {
      description: 'Entries naming these files (files-changed, paths or globs in the text), newest first, with why. Check before changing them.',
      inputSchema: FILES_INPUT,
      outputSchema: FILES_OUTPUT,
      annotations: READ_ONLY,
    },
    (args) => call('entries_for_files', FILES_OUTPUT, () => findEntriesForFiles(options, args, ledgersOf)),
  );
  server.registerTool(
    'index_status',
    {
      description: 'Per ledger: entries in the ledger and in the index, how far the index is behind, last sync, the command to sync.',
      inputSchema: STATUS_INPUT,
      outputSchema: STATUS_OUTPUT,
      annotations: READ_ONLY,
    },
    () => call('index_status', STATUS_OUTPUT, (deadline) => readIndexStatus(options, deadline, serve.cwd, ledgersOf)),
  );
  return server;
}

/** One call: its result as structured content (shaped by the output schema) and as text, or a tool error. */
async function answer<T>(
  tool: string,
  output: ZodType,
  run: (deadline: Deadline) => Promise<ToolAnswer<T>>,
  options: NormalizedSyncOptions,
  serve: ServeOptions,
): Promise<CallToolResult> {
  const deadline = new Deadline(options.maxSeconds);
  try {
    const { structured, text } = await run(deadline);
    return { structuredContent: output.parse(structured) as Record<string, unknown>, content: [{ type: 'text', text }] };
  } catch (error) {
    const message = describeFailure(tool, error, secretsOf(options));
    serve.log(serve.verbose && error instanceof Error && error.stack ? `${message}\n${redactSecrets(error.stack, secretsOf(options))}` : message);
    return { isError: true, content: [{ type: 'text', text: message }] };
  } finally {
    deadline.dispose();
  }
}

/** Serves on stdin/stdout until the client closes stdin (or a signal comes); resolves then. */
export async function serveMcp(options: NormalizedSyncOptions, serve: ServeOptions): Promise<void> {
  const server = createMcpServer(options, serve);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  const stop = (): void => void server.close();
  // The SDK's stdio transport does not notice the end of stdin: a client that exits must not leave the server behind.
  process.stdin.once('end', stop).once('close', stop);
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    await server.connect(new StdioServerTransport());
    serve.log(`sot-sync mcp: serving ${options.root} over stdio`);
    await closed;
  } finally {
    process.stdin.off('end', stop).off('close', stop);
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}
