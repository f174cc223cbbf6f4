// Progress of a run on stderr. On a terminal: a one-line bar, redrawn in place, shown once a run
// has taken more than a second of wall time and cleared when it ends or on Ctrl+C. Without a
// terminal (CI logs, a pipe): a plain line every few seconds, so a long run never looks hung.
import type { Output } from './commands';

const WIDTH = 30;
/** Wall time between two progress lines when stderr is not a terminal (ms). */
export const LINE_EVERY_MS = 5000;

export class Progress {
  private started = 0;
  private totalMs = 0;
  private shown = false;
  private lastDraw = 0;

  constructor(private readonly io: Output) {}

  start(totalMs: number): void {
    this.totalMs = totalMs;
    this.started = this.lastDraw = this.io.now();
  }

  update(simMs: number): void {
    const now = this.io.now();
    const fraction = this.totalMs > 0 ? Math.min(1, simMs / this.totalMs) : 1;
    const percent = `${(fraction * 100).toFixed(0).padStart(3)} %`;
    if (!this.io.tty) {
      if (now - this.lastDraw < LINE_EVERY_MS) return;
      this.lastDraw = now;
      const elapsed = ((now - this.started) / 1000).toFixed(0);
      this.io.err(
        `progress: t=${(simMs / 1000).toFixed(1)} s of ${this.totalMs / 1000} s (${percent.trim()}), ${elapsed} s elapsed\n`,
      );
      return;
    }
    if (now - this.started < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    const filled = Math.round(fraction * WIDTH);
    const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
    this.io.err(`\r[${bar}] ${percent}  t=${(simMs / 1000).toFixed(0)} s`);
  }

  /** Clear the bar (at the end of a run, or on Ctrl+C before exiting). */
  done(): void {
    if (!this.shown) return;
    this.shown = false;
    this.io.err('\r\x1b[2K');
  }
}
