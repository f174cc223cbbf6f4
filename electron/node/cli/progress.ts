// A one-line progress bar on stderr, shown only on a terminal and only once a run has taken
// more than a second of wall time.
import type { Output } from './commands';

const WIDTH = 30;

export class Progress {
  private readonly started: number;
  private shown = false;
  private lastDraw = 0;

  constructor(
    private readonly io: Output,
    private readonly totalMs: number,
  ) {
    this.started = io.now();
  }

  update(simMs: number): void {
    if (!this.io.tty) return;
    const now = this.io.now();
    if (now - this.started < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    const fraction = this.totalMs > 0 ? Math.min(1, simMs / this.totalMs) : 1;
    const filled = Math.round(fraction * WIDTH);
    const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
    this.io.err(
      `\r[${bar}] ${(fraction * 100).toFixed(0).padStart(3)} %  t=${(simMs / 1000).toFixed(0)} s`,
    );
  }

  done(): void {
    if (this.shown) this.io.err('\r\x1b[2K');
  }
}
