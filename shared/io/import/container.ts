// A pod template's main container into a service's props: probes, resources, preStop, env.
import type { ImportContext } from './context';
import { labelsOf, str, type EnvRef } from './context';
import { isRecord, type PathPart, type SourceObject } from './yamlDocs';

type Props = Record<string, unknown>;

const PROBE_NUMBERS = [
  'initialDelaySeconds',
  'periodSeconds',
  'timeoutSeconds',
  'successThreshold',
  'failureThreshold',
] as const;

export function intAt(
  ctx: ImportContext,
  src: SourceObject,
  obj: Record<string, unknown>,
  key: string,
  path: PathPart[],
  min = 0,
): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    ctx.fail(src.at([...path, key]), `must be an integer ≥ ${min}, not ${JSON.stringify(v)}`);
    return undefined;
  }
  return v;
}

function portOf(
  ctx: ImportContext,
  src: SourceObject,
  v: unknown,
  path: PathPart[],
  named: Map<string, number>,
): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  if (typeof v === 'string' && named.has(v)) return named.get(v) as number;
  ctx.fail(
    src.at(path),
    `port ${JSON.stringify(v)} is neither a number nor a named container port`,
  );
  return 0;
}

function probe(
  ctx: ImportContext,
  src: SourceObject,
  v: unknown,
  path: PathPart[],
  named: Map<string, number>,
): Props | undefined {
  if (!isRecord(v)) return undefined;
  const out: Props = {};
  const h = (k: string) => (isRecord(v[k]) ? (v[k] as Record<string, unknown>) : undefined);
  const httpGet = h('httpGet');
  const tcp = h('tcpSocket');
  const exec = h('exec');
  const grpc = h('grpc');
  if (httpGet)
    out['httpGet'] = {
      path: str(httpGet['path']) ?? '/',
      port: portOf(ctx, src, httpGet['port'], [...path, 'httpGet', 'port'], named),
    };
  if (tcp)
    out['tcpSocket'] = {
      port: portOf(ctx, src, tcp['port'], [...path, 'tcpSocket', 'port'], named),
    };
  if (exec) {
    const command = Array.isArray(exec['command']) ? exec['command'].map(String) : [];
    out['exec'] = { command };
  }
  if (grpc) {
    out['grpc'] = {
      port: portOf(ctx, src, grpc['port'], [...path, 'grpc', 'port'], named),
      ...(str(grpc['service']) !== undefined ? { service: str(grpc['service']) } : {}),
    };
  }
  const handlers = ['httpGet', 'tcpSocket', 'exec', 'grpc'].filter((k) => out[k] !== undefined);
  if (handlers.length !== 1) {
    ctx.fail(
      src.at(path),
      handlers.length === 0
        ? 'must specify a handler type: httpGet, tcpSocket, exec or grpc'
        : `may not specify more than 1 handler type (has ${handlers.join(', ')})`,
    );
    return undefined;
  }
  for (const k of PROBE_NUMBERS) {
    const n = intAt(ctx, src, v, k, path, k === 'initialDelaySeconds' ? 0 : 1);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

/** `sleep 5` / `["/bin/sh","-c","sleep 5"]` / `sleep: {seconds: 5}` → 5. */
function preStopSeconds(v: unknown): number | undefined {
  if (!isRecord(v)) return undefined;
  if (isRecord(v['sleep']) && typeof v['sleep']['seconds'] === 'number')
    return v['sleep']['seconds'];
  if (isRecord(v['exec']) && Array.isArray(v['exec']['command'])) {
    const m = /(?:^|\s|;|&)sleep\s+(\d+(?:\.\d+)?)/.exec(v['exec']['command'].join(' '));
    if (m) return Number(m[1]);
  }
  return undefined;
}

function quantities(v: unknown): Props | undefined {
  if (!isRecord(v)) return undefined;
  const out: Props = {};
  for (const k of ['cpu', 'memory'])
    if (typeof v[k] === 'string' || typeof v[k] === 'number') out[k] = v[k];
  return Object.keys(out).length > 0 ? out : undefined;
}

export interface ContainerRead {
  props: Props;
  env: EnvRef[];
}

/** The main container's props; `configMaps` resolves envFrom and configMapKeyRef. */
export function readContainer(
  ctx: ImportContext,
  src: SourceObject,
  c: Record<string, unknown>,
  path: PathPart[],
  configMaps: Map<string, Record<string, string>>,
): ContainerRead {
  const props: Props = {};
  const named = new Map<string, number>();
  if (Array.isArray(c['ports']))
    for (const p of c['ports'])
      if (isRecord(p) && typeof p['name'] === 'string' && typeof p['containerPort'] === 'number')
        named.set(p['name'], p['containerPort']);
  if (typeof c['image'] === 'string') props['image'] = c['image'];
  for (const k of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const p = probe(ctx, src, c[k], [...path, k], named);
    if (p) props[k] = p;
  }
  if (isRecord(c['resources'])) {
    const r: Props = {};
    const req = quantities(c['resources']['requests']);
    const lim = quantities(c['resources']['limits']);
    if (req) r['requests'] = req;
    if (lim) r['limits'] = lim;
    if (req || lim) props['resources'] = r;
  }
  if (isRecord(c['lifecycle']) && c['lifecycle']['preStop'] !== undefined) {
    const s = preStopSeconds(c['lifecycle']['preStop']);
    if (s !== undefined) props['preStopSeconds'] = s;
    else
      ctx.unmapped(
        src,
        [...path, 'lifecycle', 'preStop'],
        'a preStop hook that is not a sleep: its duration is unknown, so none is simulated',
      );
  }
  const env: EnvRef[] = [];
  if (Array.isArray(c['env']))
    c['env'].forEach((e: unknown, i) => {
      if (!isRecord(e) || typeof e['name'] !== 'string') return;
      const place = src.at([...path, 'env', i]);
      if (typeof e['value'] === 'string' || typeof e['value'] === 'number') {
        env.push({ name: e['name'], value: String(e['value']), place });
        return;
      }
      const ref = isRecord(e['valueFrom']) ? e['valueFrom']['configMapKeyRef'] : undefined;
      if (isRecord(ref) && typeof ref['name'] === 'string' && typeof ref['key'] === 'string') {
        const value = configMaps.get(ref['name'])?.[ref['key']];
        if (value !== undefined) env.push({ name: e['name'], value, place });
      }
    });
  if (Array.isArray(c['envFrom']))
    c['envFrom'].forEach((e: unknown, i) => {
      const ref = isRecord(e) ? e['configMapRef'] : undefined;
      if (!isRecord(ref) || typeof ref['name'] !== 'string') return;
      const data = configMaps.get(ref['name']);
      if (!data) {
        ctx.unmapped(src, [...path, 'envFrom', i], `ConfigMap ${ref['name']} is not in the input`);
        return;
      }
      const prefix = str(isRecord(e) ? e['prefix'] : undefined) ?? '';
      const place = src.at([...path, 'envFrom', i]);
      for (const [k, v] of Object.entries(data)) env.push({ name: prefix + k, value: v, place });
    });
  return { props, env };
}

export { labelsOf };
