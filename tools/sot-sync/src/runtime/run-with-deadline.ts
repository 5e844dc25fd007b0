// Runs one job (a sync, a tidy) under the run's Deadline and turns SIGINT/SIGTERM into an interruption: the one run
// wrapper of the CLI and the executors. It never exits the process: the face reports and decides what happens next.
import { Deadline } from './deadline';

/** Calls `work` with a fresh Deadline of `seconds`; signal handlers and the timer are removed afterwards. */
export async function runWithDeadline<T>(seconds: number, work: (deadline: Deadline) => Promise<T>): Promise<T> {
  const deadline = new Deadline(seconds);
  const onSignal = (signal: NodeJS.Signals): void => deadline.interrupt(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    return await work(deadline);
  } finally {
    deadline.dispose();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}
