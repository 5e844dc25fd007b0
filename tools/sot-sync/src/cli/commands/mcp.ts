// `sot-sync mcp`: the MCP server over stdio, on the options the CLI resolved for the workspace (root, ledgers,
// database URL, Qdrant, embedders, project id). Loaded only by this command: no other command pays for the SDK.
import type { NormalizedSyncOptions } from '../../config/normalize-options';
import { serveMcp, type ServeOptions } from '../../mcp/serve-mcp';

/** Serves until the client closes the connection. */
export function runMcpServer(options: NormalizedSyncOptions, serve: ServeOptions): Promise<void> {
  return serveMcp(options, serve);
}
