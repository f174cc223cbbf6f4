// Resilience4j CircuitBreaker (docs: resilience4j.readme.io/docs/circuitbreaker, "Create and
// configure a CircuitBreaker"; code: CircuitBreakerStateMachine, CircuitBreakerMetrics
// checkIfThresholdsExceeded/onSuccess). Each sequence is scripted call by call with the exact
// call at which the state changes, worked by hand.
import { describe, expect, it } from 'vitest';
import {
  CIRCUIT_BREAKER_DEFAULTS,
  newCircuitBreaker,
  nextTransitionMs,
  onResult,
  onTimer,
  rates,
  transitionTo,
  tryAcquirePermission,
  type CircuitBreaker,
  type CircuitBreakerConfig,
} from '../../../shared/engine/control/circuitBreaker';

type Call = 'S' | 'F' | 'slow';

/** Run calls at `atMs`; returns the state after each call. */
function calls(cb: CircuitBreaker, script: Call[], atMs = 0, gapMs = 0): string[] {
  return script.map((c, i) => {
    const t = atMs + i * gapMs;
    const p = tryAcquirePermission(cb, t);
    if (!p.permitted) return `${cb.state}(rejected)`;
    onResult(cb, t, c === 'slow' ? 2000 : 10, c === 'F');
    return cb.state;
  });
}

const small = (c: Partial<CircuitBreakerConfig> = {}) =>
  newCircuitBreaker('payments', {
    slidingWindowSize: 10,
    minimumNumberOfCalls: 5,
    waitDurationInOpenStateMs: 60_000,
    permittedNumberOfCallsInHalfOpenState: 3,
    ...c,
  });

describe('defaults as documented (CircuitBreakerConfig)', () => {
  it('has the Resilience4j defaults', () => {
    expect(CIRCUIT_BREAKER_DEFAULTS).toEqual({
      slidingWindowType: 'COUNT_BASED',
      slidingWindowSize: 100,
      minimumNumberOfCalls: 100,
      failureRateThreshold: 50,
      slowCallRateThreshold: 100,
      slowCallDurationThresholdMs: 60_000,
      waitDurationInOpenStateMs: 60_000,
      permittedNumberOfCallsInHalfOpenState: 10,
      automaticTransitionFromOpenToHalfOpenEnabled: false,
    });
  });
});

describe('CLOSED → OPEN (failureRateThreshold 50 %, minimumNumberOfCalls 5)', () => {
  it('computes no rate before minimumNumberOfCalls, then opens at 3 failures of 5 (60 %)', () => {
    const cb = small();
    expect(calls(cb, ['F', 'F', 'F', 'S'])).toEqual(['CLOSED', 'CLOSED', 'CLOSED', 'CLOSED']);
    expect(rates(cb, 0)).toEqual({ failureRate: -1, slowCallRate: -1, calls: 4 });
    // The 5th call completes the minimum: 3/5 = 60 % ≥ 50 % → OPEN.
    expect(calls(cb, ['S'])).toEqual(['OPEN']);
  });

  it('opens on the call that brings the rate to the threshold (≥, not >)', () => {
    const cb = small();
    // S S S F F: 2/5 = 40 %; F: 3/6 = 50 % ≥ 50 → OPEN on the 6th call.
    expect(calls(cb, ['S', 'S', 'S', 'F', 'F', 'F'])).toEqual([
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'OPEN',
    ]);
  });

  it('reports the transition as a CircuitOpened event with the rates', () => {
    const cb = small({ minimumNumberOfCalls: 2 });
    tryAcquirePermission(cb, 5);
    onResult(cb, 5, 10, true);
    tryAcquirePermission(cb, 7);
    expect(onResult(cb, 7, 10, false)).toEqual([
      {
        atMs: 7,
        type: 'Warning',
        reason: 'CircuitOpened',
        object: 'payments',
        message: 'Circuit breaker payments changed state from CLOSED to OPEN',
        data: { from: 'CLOSED', to: 'OPEN', failureRate: 50, slowCallRate: 0, calls: 2 },
      },
    ]);
  });

  it('forgets the oldest call in a COUNT_BASED window of slidingWindowSize', () => {
    const cb = small({ slidingWindowSize: 4, minimumNumberOfCalls: 4, failureRateThreshold: 75 });
    // F F S S: 50 %; S drops the first F: F S S S = 25 %; F F: S S F F = 50 %; F: S F F F = 75 % → OPEN.
    expect(calls(cb, ['F', 'F', 'S', 'S', 'S', 'F', 'F', 'F'])).toEqual([
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'OPEN',
    ]);
  });
});

describe('slow calls (slowCallDurationThreshold, slowCallRateThreshold)', () => {
  it('counts a call as slow only strictly above the threshold (CircuitBreakerMetrics.onSuccess)', () => {
    const cb = small({ minimumNumberOfCalls: 2, slowCallRateThreshold: 100 });
    cb.config.slowCallDurationThresholdMs = 1000;
    tryAcquirePermission(cb, 0);
    onResult(cb, 0, 1000, false); // exactly the threshold: not slow
    tryAcquirePermission(cb, 0);
    onResult(cb, 0, 1001, false);
    expect(rates(cb, 0)).toEqual({ failureRate: 0, slowCallRate: 50, calls: 2 });
    expect(cb.state).toBe('CLOSED');
  });

  it('opens on a slow-call rate at its threshold even when every call succeeds', () => {
    const cb = small({ slowCallRateThreshold: 60, slowCallDurationThresholdMs: 1000 });
    // slow slow S slow S: 3/5 = 60 % slow → OPEN on the 5th call, no failure at all.
    expect(calls(cb, ['slow', 'slow', 'S', 'slow', 'S'])).toEqual([
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'OPEN',
    ]);
  });
});

describe('OPEN → HALF_OPEN → CLOSED or OPEN', () => {
  function opened(): CircuitBreaker {
    const cb = small({ minimumNumberOfCalls: 1 });
    calls(cb, ['F'], 1000); // opens at t = 1 s
    return cb;
  }

  it('rejects every call for waitDurationInOpenState, then half-opens on the first call after it', () => {
    const cb = opened();
    expect(tryAcquirePermission(cb, 30_000).permitted).toBe(false);
    // Opened at 1 000 ms, wait 60 000 ms: at 61 000 not yet (isAfter is strict), at 61 001 yes.
    expect(tryAcquirePermission(cb, 61_000)).toEqual({ permitted: false, events: [] });
    const p = tryAcquirePermission(cb, 61_001);
    expect(p.permitted).toBe(true);
    expect(p.events.map((e) => e.reason)).toEqual(['CircuitHalfOpen']);
    expect(cb.notPermittedCalls).toBe(2);
  });

  it('permits permittedNumberOfCallsInHalfOpenState calls, then closes when they are healthy', () => {
    const cb = opened();
    // 3 permitted (the first one makes the transition), the 4th refused while they run.
    const permits = [61_001, 61_002, 61_003, 61_004].map(
      (t) => tryAcquirePermission(cb, t).permitted,
    );
    expect(permits).toEqual([true, true, true, false]);
    expect(onResult(cb, 61_100, 10, false)).toEqual([]);
    expect(onResult(cb, 61_100, 10, true)).toEqual([]);
    // S F S: 1/3 = 33 % < 50 % → CLOSED on the third result.
    expect(onResult(cb, 61_100, 10, false).map((e) => e.reason)).toEqual(['CircuitClosed']);
    expect(cb.state).toBe('CLOSED');
  });

  it('opens again when the half-open calls fail at the threshold, and waits again', () => {
    const cb = opened();
    // F S F: 2/3 = 66.7 % ≥ 50 % → OPEN on the third result, at 61 003 ms.
    expect(calls(cb, ['F', 'S', 'F'], 61_001, 1)).toEqual(['HALF_OPEN', 'HALF_OPEN', 'OPEN']);
    expect(cb.openedAtMs).toBe(61_003);
    expect(tryAcquirePermission(cb, 121_003).permitted).toBe(false);
    expect(tryAcquirePermission(cb, 121_004).permitted).toBe(true);
  });

  it('with automaticTransitionFromOpenToHalfOpenEnabled, half-opens on a timer', () => {
    const cb = small({
      minimumNumberOfCalls: 1,
      automaticTransitionFromOpenToHalfOpenEnabled: true,
    });
    calls(cb, ['F'], 1000);
    expect(nextTransitionMs(cb)).toBe(61_000);
    expect(onTimer(cb, 61_000).map((e) => e.reason)).toEqual(['CircuitHalfOpen']);
    expect(nextTransitionMs(cb)).toBe(Infinity);
  });
});

describe('TIME_BASED sliding window (slidingWindowSize in seconds)', () => {
  it('keeps only the calls of the last N epoch seconds', () => {
    const cb = small({
      slidingWindowType: 'TIME_BASED',
      slidingWindowSize: 10,
      minimumNumberOfCalls: 3,
    });
    calls(cb, ['F'], 0);
    calls(cb, ['F'], 1000);
    // At 10.5 s the window holds seconds 1…10: the failure at second 0 is gone.
    calls(cb, ['S'], 10_500);
    expect(rates(cb, 10_500)).toEqual({ failureRate: -1, slowCallRate: -1, calls: 2 });
    // One more failure: F(1 s) S(10.5 s) F(10.6 s) = 2/3 = 66.7 % → OPEN.
    expect(calls(cb, ['F'], 10_600)).toEqual(['OPEN']);
  });
});

describe('DISABLED and FORCED_OPEN', () => {
  it('DISABLED permits everything and records nothing; FORCED_OPEN refuses everything', () => {
    const cb = small({ minimumNumberOfCalls: 1 });
    expect(transitionTo(cb, 'DISABLED', 0).map((e) => e.data['to'])).toEqual(['DISABLED']);
    expect(calls(cb, ['F', 'F', 'F'])).toEqual(['DISABLED', 'DISABLED', 'DISABLED']);
    transitionTo(cb, 'FORCED_OPEN', 0);
    expect(tryAcquirePermission(cb, 10_000_000).permitted).toBe(false);
    expect(transitionTo(cb, 'CLOSED', 1).map((e) => e.reason)).toEqual(['CircuitClosed']);
    expect(calls(cb, ['F'])).toEqual(['OPEN']);
  });
});
