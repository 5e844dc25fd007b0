// Reads sot-sync.config.json at the workspace root; absent is fine, unreadable or invalid JSON is a usage error.
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../config/default-ledgers';
import { UsageError } from '../errors';
import { explainFsError } from './explain-fs-error';
import { readRegularFile, type RegularFileRead } from './read-regular-file';

export function readConfigFile(root: string): unknown {
  const file = path.join(root, CONFIG_FILE_NAME);
  let read: RegularFileRead;
  try {
    read = readRegularFile(file);
  } catch (error) {
    throw new UsageError(explainFsError(error, 'read', file) ?? `cannot read ${file}: ${(error as Error).message}`);
  }
  if (read.kind === 'missing') return undefined;
  // A FIFO here would block the run before any deadline exists (issue 11, D2).
  if (read.kind === 'not-a-file')
    throw new UsageError(`${file} is ${read.what}, not a regular file, so it was not read: replace it with a JSON file or remove it`);
  return parseConfigText(read.bytes.toString('utf8'), file);
}

/** The JSON of a config file (`file` names it in the message: a path, or a path and "(staged)"). */
export function parseConfigText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
