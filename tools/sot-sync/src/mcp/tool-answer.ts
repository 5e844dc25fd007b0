// What every MCP tool returns before the server shapes it, and how a failed call is told. No IO.
import { SotSyncError } from '../errors';
import { redactSecrets } from '../runtime/redact';

/** A tool's result: the document (`structuredContent`, as `--json` prints it) and the same for people (`content`). */
export interface ToolAnswer<T> {
  structured: T;
  text: string;
}

/** An argument a tool cannot use; its message starts with the argument's name. */
export class ToolArgumentError extends Error {}

/**
 * The text of a tool error: what the tool could not do and why, secrets masked. Known failures (a store that
 * cannot be read, an entry that does not exist, a deadline) are told as they are; anything else is a defect,
 * said to be one, and the server keeps serving.
 */
export function describeFailure(tool: string, error: unknown, secrets: readonly string[]): string {
  if (error instanceof ToolArgumentError) return redactSecrets(`${tool}: ${error.message}`, secrets);
  if (error instanceof SotSyncError) return redactSecrets(`${tool}: ${error.message}`, secrets);
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(`${tool} failed unexpectedly: ${message}`, secrets);
}
