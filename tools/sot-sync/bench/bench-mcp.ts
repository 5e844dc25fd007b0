// Scenarios for the MCP server (`sot-sync mcp`) on the SQLite index the sqlite group filled: its start-up (spawn to
// the tool list, as an agent's client sees it) and the latency of each tool inside one long-running server, measured
// by the SDK's own client over stdio. Every answer is checked (structured, no tool error, results found).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { RunPlan, ScenarioResult } from './bench-types';
import type { BenchWorkspace } from './bench-workspace';
import { loadAverage } from './describe-machine';
import { cliBinPath, cliEnv } from './run-cli';
import type { SqlStore } from './bench-sql';
import { spreadOf } from './summarize-samples';

/** Calls of each tool per size: enough for a stable median, few enough to keep the bench short. */
const CALLS = 30;

interface McpServer {
  client: Client;
  pid: number;
  close(): Promise<void>;
}

export async function benchMcp(ws: BenchWorkspace, plan: RunPlan, store: SqlStore): Promise<ScenarioResult[]> {
  const args = ['mcp', '--database-url', store.cliUrl(`cli-first-${plan.firstRuns - 1}`)];
  const command = `sot-sync ${args.join(' ')}`;
  const results = [await benchStart(ws, plan.runs, args, command)];
  const server = await startServer(ws.root, args);
  try {
    const file = mentionedPath(ws);
    const calls: [string, Record<string, unknown>, (result: CallToolResult) => string | null][] = [
      ['search_entries', { query: 'lease timeout' }, nonEmpty('results')],
      ['get_entry', { id: 'BUILD-100' }, (r) => (structured(r)['entryId'] === 'BUILD-100' ? null : 'get_entry did not return BUILD-100')],
      ['entries_for_files', { files: [file] }, nonEmpty('entries')],
      ['index_status', {}, nonEmpty('stores')],
    ];
    for (const [tool, toolArgs, check] of calls) results.push(await benchTool(ws, server, { tool, toolArgs, check, command }));
  } finally {
    await server.close();
  }
  return results;
}

/** Spawn → initialize → tools listed, a fresh server each run. */
async function benchStart(ws: BenchWorkspace, runs: number, args: readonly string[], command: string): Promise<ScenarioResult> {
  const loadAtStart = loadAverage();
  const times: number[] = [];
  const problems: string[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const server = await startServer(ws.root, args);
    const { tools } = await server.client.listTools();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (tools.length !== 4) problems.push(`the server listed ${tools.length} tools, expected 4`);
    await server.close();
  }
  return result(ws, 'mcp start (spawn to tools listed)', command, times, problems, Number.NaN, loadAtStart);
}

async function benchTool(
  ws: BenchWorkspace,
  server: McpServer,
  call: { tool: string; toolArgs: Record<string, unknown>; check: (result: CallToolResult) => string | null; command: string },
): Promise<ScenarioResult> {
  const loadAtStart = loadAverage();
  const times: number[] = [];
  const problems: string[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = process.hrtime.bigint();
    const answer = (await server.client.callTool({ name: call.tool, arguments: call.toolArgs })) as CallToolResult;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    const problem = answer.isError ? `${call.tool} answered with a tool error: ${JSON.stringify(answer.content).slice(0, 300)}` : call.check(answer);
    if (problem) problems.push(problem);
  }
  const scenario = `mcp ${call.tool} ${JSON.stringify(call.toolArgs)}`;
  return result(ws, scenario, `${call.command}, then ${CALLS} calls in one session`, times, problems, peakRssMb(server.pid), loadAtStart);
}

function result(
  ws: BenchWorkspace,
  scenario: string,
  command: string,
  times: number[],
  problems: string[],
  rssMb: number,
  loadAtStart: number,
): ScenarioResult {
  return {
    size: ws.size,
    scenario,
    command,
    summary: { runs: times.length, wallMs: spreadOf(times), cpuMs: spreadOf([Number.NaN]), peakRssMb: rssMb },
    phases: {},
    counts: '',
    problems: [...new Set(problems)],
    load: { start: loadAtStart, end: loadAverage() },
  };
}

async function startServer(cwd: string, args: readonly string[]): Promise<McpServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cliBinPath(), ...args],
    cwd,
    env: cliEnv() as Record<string, string>,
    stderr: 'ignore',
  });
  const client = new Client({ name: 'sot-sync-bench', version: '1.0.0' });
  await client.connect(transport);
  return { client, pid: transport.pid as number, close: () => client.close() };
}

const structured = (result: CallToolResult): Record<string, unknown> => (result.structuredContent ?? {}) as Record<string, unknown>;

function nonEmpty(field: string): (result: CallToolResult) => string | null {
  return (result) => {
    const list = structured(result)[field];
    return Array.isArray(list) && list.length > 0 ? null : `no ${field} in the answer`;
  };
}

/** A file path the synthetic ledgers mention (entries_for_files must find entries for it). */
function mentionedPath(ws: BenchWorkspace): string {
  const docs = path.join(ws.root, 'docs');
  for (const name of readdirSync(docs)) {
    // In code ticks: a path in an entry's text (the INDEX rows' summaries are no entry's text).
    const found = /`(src\/autopack\/[a-z]+_[a-z]+\.py)`/.exec(readFileSync(path.join(docs, name), 'utf8'));
    if (found) return found[1] as string;
  }
  throw new Error('the synthetic ledgers mention no src/autopack/*.py path');
}

/** The server's peak resident memory (VmHWM) after the calls, from /proc (Linux; NaN elsewhere). */
function peakRssMb(pid: number): number {
  try {
    const kib = Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kib / 1024;
  } catch {
    return Number.NaN;
  }
}
