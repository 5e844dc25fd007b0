// The `.mcp.json` entry that lets an agent (Claude Code, Cursor, VS Code) reach `sot-sync mcp` in this workspace.
// Printed by the generator, never written: the file is the user's, often shared with other servers.

/**
 * The snippet for a config placed at `configRoot` (relative to the workspace root): the server starts in the
 * workspace root, where agents start it, so a config in a project's folder is named with --root.
 */
export function mcpSnippet(configRoot: string): string {
  const root = configRoot === '.' || configRoot === '' ? [] : ['--root', configRoot];
  const config = { mcpServers: { 'sot-sync': { command: 'npx', args: ['sot-sync', 'mcp', ...root] } } };
  return JSON.stringify(config, null, 2);
}

/** What the generator prints: where the snippet goes, then the snippet. */
export function mcpSnippetMessage(configRoot: string): string {
  return [
    'sot-sync init: to let agents search the ledgers over MCP, add this server to .mcp.json at the workspace root',
    '(Claude Code; Cursor: .cursor/mcp.json; VS Code: .vscode/mcp.json under "servers"):',
    mcpSnippet(configRoot),
  ].join('\n');
}
