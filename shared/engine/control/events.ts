// What a control-plane module tells the engine happened: an event in the Kubernetes style of
// DESIGN.md ({type, reason, object, message, data}) at a simulated time in milliseconds. The engine
// copies these into its event log (seconds) unchanged.

export interface ControlEvent {
  atMs: number;
  type: 'Normal' | 'Warning';
  reason: string;
  /** The object the event is about: a Deployment, a pod, a circuit breaker, … */
  object: string;
  message: string;
  data: Record<string, unknown>;
}

/** Randomness is passed in: a function returning numbers in [0, 1) (the run's seeded stream). */
export type Random = () => number;

export function event(
  atMs: number,
  type: ControlEvent['type'],
  reason: string,
  object: string,
  message: string,
  data: Record<string, unknown> = {},
): ControlEvent {
  return { atMs, type, reason, object, message, data };
}
