// A call edge's Resilience4j circuit breaker (control/circuitBreaker.ts), from the edge's own
// `circuitBreaker` or, on a gateway's edges, the gateway's: asked for permission before each
// attempt (OPEN refuses with circuit_open, CallNotPermittedException), told every attempt's
// outcome and duration (a timeout is a failure of timeoutMs). State changes are events
// (CircuitOpened / CircuitHalfOpen / CircuitClosed) and the state is in the result and chunks.
// A gateway with a fallback answers from it (ok, counted as `fallbacks`) when the upstream fails
// or the circuit is open.
import {
  newCircuitBreaker,
  nextTransitionMs,
  onResult,
  onTimer,
  tryAcquirePermission,
  type CircuitBreaker,
  type CircuitBreakerConfig,
} from '../control/circuitBreaker';
import type { ControlEvent } from '../control/events';
import type { REdge } from '../graph';
import type { Timer } from '../timer';
import type { World } from '../world';
import { EV_TIMER } from '../world';

export interface BreakerView {
  state: string;
  notPermittedCalls: number;
  fallbacks: number;
  transitions: number;
}

export class EdgeGuard implements Timer {
  readonly cb: CircuitBreaker | null;
  fallbacks = 0;
  transitions = 0;
  private timerAt = Infinity;

  constructor(
    readonly edge: REdge,
    config: CircuitBreakerConfig | null,
    /** The gateway's fallback: 'static' or 'cached' answer instead of the failure; null = none. */
    readonly fallback: string | null,
  ) {
    this.cb = config === null ? null : newCircuitBreaker(`${edge.from.id}→${edge.to.id}`, config);
  }

  private emit(w: World, events: ControlEvent[]): void {
    for (const e of events) {
      this.transitions++;
      w.log.add(e.atMs, e.type, e.reason, this.edge.id, e.message, {
        ...e.data,
        edge: this.edge.id,
        breaker: e.object,
      });
    }
    const cb = this.cb;
    if (cb === null) return;
    const t = nextTransitionMs(cb);
    if (t !== Infinity && t !== this.timerAt) {
      this.timerAt = t;
      w.k.at(t, EV_TIMER, this, 0);
    }
  }

  /** May the next attempt go? */
  permit(w: World): boolean {
    if (this.cb === null) return true;
    const p = tryAcquirePermission(this.cb, w.k.now);
    if (p.events.length > 0) this.emit(w, p.events);
    return p.permitted;
  }

  /** An attempt that was permitted ended. */
  result(w: World, durationMs: number, failed: boolean): void {
    if (this.cb === null) return;
    const events = onResult(this.cb, w.k.now, durationMs, failed);
    if (events.length > 0) this.emit(w, events);
  }

  /** The call failed for good: answer from the fallback instead? */
  useFallback(): boolean {
    if (this.fallback === null) return false;
    this.fallbacks++;
    return true;
  }

  /** automaticTransitionFromOpenToHalfOpenEnabled. */
  fire(w: World): void {
    this.timerAt = Infinity;
    if (this.cb !== null) this.emit(w, onTimer(this.cb, w.k.now));
  }

  view(): BreakerView {
    return {
      state: this.cb?.state ?? 'NONE',
      notPermittedCalls: this.cb?.notPermittedCalls ?? 0,
      fallbacks: this.fallbacks,
      transitions: this.transitions,
    };
  }
}
