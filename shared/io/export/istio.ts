// Edge policies as Istio objects: per callee a VirtualService whose http routes match each
// caller by its `app` label and carry that edge's timeout and retries (attempts 0 written out,
// since Istio retries twice by default), a DestinationRule with the outlier detection, and for
// each gateway with routes a Gateway and a VirtualService with the routes' weights.
import type { ArchDocument } from '../../model';
import { durationText } from '../import/duration';
import type { Exported } from './k8s';
import { kubeNames } from './names';

/** Integer percentages summing to 100, in proportion to the weights (largest remainder). */
export function percentages(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return weights.map((_, i) => (i === 0 ? 100 : 0));
  const raw = weights.map((w) => (w * 100) / total);
  const out = raw.map(Math.floor);
  let left = 100 - out.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => [r - Math.floor(r), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

export function toIstio(doc: ArchDocument, namespace = 'default'): Exported {
  const names = kubeNames(doc);
  const name = (id: string) => names.get(id) as string;
  const objects: Record<string, unknown>[] = [];
  const notes: string[] = [];
  const kindOf = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  for (const callee of doc.nodes) {
    const edges = doc.edges.filter(
      (e) =>
        e.to === callee.id &&
        e.kind === 'call' &&
        kindOf.get(e.from) !== 'client' &&
        kindOf.get(e.from) !== 'queue',
    );
    if (edges.length === 0 || callee.kind === 'external') continue;
    const host = name(callee.id);
    const http = edges.map((e) => {
      const p = e.kind === 'call' ? e.props : undefined;
      const route: Record<string, unknown> = {
        name: `from-${name(e.from)}`,
        match: [{ sourceLabels: { app: name(e.from) } }],
        route: [{ destination: { host } }],
      };
      if (p && p.timeoutMs > 0) route['timeout'] = durationText(p.timeoutMs * (p.retries + 1));
      route['retries'] =
        p && p.retries > 0
          ? {
              attempts: p.retries,
              ...(p.timeoutMs > 0 ? { perTryTimeout: durationText(p.timeoutMs) } : {}),
              retryOn: '5xx,reset,connect-failure,refused-stream',
            }
          : { attempts: 0 };
      if (p?.circuitBreaker)
        notes.push(
          `edge ${e.from} → ${e.to}: its circuit breaker (Resilience4j) has no Istio counterpart; not exported`,
        );
      return route;
    });
    objects.push({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'VirtualService',
      metadata: { name: host, namespace },
      spec: { hosts: [host], http: [...http, { route: [{ destination: { host } }] }] },
    });
    const od = edges.find((e) => e.kind === 'call' && e.props.outlierDetection)?.props;
    const outlier = od && 'outlierDetection' in od ? od.outlierDetection : undefined;
    if (outlier) {
      const differ = edges.some(
        (e) =>
          e.kind === 'call' && JSON.stringify(e.props.outlierDetection) !== JSON.stringify(outlier),
      );
      if (differ)
        notes.push(
          `${callee.id}: callers disagree on outlier detection; a DestinationRule holds one, the first caller's`,
        );
      objects.push({
        apiVersion: 'networking.istio.io/v1beta1',
        kind: 'DestinationRule',
        metadata: { name: host, namespace },
        spec: {
          host,
          trafficPolicy: {
            outlierDetection: {
              consecutive5xxErrors: outlier.consecutive5xx,
              interval: durationText(outlier.intervalMs),
              baseEjectionTime: durationText(outlier.baseEjectionTimeMs),
              maxEjectionPercent: outlier.maxEjectionPercent,
            },
          },
        },
      });
      notes.push(
        `${callee.id}: outlier maxEjectionTime (${outlier.maxEjectionTimeMs} ms) has no field in Istio's API; Envoy's default applies`,
      );
    }
  }
  for (const g of doc.nodes) {
    if (g.kind !== 'gateway' || g.props.routes.length === 0) continue;
    const gw = name(g.id);
    objects.push({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'Gateway',
      metadata: { name: gw, namespace },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
      },
    });
    const prefixes = [...new Set(g.props.routes.map((r) => r.prefix))].sort(
      (a, b) => b.length - a.length,
    );
    objects.push({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'VirtualService',
      metadata: { name: `${gw}-routes`, namespace },
      spec: {
        hosts: ['*'],
        gateways: [gw],
        http: prefixes.map((prefix) => {
          const routes = g.props.routes.filter((r) => r.prefix === prefix && names.has(r.target));
          const pct = percentages(routes.map((r) => r.weight));
          return {
            match: [{ uri: { prefix: prefix === '' ? '/' : prefix } }],
            route: routes.map((r, i) => ({
              destination: { host: name(r.target) },
              weight: pct[i],
            })),
          };
        }),
      },
    });
    if (g.props.rateLimit)
      notes.push(
        `gateway ${g.id}: its rate limit needs an EnvoyFilter or a rate-limit service; not exported`,
      );
    if (g.props.circuitBreaker)
      notes.push(`gateway ${g.id}: its circuit breaker has no Istio counterpart; not exported`);
  }
  return { objects, notes };
}
