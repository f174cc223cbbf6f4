// The Resilience4j CircuitBreaker state machine (resilience4j-circuitbreaker:
// CircuitBreakerStateMachine, CircuitBreakerMetrics; core metrics FixedSizeSlidingWindowMetrics and
// SlidingTimeWindowMetrics), with its config property names and defaults. States CLOSED, OPEN,
// HALF_OPEN, DISABLED, FORCED_OPEN. The breaker is plain data updated in place (it runs on every
// call); transitions come back as events (CircuitOpened / CircuitHalfOpen / CircuitClosed).
import { event, type ControlEvent } from './events';

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN' | 'DISABLED' | 'FORCED_OPEN';

export interface CircuitBreakerConfig {
  slidingWindowType: 'COUNT_BASED' | 'TIME_BASED';
  /** Calls (COUNT_BASED) or seconds (TIME_BASED). Default 100. */
  slidingWindowSize: number;
  /** No rate is computed before this many calls are in the window. Default 100. */
  minimumNumberOfCalls: number;
  /** Percent; open when the failure rate is ≥ this. Default 50. */
  failureRateThreshold: number;
  /** Percent; open when the slow-call rate is ≥ this. Default 100. */
  slowCallRateThreshold: number;
  /** A call taking longer than this is slow (strictly above). Default 60 000 ms. */
  slowCallDurationThresholdMs: number;
  /** Default 60 000 ms. */
  waitDurationInOpenStateMs: number;
  /** Default 10. */
  permittedNumberOfCallsInHalfOpenState: number;
  /** Go to HALF_OPEN on a timer instead of on the first call after the wait. Default false. */
  automaticTransitionFromOpenToHalfOpenEnabled: boolean;
}

export const CIRCUIT_BREAKER_DEFAULTS: CircuitBreakerConfig = {
  slidingWindowType: 'COUNT_BASED',
  slidingWindowSize: 100,
  minimumNumberOfCalls: 100,
  failureRateThreshold: 50,
  slowCallRateThreshold: 100,
  slowCallDurationThresholdMs: 60_000,
  waitDurationInOpenStateMs: 60_000,
  permittedNumberOfCallsInHalfOpenState: 10,
  automaticTransitionFromOpenToHalfOpenEnabled: false,
};

/** Outcome codes as Resilience4j's Metrics.Outcome. */
const SUCCESS = 0;
const SLOW_SUCCESS = 1;
const ERROR = 2;
const SLOW_ERROR = 3;

/** The calls in the window: a ring of outcomes (COUNT_BASED) or one bucket per second (TIME_BASED). */
interface Window {
  type: 'COUNT_BASED' | 'TIME_BASED';
  size: number;
  minimumNumberOfCalls: number;
  ring: number[];
  next: number;
  /** TIME_BASED buckets: [epochSecond, calls, failed, slow] per slot. */
  buckets: [number, number, number, number][];
  calls: number;
  failed: number;
  slow: number;
}

export interface CircuitBreaker {
  name: string;
  config: CircuitBreakerConfig;
  state: CircuitState;
  window: Window;
  /** When the breaker last opened (OPEN: it waits waitDurationInOpenState from here). */
  openedAtMs: number;
  /** HALF_OPEN: calls still permitted. */
  permits: number;
  notPermittedCalls: number;
}

export interface Rates {
  /** Percent, or −1 below minimumNumberOfCalls (as Resilience4j reports it). */
  failureRate: number;
  slowCallRate: number;
  calls: number;
}

function newWindow(type: Window['type'], size: number, minimumNumberOfCalls: number): Window {
  return {
    type,
    size,
    minimumNumberOfCalls,
    ring: [],
    next: 0,
    buckets: Array.from({ length: type === 'TIME_BASED' ? size : 0 }, () => [-1, 0, 0, 0]),
    calls: 0,
    failed: 0,
    slow: 0,
  };
}

/** CircuitBreakerMetrics.forClosed: a COUNT_BASED window never waits for more calls than it holds. */
function closedWindow(c: CircuitBreakerConfig): Window {
  const min =
    c.slidingWindowType === 'COUNT_BASED'
      ? Math.min(c.minimumNumberOfCalls, c.slidingWindowSize)
      : c.minimumNumberOfCalls;
  return newWindow(c.slidingWindowType, c.slidingWindowSize, min);
}

/** CircuitBreakerMetrics.forHalfOpen: a count window of the permitted calls. */
function halfOpenWindow(c: CircuitBreakerConfig): Window {
  const n = c.permittedNumberOfCallsInHalfOpenState;
  return newWindow('COUNT_BASED', n, n);
}

export function newCircuitBreaker(
  name: string,
  config: Partial<CircuitBreakerConfig> = {},
): CircuitBreaker {
  const c = { ...CIRCUIT_BREAKER_DEFAULTS, ...config };
  return {
    name,
    config: c,
    state: 'CLOSED',
    window: closedWindow(c),
    openedAtMs: 0,
    permits: 0,
    notPermittedCalls: 0,
  };
}

function add(w: Window, outcome: number, sign: 1 | -1): void {
  w.calls += sign;
  if (outcome >= ERROR) w.failed += sign;
  if (outcome === SLOW_SUCCESS || outcome === SLOW_ERROR) w.slow += sign;
}

function record(w: Window, outcome: number, nowMs: number): void {
  if (w.type === 'COUNT_BASED') {
    if (w.ring.length < w.size) w.ring.push(outcome);
    else {
      add(w, w.ring[w.next] as number, -1);
      w.ring[w.next] = outcome;
    }
    w.next = (w.next + 1) % w.size;
    add(w, outcome, 1);
    return;
  }
  moveTimeWindow(w, nowMs);
  const second = Math.floor(nowMs / 1000);
  const bucket = w.buckets[second % w.size] as [number, number, number, number];
  bucket[1]++;
  if (outcome >= ERROR) bucket[2]++;
  if (outcome === SLOW_SUCCESS || outcome === SLOW_ERROR) bucket[3]++;
  add(w, outcome, 1);
}

/** SlidingTimeWindowMetrics: buckets older than `size` seconds leave the totals. */
function moveTimeWindow(w: Window, nowMs: number): void {
  const second = Math.floor(nowMs / 1000);
  for (const b of w.buckets) {
    if (b[0] !== -1 && b[0] <= second - w.size) {
      w.calls -= b[1];
      w.failed -= b[2];
      w.slow -= b[3];
      b[0] = -1;
      b[1] = b[2] = b[3] = 0;
    }
  }
  const slot = w.buckets[second % w.size] as [number, number, number, number];
  if (slot[0] === -1) slot[0] = second;
}

/** The failure and slow-call rates now (getFailureRate / getSlowCallRate). */
export function rates(cb: CircuitBreaker, nowMs: number): Rates {
  const w = cb.window;
  if (w.type === 'TIME_BASED') moveTimeWindow(w, nowMs);
  if (w.calls === 0 || w.calls < w.minimumNumberOfCalls) {
    return { failureRate: -1, slowCallRate: -1, calls: w.calls };
  }
  return {
    failureRate: (w.failed * 100) / w.calls,
    slowCallRate: (w.slow * 100) / w.calls,
    calls: w.calls,
  };
}

function transition(
  cb: CircuitBreaker,
  to: CircuitState,
  nowMs: number,
  why: Record<string, unknown> = {},
): ControlEvent {
  const from = cb.state;
  cb.state = to;
  if (to === 'OPEN' || to === 'FORCED_OPEN') cb.openedAtMs = nowMs;
  if (to === 'HALF_OPEN') {
    cb.window = halfOpenWindow(cb.config);
    cb.permits = cb.config.permittedNumberOfCallsInHalfOpenState;
  } else cb.window = closedWindow(cb.config);
  const reason =
    to === 'OPEN' || to === 'FORCED_OPEN'
      ? 'CircuitOpened'
      : to === 'HALF_OPEN'
        ? 'CircuitHalfOpen'
        : to === 'CLOSED'
          ? 'CircuitClosed'
          : 'CircuitDisabled';
  const message = `Circuit breaker ${cb.name} changed state from ${from} to ${to}`;
  return event(nowMs, to === 'OPEN' ? 'Warning' : 'Normal', reason, cb.name, message, {
    from,
    to,
    ...why,
  });
}

export interface Permission {
  permitted: boolean;
  events: ControlEvent[];
}

/**
 * tryAcquirePermission. OPEN turns HALF_OPEN on the first call strictly after
 * waitDurationInOpenState (OpenState: `clock.instant().isAfter(retryAfterWaitDuration)`).
 * A refused call is a CallNotPermittedException: the caller answers from its fallback or fails.
 */
export function tryAcquirePermission(cb: CircuitBreaker, nowMs: number): Permission {
  const events: ControlEvent[] = [];
  if (cb.state === 'OPEN' && nowMs > cb.openedAtMs + cb.config.waitDurationInOpenStateMs) {
    events.push(transition(cb, 'HALF_OPEN', nowMs));
  }
  let permitted: boolean;
  switch (cb.state) {
    case 'CLOSED':
    case 'DISABLED':
      permitted = true;
      break;
    case 'HALF_OPEN':
      permitted = cb.permits > 0;
      if (permitted) cb.permits--;
      break;
    default:
      permitted = false;
  }
  if (!permitted) cb.notPermittedCalls++;
  return { permitted, events };
}

/** With automaticTransitionFromOpenToHalfOpenEnabled: when the engine should call `onTimer`. */
export function nextTransitionMs(cb: CircuitBreaker): number {
  if (cb.state !== 'OPEN' || !cb.config.automaticTransitionFromOpenToHalfOpenEnabled) {
    return Infinity;
  }
  return cb.openedAtMs + cb.config.waitDurationInOpenStateMs;
}

export function onTimer(cb: CircuitBreaker, nowMs: number): ControlEvent[] {
  return nowMs >= nextTransitionMs(cb) ? [transition(cb, 'HALF_OPEN', nowMs)] : [];
}

/**
 * onSuccess / onError of a permitted call that took `durationMs`. CLOSED opens once a rate is
 * at or over its threshold; HALF_OPEN decides once all permitted calls are in: OPEN again if a
 * threshold is reached, CLOSED otherwise. Results reaching an OPEN breaker are not recorded.
 */
export function onResult(
  cb: CircuitBreaker,
  nowMs: number,
  durationMs: number,
  failed: boolean,
): ControlEvent[] {
  if (cb.state !== 'CLOSED' && cb.state !== 'HALF_OPEN') return [];
  const slow = durationMs > cb.config.slowCallDurationThresholdMs;
  const outcome = failed ? (slow ? SLOW_ERROR : ERROR) : slow ? SLOW_SUCCESS : SUCCESS;
  record(cb.window, outcome, nowMs);
  const r = rates(cb, nowMs);
  if (r.failureRate === -1) return [];
  const c = cb.config;
  const above =
    r.failureRate >= c.failureRateThreshold || r.slowCallRate >= c.slowCallRateThreshold;
  if (above) return [transition(cb, 'OPEN', nowMs, { ...r })];
  if (cb.state === 'HALF_OPEN') return [transition(cb, 'CLOSED', nowMs, { ...r })];
  return [];
}

/** transitionToDisabledState / transitionToForcedOpenState / transitionToClosedState / reset. */
export function transitionTo(cb: CircuitBreaker, to: CircuitState, nowMs: number): ControlEvent[] {
  if (cb.state === to && to !== 'CLOSED') return [];
  return [transition(cb, to, nowMs)];
}
