// The run's event log, in the Kubernetes style of DESIGN.md: {t, type, reason, object, message, data}.
// Times are simulated seconds from the start.

export interface RunEvent {
  t: number;
  type: 'Normal' | 'Warning';
  reason: string;
  object: string;
  message: string;
  data: Record<string, unknown>;
}

export class EventLog {
  readonly events: RunEvent[] = [];
  dropped = 0;
  constructor(private readonly max: number) {}

  add(
    nowMs: number,
    type: RunEvent['type'],
    reason: string,
    object: string,
    message: string,
    data: Record<string, unknown> = {},
  ): void {
    if (this.events.length >= this.max) {
      this.dropped++;
      return;
    }
    this.events.push({ t: Math.round(nowMs) / 1000, type, reason, object, message, data });
  }
}
