// A Compose file into nodes and edges: services (by image: services, stores, caches, brokers,
// proxies, load generators), deploy.replicas and resources, healthcheck as a readiness probe,
// depends_on and links as low- and medium-confidence calls, networks as groups, environment
// values as evidence of calls. The fields read are checked here by path; the whole Compose
// Specification schema is checked by the host where a JSON Schema validator may run.
import type { ImportContext } from './context';
import { type EnvRef } from './context';
import { roleOf } from './classify';
import { durationMs } from './duration';
import { inferFromEnv } from './edges';
import { kindOfRole } from './kubernetes';
import { unmappedPaths, type Shape } from './shapes';
import { isRecord, type PathPart, type SourceObject } from './yamlDocs';

const SERVICE_SHAPE: Shape = {
  image: true,
  build: true,
  deploy: {
    replicas: true,
    resources: { limits: { cpus: true, memory: true }, reservations: { cpus: true, memory: true } },
  },
  healthcheck: true,
  depends_on: true,
  links: true,
  networks: true,
  environment: true,
  env_file: true,
  container_name: true,
  hostname: true,
};

/** Docker's byte units are binary: `512m` → `512Mi`. */
function memory(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([bkmg])?b?$/i.exec(v.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  return unit === 'b' ? (m[1] ?? '0') : `${m[1] ?? '0'}${unit.toUpperCase()}i`;
}

function resources(r: unknown): Record<string, unknown> | undefined {
  if (!isRecord(r)) return undefined;
  const list = (x: unknown) => {
    if (!isRecord(x)) return undefined;
    const out: Record<string, unknown> = {};
    if (x['cpus'] !== undefined) out['cpu'] = String(x['cpus']);
    const mem = memory(x['memory']);
    if (mem !== undefined) out['memory'] = mem;
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const requests = list(r['reservations']);
  const limits = list(r['limits']);
  if (!requests && !limits) return undefined;
  return { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
}

const seconds = (v: unknown, def: number) => {
  const ms = durationMs(v);
  return ms === undefined ? def : Math.max(1, Math.ceil(ms / 1000));
};

function healthProbe(h: unknown): Record<string, unknown> | undefined {
  if (!isRecord(h) || h['disable'] === true) return undefined;
  const test = h['test'];
  let command: string[];
  if (Array.isArray(test)) {
    const [head, ...rest] = test.map(String);
    if (head === 'NONE') return undefined;
    command =
      head === 'CMD-SHELL'
        ? ['/bin/sh', '-c', rest.join(' ')]
        : head === 'CMD'
          ? rest
          : [head ?? '', ...rest];
  } else if (typeof test === 'string') command = ['/bin/sh', '-c', test];
  else return undefined;
  return {
    exec: { command },
    periodSeconds: seconds(h['interval'], 30),
    timeoutSeconds: seconds(h['timeout'], 30),
    failureThreshold: typeof h['retries'] === 'number' && h['retries'] >= 1 ? h['retries'] : 3,
    initialDelaySeconds: h['start_period'] === undefined ? 0 : seconds(h['start_period'], 0),
  };
}

function envOf(src: SourceObject, v: unknown, path: PathPart[]): EnvRef[] {
  const out: EnvRef[] = [];
  if (Array.isArray(v))
    v.forEach((e: unknown, i) => {
      if (typeof e !== 'string') return;
      const eq = e.indexOf('=');
      if (eq > 0)
        out.push({ name: e.slice(0, eq), value: e.slice(eq + 1), place: src.at([...path, i]) });
    });
  else if (isRecord(v))
    for (const [k, x] of Object.entries(v))
      if (typeof x === 'string' || typeof x === 'number')
        out.push({ name: k, value: String(x), place: src.at([...path, k]) });
  return out;
}

function names(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (isRecord(v)) return Object.keys(v);
  return [];
}

/** Checks of the fields the importer reads: wrong types stop the import with their path. */
function checkTypes(
  ctx: ImportContext,
  src: SourceObject,
  name: string,
  s: Record<string, unknown>,
) {
  const at = (...p: PathPart[]) => src.at(['services', name, ...p]);
  const deploy = s['deploy'];
  if (deploy !== undefined && !isRecord(deploy)) ctx.fail(at('deploy'), 'must be a mapping');
  if (
    isRecord(deploy) &&
    deploy['replicas'] !== undefined &&
    !(Number.isInteger(deploy['replicas']) && (deploy['replicas'] as number) >= 0)
  )
    ctx.fail(
      at('deploy', 'replicas'),
      `must be an integer ≥ 0, not ${JSON.stringify(deploy['replicas'])}`,
    );
  for (const k of ['depends_on', 'networks', 'environment'])
    if (s[k] !== undefined && !Array.isArray(s[k]) && !isRecord(s[k]))
      ctx.fail(at(k), 'must be a list or a mapping');
  if (s['links'] !== undefined && !Array.isArray(s['links']))
    ctx.fail(at('links'), 'must be a list');
  if (s['image'] !== undefined && typeof s['image'] !== 'string')
    ctx.fail(at('image'), 'must be a string');
  if (s['healthcheck'] !== undefined && !isRecord(s['healthcheck']))
    ctx.fail(at('healthcheck'), 'must be a mapping');
}

export function importCompose(ctx: ImportContext, files: SourceObject[]): void {
  const aliasesOf = new Map<string, string>();
  const pending: { id: string; src: SourceObject; name: string; s: Record<string, unknown> }[] = [];
  for (const src of files) {
    const services = src.value['services'];
    if (!isRecord(services)) {
      ctx.fail(src.at(['services']), 'must be a mapping of service names to services');
      continue;
    }
    for (const k of Object.keys(src.value))
      if (
        !['services', 'networks', 'volumes', 'version', 'name', 'secrets', 'configs'].includes(k) &&
        !k.startsWith('x-')
      )
        ctx.fail(src.at([k]), `is not a Compose top-level field`);
      else if (k !== 'services' && k !== 'networks' && k !== 'version' && k !== 'name')
        ctx.report.ignored.push({
          place: src.at([k]),
          what: `top-level ${k}`,
          why: 'storage, secrets and configs are not part of the request path',
        });
    for (const [name, s] of Object.entries(services)) {
      if (!isRecord(s)) {
        ctx.fail(src.at(['services', name]), 'a service must be a mapping');
        continue;
      }
      checkTypes(ctx, src, name, s);
      const image = typeof s['image'] === 'string' ? s['image'] : undefined;
      const role = roleOf(image, name);
      const servicePath: PathPart[] = ['services', name];
      if (role === 'observability') {
        ctx.report.ignored.push({
          place: src.at(servicePath),
          what: `compose service ${name}`,
          why: `tracing or monitoring (image ${String(image)}): not part of the request path`,
        });
        continue;
      }
      const kind = kindOfRole(role);
      const group = names(s['networks'])[0] ?? 'default';
      const id = ctx.freeId(name, group);
      const props: Record<string, unknown> = {};
      const deploy = isRecord(s['deploy']) ? s['deploy'] : {};
      const replicas = typeof deploy['replicas'] === 'number' ? deploy['replicas'] : 1;
      if (kind === 'service') {
        props['replicas'] = replicas;
        if (deploy['replicas'] === undefined)
          ctx.defaulted(
            src.at([...servicePath, 'deploy', 'replicas']),
            `${id}.replicas`,
            '1',
            'Compose default',
          );
        if (image !== undefined) props['image'] = image;
        const r = resources(deploy['resources']);
        if (r) props['resources'] = r;
        const probe = healthProbe(s['healthcheck']);
        if (probe) props['readinessProbe'] = probe;
      } else if (kind !== 'client') {
        ctx.defaulted(
          src.at(servicePath),
          id,
          `${kind} defaults`,
          `image ${String(image)} is a well-known ${kind}`,
        );
        if (s['healthcheck'] !== undefined)
          ctx.unmapped(
            src,
            [...servicePath, 'healthcheck'],
            `a ${kind} node in the lab has no probes`,
          );
      }
      for (const p of unmappedPaths(s, SERVICE_SHAPE, servicePath))
        ctx.unmapped(src, p, 'the lab has no counterpart for this field');
      ctx.nodes.push({
        id,
        name,
        group,
        kind,
        props,
        labels: {},
        env: envOf(src, s['environment'], [...servicePath, 'environment']),
        place: src.at(servicePath),
        what: `compose service ${name}`,
      });
      ctx.report.read.push({
        place: src.at(servicePath),
        what: `compose service ${name}`,
        as: `${kind} ${id}${kind === 'service' ? ` (${replicas} replicas)` : ''}`,
      });
      for (const h of [name, s['container_name'], s['hostname']])
        if (typeof h === 'string') aliasesOf.set(h.toLowerCase(), id);
      if (isRecord(s['networks']))
        for (const n of Object.values(s['networks']))
          if (isRecord(n) && Array.isArray(n['aliases']))
            for (const a of n['aliases'])
              if (typeof a === 'string') aliasesOf.set(a.toLowerCase(), id);
      pending.push({ id, src, name, s });
    }
  }
  if (ctx.problems.length > 0) return;
  for (const [h, id] of aliasesOf) ctx.hosts.set(h, id);
  for (const { id, src, name, s } of pending) {
    names(s['depends_on']).forEach((d, i) => {
      const target = ctx.hosts.get(d.toLowerCase());
      const path = ['services', name, 'depends_on', Array.isArray(s['depends_on']) ? i : d];
      if (target) ctx.addEdge(id, target, `depends_on ${d}`, src.at(path), 'low');
      else
        ctx.report.dangling.push({ from: id, reference: `depends_on ${d}`, place: src.at(path) });
    });
    (Array.isArray(s['links']) ? s['links'] : []).forEach((l: unknown, i) => {
      if (typeof l !== 'string') return;
      const [svc, alias] = l.split(':');
      const target = ctx.hosts.get((svc ?? '').toLowerCase());
      if (target) {
        if (alias) ctx.hosts.set(alias.toLowerCase(), target);
        ctx.addEdge(id, target, `links ${l}`, src.at(['services', name, 'links', i]), 'medium');
      } else
        ctx.report.dangling.push({
          from: id,
          reference: `links ${l}`,
          place: src.at(['services', name, 'links', i]),
        });
    });
  }
  inferFromEnv(ctx, new Map());
}
