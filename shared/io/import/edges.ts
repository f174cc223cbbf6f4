// Calls inferred from the values a workload is configured with: `host:port`, a URL, or a bare name
// in a variable whose name says it is an address. A name that resolves to a node is an edge with
// that evidence; a cluster-internal name that resolves to nothing is a dangling reference, reported.
import type { Confidence } from './types';
import type { ImportContext, ImportedNode } from './context';

const ADDRESS_NAME =
  /(HOST|HOSTS|HOSTNAME|ADDR|ADDRESS|URL|URI|ENDPOINT|ENDPOINTS|SERVER|SERVERS|SERVICE|BROKER|BROKERS|DSN|TARGET)$/i;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/i;
const LOCAL = new Set(['localhost', '0.0.0.0', '127.0.0.1', '::1']);

interface Candidate {
  host: string;
  port?: number;
  url: boolean;
}

/** The host names a configuration value may name. */
export function candidates(value: string, addressLike: boolean): Candidate[] {
  const out: Candidate[] = [];
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/?#]+)/i.exec(value.trim());
  const parts = url ? (url[1] ?? '').split(',') : value.split(/[\s,;]+/);
  for (const raw of parts) {
    const m = /^([^:/\s]+)(?::(\d{1,5}))?$/.exec(raw.trim());
    if (!m) continue;
    const host = (m[1] ?? '').toLowerCase();
    if (!LABEL.test(host) || /^\d+(\.\d+)*$/.test(host) || LOCAL.has(host)) continue;
    const port = m[2] === undefined ? undefined : Number(m[2]);
    if (!url && port === undefined && !addressLike) continue;
    out.push({ host, ...(port !== undefined ? { port } : {}), url: url !== null });
  }
  return out;
}

/** Whether a host that resolves to nothing looks like it meant something in the cluster. */
function clusterInternal(host: string): boolean {
  return (
    !host.includes('.') || /\.svc(\.cluster\.local)?$/.test(host) || /\.cluster\.local$/.test(host)
  );
}

/** Edges from every node's env values; references to absent names go to the report. */
export function inferFromEnv(ctx: ImportContext, ports: Map<string, number[]>): void {
  for (const node of ctx.nodes) inferFor(ctx, node, ports);
}

function inferFor(ctx: ImportContext, node: ImportedNode, ports: Map<string, number[]>): void {
  for (const env of node.env) {
    const addressLike = ADDRESS_NAME.test(env.name);
    for (const c of candidates(env.value, addressLike)) {
      const target = ctx.hosts.get(c.host);
      const text = `env ${env.name}=${env.value}`;
      if (target === undefined) {
        if (clusterInternal(c.host) && (c.port !== undefined || c.url || addressLike))
          ctx.report.dangling.push({
            from: node.id,
            reference: `${env.name}=${env.value}`,
            place: env.place,
          });
        continue;
      }
      if (target === node.id) continue;
      const known = ports.get(target) ?? [];
      const confidence: Confidence =
        c.url || (c.port !== undefined && known.includes(c.port))
          ? 'high'
          : c.port !== undefined && known.length > 0
            ? 'medium'
            : c.port !== undefined
              ? 'high'
              : 'medium';
      ctx.addEdge(node.id, target, text, env.place, confidence);
    }
  }
}
