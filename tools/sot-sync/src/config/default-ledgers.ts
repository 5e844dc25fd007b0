// The ledgers every workspace starts with; existing databases use these file_type keys.
import type { LedgerSpec } from '../ledger/types';

export const DEFAULT_LEDGERS: readonly LedgerSpec[] = [
  { fileType: 'build_history', path: 'BUILD_HISTORY.md', prefix: 'BUILD' },
  { fileType: 'architecture', path: 'ARCHITECTURE_DECISIONS.md', prefix: 'DEC' },
  { fileType: 'debug_log', path: 'DEBUG_LOG.md', prefix: 'DBG' },
];

export const DEFAULT_PROJECT_ID = 'autopack';
export const DEFAULT_DATABASE_URL = 'sqlite:///autopack.db';
export const CONFIG_FILE_NAME = 'sot-sync.config.json';
