// The model fields the control plane reads (shared/model/props.ts), with Kubernetes' own
// validation: validateHandler (exactly one probe handler), validateProbe (successThreshold 1 for
// liveness and startup), ValidateRollingUpdateDeployment (maxSurge and maxUnavailable not both 0).
import { describe, expect, it } from 'vitest';
import { CallProps, GatewayProps, ServiceProps } from '../../../shared/model/props';

const issues = (r: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('probe handler: exactly one of httpGet, tcpSocket, exec, grpc', () => {
  it('rejects a probe without a handler and one with two', () => {
    expect(issues(ServiceProps.safeParse({ readinessProbe: { periodSeconds: 2 } }))).toEqual([
      'readinessProbe.httpGet: must specify a handler type: httpGet, tcpSocket, exec or grpc',
    ]);
    const two = { httpGet: { path: '/', port: 80 }, tcpSocket: { port: 80 } };
    expect(issues(ServiceProps.safeParse({ livenessProbe: two }))).toEqual([
      'livenessProbe.tcpSocket: may not specify more than 1 handler type (has httpGet, tcpSocket)',
    ]);
    expect(ServiceProps.safeParse({ startupProbe: { exec: { command: ['true'] } } }).success).toBe(
      true,
    );
  });

  it('requires successThreshold 1 on liveness and startup probes, not on readiness', () => {
    const p = { tcpSocket: { port: 80 }, successThreshold: 2 };
    expect(issues(ServiceProps.safeParse({ livenessProbe: p }))).toEqual([
      'livenessProbe.successThreshold: must be 1',
    ]);
    expect(ServiceProps.safeParse({ readinessProbe: p }).success).toBe(true);
  });
});

describe('rolling update fenceposts', () => {
  it('rejects maxSurge 0 with maxUnavailable 0, as numbers or percentages', () => {
    for (const [maxSurge, maxUnavailable] of [
      [0, 0],
      ['0%', '0%'],
      [0, '0%'],
    ]) {
      const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } };
      expect(issues(ServiceProps.safeParse({ strategy }))).toEqual([
        'strategy.rollingUpdate.maxUnavailable: may not be 0 when maxSurge is 0 (the rollout could never make progress)',
      ]);
    }
    const recreate = { type: 'Recreate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } };
    expect(ServiceProps.safeParse({ strategy: recreate }).success).toBe(true);
    for (const [maxSurge, maxUnavailable] of [
      ['0%', 1],
      [1, '0%'],
    ]) {
      const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } };
      expect(ServiceProps.safeParse({ strategy }).success).toBe(true);
    }
  });

  it('rejects maxUnavailable over 100 %, as ValidateRollingUpdateDeployment does', () => {
    const strategy = { rollingUpdate: { maxSurge: '25%', maxUnavailable: '101%' } };
    expect(issues(ServiceProps.safeParse({ strategy }))).toEqual([
      'strategy.rollingUpdate.maxUnavailable: must not be greater than 100%',
    ]);
  });
});

describe('gateway and edge policies', () => {
  it('gives the Resilience4j and Envoy defaults when a breaker or detector is switched on', () => {
    const call = CallProps.parse({ circuitBreaker: {}, outlierDetection: {} });
    expect(call.circuitBreaker).toEqual({
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
    expect(call.outlierDetection).toEqual({
      consecutive5xx: 5,
      intervalMs: 10_000,
      baseEjectionTimeMs: 30_000,
      maxEjectionPercent: 10,
      maxEjectionTimeMs: 300_000,
    });
    expect(GatewayProps.parse({ rateLimit: {} }).rateLimit).toEqual({
      algorithm: 'token-bucket',
      capacity: 100,
      ratePerS: 50,
      windowMs: 1000,
      per: 'route',
    });
  });
});
