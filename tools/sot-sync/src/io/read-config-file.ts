// Reads sot-sync.config.json at the workspace root; absent is fine, unreadable or invalid JSON is a usage error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../config/default-ledgers';
import { UsageError } from '../errors';

export function readConfigFile(root: string): unknown {
  const file = path.join(root, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseConfigText(text, file);
}

/** The JSON of a config file (`file` names it in the message: a path, or a path and "(staged)"). */
export function parseConfigText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
