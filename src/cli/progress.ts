import cliProgress from 'cli-progress';

export interface Progress {
  tick(done: number, total: number, label: string): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal; nothing when piped or in CI. */
export function createProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY || process.env.CI) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} files | {eta_formatted} left | {label}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    tick(done, total, label) {
      if (!started) {
        bar.start(total, 0, { label: '' });
        started = true;
      }
      bar.update(done, { label: label.length > 40 ? '…' + label.slice(-39) : label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
