// The objects that route to nodes: Ingress and HTTPRoute (gateways with their routes), and
// Istio's VirtualService and DestinationRule (timeouts, retries, weights, outlier detection on
// edges).
import type { ImportContext } from './context';
import { labelsOf, str } from './context';
import { durationMs } from './duration';
import { nameOf, nsOf } from './kubernetes';
import { isRecord, type SourceObject } from './yamlDocs';

function nodeByHost(ctx: ImportContext, host: unknown, namespace: string): string | undefined {
  if (typeof host !== 'string') return undefined;
  const h = host.toLowerCase();
  return ctx.hosts.get(h) ?? ctx.hosts.get(`${h}.${namespace}`);
}

type Route = { prefix: string; target: string; weight: number };

function gatewayNode(
  ctx: ImportContext,
  src: SourceObject,
  name: string,
  what: string,
  group: string,
) {
  const existing = ctx.node(name);
  if (existing && existing.kind === 'gateway') return existing;
  const id = ctx.freeId(name, group);
  const node = {
    id,
    name,
    group,
    kind: 'gateway' as const,
    props: { routes: [] as Route[] },
    labels: {},
    env: [],
    place: src.at([]),
    what,
  };
  ctx.nodes.push(node);
  ctx.report.read.push({ place: src.at([]), what, as: `gateway ${id}` });
  return node;
}

function addRoute(
  ctx: ImportContext,
  gw: { id: string; props: Record<string, unknown> },
  route: Route,
  text: string,
  src: SourceObject,
  path: (string | number)[],
) {
  const routes = (gw.props['routes'] ?? []) as Route[];
  routes.push(route);
  gw.props['routes'] = routes;
  ctx.addEdge(gw.id, route.target, text, src.at(path), 'high');
}

export function readIngress(ctx: ImportContext, src: SourceObject): void {
  const o = src.value;
  const ns = nsOf(o);
  const name = nameOf(o) ?? 'ingress';
  const spec = isRecord(o['spec']) ? o['spec'] : {};
  const gw = gatewayNode(ctx, src, name, `Ingress ${name}`, ns);
  const backend = (b: unknown) =>
    isRecord(b) && isRecord(b['service']) ? b['service']['name'] : undefined;
  const def = backend(spec['defaultBackend']);
  const defTarget = nodeByHost(ctx, def, ns);
  if (defTarget)
    addRoute(
      ctx,
      gw,
      { prefix: '/', target: defTarget, weight: 1 },
      `Ingress ${name} default backend ${String(def)}`,
      src,
      ['spec', 'defaultBackend'],
    );
  const rules = Array.isArray(spec['rules']) ? spec['rules'] : [];
  rules.forEach((r: unknown, i) => {
    const paths =
      isRecord(r) && isRecord(r['http']) && Array.isArray(r['http']['paths'])
        ? r['http']['paths']
        : [];
    paths.forEach((p: unknown, j) => {
      if (!isRecord(p)) return;
      const svc = backend(p['backend']);
      const target = nodeByHost(ctx, svc, ns);
      const path = ['spec', 'rules', i, 'http', 'paths', j];
      if (!target) {
        ctx.report.dangling.push({
          from: gw.id,
          reference: `Ingress backend ${String(svc)}`,
          place: src.at(path),
        });
        return;
      }
      addRoute(
        ctx,
        gw,
        { prefix: str(p['path']) ?? '/', target, weight: 1 },
        `Ingress ${name} ${str(p['path']) ?? '/'} → ${String(svc)}`,
        src,
        path,
      );
    });
  });
  for (const k of ['ingressClassName', 'tls'])
    if (spec[k] !== undefined)
      ctx.unmapped(src, ['spec', k], 'the lab has no counterpart for this field');
}

export function readHttpRoute(ctx: ImportContext, src: SourceObject): void {
  const o = src.value;
  const ns = nsOf(o);
  const spec = isRecord(o['spec']) ? o['spec'] : {};
  const parent =
    Array.isArray(spec['parentRefs']) && isRecord(spec['parentRefs'][0])
      ? str(spec['parentRefs'][0]['name'])
      : undefined;
  const name = parent ?? nameOf(o) ?? 'gateway';
  const gw = gatewayNode(ctx, src, name, `Gateway ${name} (HTTPRoute ${nameOf(o) ?? ''})`, ns);
  const rules = Array.isArray(spec['rules']) ? spec['rules'] : [];
  rules.forEach((r: unknown, i) => {
    if (!isRecord(r)) return;
    const match = Array.isArray(r['matches']) && isRecord(r['matches'][0]) ? r['matches'][0] : {};
    const prefix = isRecord(match['path']) ? (str(match['path']['value']) ?? '/') : '/';
    const refs = Array.isArray(r['backendRefs']) ? r['backendRefs'] : [];
    refs.forEach((b: unknown, j) => {
      if (!isRecord(b)) return;
      const target = nodeByHost(ctx, b['name'], str(b['namespace']) ?? ns);
      const path = ['spec', 'rules', i, 'backendRefs', j];
      if (!target) {
        ctx.report.dangling.push({
          from: gw.id,
          reference: `HTTPRoute backend ${String(b['name'])}`,
          place: src.at(path),
        });
        return;
      }
      const weight = typeof b['weight'] === 'number' ? b['weight'] : 1;
      addRoute(
        ctx,
        gw,
        { prefix, target, weight },
        `HTTPRoute ${nameOf(o) ?? ''} ${prefix} → ${String(b['name'])} (weight ${weight})`,
        src,
        path,
      );
    });
    for (const k of ['filters', 'timeouts'])
      if (r[k] !== undefined)
        ctx.unmapped(src, ['spec', 'rules', i, k], 'the lab has no counterpart for this field');
  });
}

/** Istio VirtualService: on the mesh, timeouts and retries of the edges into its host; bound to a
 * gateway, that gateway's routes and weights. */
export function readVirtualService(ctx: ImportContext, src: SourceObject): void {
  const o = src.value;
  const ns = nsOf(o);
  const name = nameOf(o) ?? 'virtualservice';
  const spec = isRecord(o['spec']) ? o['spec'] : {};
  const hosts = Array.isArray(spec['hosts']) ? spec['hosts'] : [];
  const gateways = (Array.isArray(spec['gateways']) ? spec['gateways'] : []).filter(
    (g: unknown) => g !== 'mesh',
  );
  const http = Array.isArray(spec['http']) ? spec['http'] : [];
  const gw =
    gateways.length > 0
      ? gatewayNode(
          ctx,
          src,
          String(gateways[0]).split('/').pop() ?? name,
          `Istio Gateway ${String(gateways[0])} (VirtualService ${name})`,
          ns,
        )
      : undefined;
  const hostNode = nodeByHost(ctx, hosts[0], ns);
  const governed = new Set<unknown>();
  http.forEach((h: unknown, i) => {
    if (!isRecord(h)) return;
    const path = ['spec', 'http', i];
    const match = Array.isArray(h['match']) && isRecord(h['match'][0]) ? h['match'][0] : {};
    const source = isRecord(match['sourceLabels']) ? labelsOf(match['sourceLabels']) : undefined;
    const prefix = isRecord(match['uri'])
      ? (str(match['uri']['prefix']) ?? str(match['uri']['exact']) ?? '/')
      : '/';
    const retries = isRecord(h['retries']) ? h['retries'] : undefined;
    const perTry = durationMs(retries?.['perTryTimeout']);
    const timeout = durationMs(h['timeout']);
    // Istio's defaults: no timeout, two retries.
    const policy: Record<string, unknown> = {
      timeoutMs: perTry ?? timeout ?? 0,
      retries: typeof retries?.['attempts'] === 'number' ? Math.min(10, retries['attempts']) : 2,
    };
    const routes = Array.isArray(h['route']) ? h['route'] : [];
    routes.forEach((r: unknown, j) => {
      if (!isRecord(r) || !isRecord(r['destination'])) return;
      const target = nodeByHost(ctx, r['destination']['host'], ns);
      if (!target) {
        ctx.report.dangling.push({
          from: gw?.id ?? name,
          reference: `VirtualService ${name} destination ${String(r['destination']['host'])}`,
          place: src.at([...path, 'route', j]),
        });
        return;
      }
      const weight = typeof r['weight'] === 'number' ? r['weight'] : 100;
      if (gw)
        addRoute(
          ctx,
          gw,
          { prefix, target, weight },
          `VirtualService ${name} ${prefix} → ${String(r['destination']['host'])} (weight ${weight})`,
          src,
          [...path, 'route', j],
        );
      else if (source && target !== hostNode) {
        const from = ctx.nodes.find((n) =>
          Object.entries(source).every(([k, v]) => n.labels[k] === v),
        );
        if (from)
          ctx.addEdge(
            from.id,
            target,
            `VirtualService ${name} routes ${from.id} to ${target}`,
            src.at([...path, 'route', j]),
            'high',
          );
      }
      if (r['destination']['subset'] !== undefined)
        ctx.unmapped(
          src,
          [...path, 'route', j, 'destination', 'subset'],
          'subsets are versions of one service; the lab draws one node and keeps the split in this report',
        );
    });
    // Policies go on the edges into the host: the first http entry that matches a caller wins.
    if (!gw && hostNode) {
      let applied = 0;
      for (const e of ctx.edges.values()) {
        if (e.to !== hostNode || governed.has(e)) continue;
        const from = ctx.node(e.from);
        if (source && !(from && Object.entries(source).every(([k, v]) => from.labels[k] === v)))
          continue;
        governed.add(e);
        e.policy = { ...e.policy, ...policy };
        e.evidence.push({
          text: `VirtualService ${name} http[${i}]: timeout ${String(policy['timeoutMs'])} ms, ${String(policy['retries'])} retries`,
          place: src.at(path),
        });
        applied++;
      }
      if (applied > 0 && retries === undefined)
        ctx.defaulted(
          src.at([...path, 'retries']),
          `retries of ${applied} edge(s) into ${hostNode}`,
          '2',
          'Istio retries twice by default',
        );
    }
    for (const k of ['fault', 'mirror', 'rewrite', 'headers', 'corsPolicy', 'redirect'])
      if (h[k] !== undefined)
        ctx.unmapped(
          src,
          [...path, k],
          'the lab has no counterpart for this field (faults belong in a scenario)',
        );
  });
  ctx.report.read.push({
    place: src.at([]),
    what: `VirtualService ${name}`,
    as: gw
      ? `routes of gateway ${gw.id}`
      : `policies of edges into ${hostNode ?? String(hosts[0])}`,
  });
}

export function readDestinationRule(ctx: ImportContext, src: SourceObject): void {
  const o = src.value;
  const name = nameOf(o) ?? 'destinationrule';
  const spec = isRecord(o['spec']) ? o['spec'] : {};
  const host = nodeByHost(ctx, spec['host'], nsOf(o));
  const tp = isRecord(spec['trafficPolicy']) ? spec['trafficPolicy'] : {};
  const od = isRecord(tp['outlierDetection']) ? tp['outlierDetection'] : undefined;
  if (tp['connectionPool'] !== undefined)
    ctx.unmapped(
      src,
      ['spec', 'trafficPolicy', 'connectionPool'],
      'connection pools are not simulated on edges; set the callee’s concurrency and queueCapacity instead',
    );
  if (tp['loadBalancer'] !== undefined)
    ctx.unmapped(
      src,
      ['spec', 'trafficPolicy', 'loadBalancer'],
      'set the service’s loadBalancing instead',
    );
  if (spec['subsets'] !== undefined)
    ctx.unmapped(
      src,
      ['spec', 'subsets'],
      'subsets are versions of one service; the lab draws one node',
    );
  if (!host || !od) {
    if (!host)
      ctx.report.ignored.push({
        place: src.at(['spec', 'host']),
        what: `DestinationRule ${name}`,
        why: `host ${String(spec['host'])} is not in the input`,
      });
    return;
  }
  const outlier: Record<string, unknown> = {};
  const n5xx =
    od['consecutive5xxErrors'] ?? od['consecutiveErrors'] ?? od['consecutiveGatewayErrors'];
  if (typeof n5xx === 'number') outlier['consecutive5xx'] = n5xx;
  const interval = durationMs(od['interval']);
  if (interval !== undefined) outlier['intervalMs'] = interval;
  const base = durationMs(od['baseEjectionTime']);
  if (base !== undefined) outlier['baseEjectionTimeMs'] = base;
  if (typeof od['maxEjectionPercent'] === 'number')
    outlier['maxEjectionPercent'] = od['maxEjectionPercent'];
  let applied = 0;
  for (const e of ctx.edges.values())
    if (e.to === host) {
      e.policy = { ...e.policy, outlierDetection: outlier };
      e.evidence.push({
        text: `DestinationRule ${name}: outlierDetection`,
        place: src.at(['spec', 'trafficPolicy', 'outlierDetection']),
      });
      applied++;
    }
  ctx.report.read.push({
    place: src.at([]),
    what: `DestinationRule ${name}`,
    as: `outlier detection on ${applied} edge(s) into ${host}`,
  });
}
