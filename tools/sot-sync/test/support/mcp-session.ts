// Starts the built `sot-sync mcp` as a child process and talks to it with the SDK's own client over stdio.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import * as fs from 'node:fs';
import { CLI_BIN, cleanEnv } from './run-cli';

export interface McpSession {
  client: Client;
  /** The tools the server listed (the client checks every structured result against their output schemas). */
  tools: Tool[];
  /** The server's process id. */
  pid: number;
  /** What the server wrote on stderr so far. */
  stderr(): string;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** `sot-sync mcp [args]` in `cwd`, connected and with its tools listed. */
export async function startMcp(cwd: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_BIN, 'mcp', ...args],
    cwd,
    env: cleanEnv(env) as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'sot-sync-test', version: '1.0.0' });
  await client.connect(transport);
  const { tools } = await client.listTools();
  return {
    client,
    tools,
    pid: transport.pid as number,
    stderr: () => stderr,
    call: async (name, toolArgs = {}) => (await client.callTool({ name, arguments: toolArgs })) as CallToolResult,
    close: () => client.close(),
  };
}

/** The text of a result's first content block. */
export function textOf(result: CallToolResult): string {
  const [first] = result.content;
  return first?.type === 'text' ? first.text : '';
}

/** Resident memory of a process in KiB and its open file descriptors, from /proc (Linux). */
export function processUsage(pid: number): { rssKiB: number; fds: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssKiB: Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN), fds: fs.readdirSync(`/proc/${pid}/fd`).length };
}
