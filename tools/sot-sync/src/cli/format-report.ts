// Pure: the CLI's own lines (validate's summary), beside the run report every face prints (sync/format-report.ts).
import type { ValidateReport } from './commands/validate';

export { formatDiagnostic, formatReport } from '../sync/format-report';

/** The last line of `sot-sync validate`: what it checked and what blocks. */
export function formatValidateSummary(report: ValidateReport): string {
  return `sot-sync validate: ${report.checked.length} ledger(s) checked, ${report.blocking} problem(s) blocking, ${report.warnings} warning(s)`;
}
