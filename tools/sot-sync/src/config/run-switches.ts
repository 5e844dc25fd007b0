// What a config file may hold. sot-sync.config.json holds settings: where the ledgers are, which stores, how long a
// run may take. Switches that choose what one run does (write or not, rebuild, delete en masse, how to print) are
// given per run, as a flag or an executor option; in the file they would be validated and then ignored, so a
// `"allowMassDelete": true` there would look like it guards nothing while doing nothing.
import { UsageError } from '../errors';

/** Options read from flags and executor options only, with the flag that sets each. */
export const RUN_SWITCHES: Readonly<Record<string, string>> = {
  mode: '--docs-only, --db-only, --qdrant-only or --full',
  execute: '--execute',
  rebuild: '--rebuild',
  allowMassDelete: '--allow-mass-delete',
  verify: '--verify',
  json: '--json',
  timing: '--no-timing',
  verbose: '--verbose',
  root: '--root',
  reportFile: 'the executor option reportFile',
};

/** Refuses every run switch in a config file, naming the file, each key and where it belongs instead. */
export function rejectRunSwitches(config: unknown, file: string): void {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return;
  const found = Object.keys(config).filter((key) => Object.hasOwn(RUN_SWITCHES, key));
  if (found.length === 0) return;
  const each = found.map((key) => `"${key}" (use ${RUN_SWITCHES[key]})`).join(', ');
  const them = found.length === 1 ? 'it is a switch' : 'they are switches';
  throw new UsageError(
    `${file}: ${each}: ${them} for one run, not a setting, so a config file cannot hold ${found.length === 1 ? 'it' : 'them'}; remove ${found.length === 1 ? 'it' : 'them'} from the file`,
  );
}
