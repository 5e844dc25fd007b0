// Progress of long Qdrant syncs on a terminal (done/total, rate, time left); silent off a TTY, in CI and with --json.
// cli-progress (and the twenty modules it pulls in) is loaded only when a bar is shown: every other run starts faster.
import type * as CliProgress from 'cli-progress';

export interface ProgressBarOptions {
  /** `--json` promises machine output only: no bar. */
  json: boolean;
  /** Default process.stderr (stdout stays clean for --json and pipes). */
  stream?: NodeJS.WriteStream;
  /** Default process.env; `CI` set to anything but `false`/`0` disables the bar. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Shown before the bar (default `qdrant`). */
  label?: string;
}

/** Pass `onProgress` to the Qdrant target; call `stop()` when the run ends, whatever its outcome. */
export interface ProgressReporter {
  readonly enabled: boolean;
  onProgress(done: number, total: number): void;
  stop(): void;
}

/** True only for a person watching: a TTY, not CI, not --json. */
export function progressEnabled(options: ProgressBarOptions): boolean {
  const stream = options.stream ?? process.stderr;
  const ci = (options.env ?? process.env)['CI'];
  const inCi = ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
  return !options.json && stream.isTTY === true && !inCi;
}

/** A bar that starts on the first report (so short syncs with nothing to write show nothing) and clears on stop. */
export function createProgressBar(options: ProgressBarOptions): ProgressReporter {
  if (!progressEnabled(options)) return { enabled: false, onProgress: () => undefined, stop: () => undefined };
  const { Presets, SingleBar } = require('cli-progress') as typeof CliProgress;
  const bar = new SingleBar(
    {
      stream: options.stream ?? process.stderr,
      format: `${options.label ?? 'qdrant'} [{bar}] {value}/{total} points | {rate}/s | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 5,
    },
    Presets.shades_classic,
  );
  let startedAt = 0;
  return {
    enabled: true,
    onProgress(done: number, total: number): void {
      if (startedAt === 0) {
        startedAt = Date.now();
        bar.start(total, done, { rate: '0' });
        return;
      }
      const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
      bar.setTotal(total);
      bar.update(done, { rate: (done / seconds).toFixed(0) });
    },
    stop(): void {
      if (startedAt !== 0) bar.stop();
      startedAt = 0;
    },
  };
}
