// A scenario's traffic and SLOs as a k6 script: one k6 scenario per client, constant-arrival-rate
// for a steady rate and ramping-arrival-rate with stages at the shapes' breakpoints otherwise (a
// 0 s stage is a step), and thresholds from the scenario's end-to-end SLOs.
import type { ArchDocument, Scenario, Slo } from '../../model';
import type { Problem } from '../../protocol';
import { compileTraffic } from '../../engine/traffic';
import { kubeNames } from './names';

export interface K6Export {
  script: string;
  notes: string[];
}

type Stage = { duration: string; target: number };

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const secs = (s: number) => `${r3(s)}s`;

function breakpoints(
  c: ArchDocument['nodes'][number] & { kind: 'client' },
  durationS: number,
): number[] {
  const pts = new Set<number>([0, durationS]);
  for (const s of c.props.shapes) {
    if (s.shape === 'step') pts.add(s.atS);
    else if (s.shape === 'ramp') [s.fromS, s.toS].forEach((t) => pts.add(t));
    else if (s.shape === 'spike') [s.atS, s.atS + s.forS].forEach((t) => pts.add(t));
    else if (s.shape === 'sine') for (let t = 0; t < durationS; t += s.periodS / 16) pts.add(t);
    else
      for (const line of s.csv.split(/\r?\n/)) {
        const t = Number(line.split(',')[0]);
        if (Number.isFinite(t)) pts.add(t);
      }
  }
  return [...pts].filter((t) => t >= 0 && t <= durationS).sort((a, b) => a - b);
}

function threshold(s: Slo, notes: string[], clients: Map<string, string>): [string, string] | null {
  const tag =
    s.target === undefined
      ? ''
      : clients.has(s.target)
        ? `{scenario:${clients.get(s.target)}}`
        : null;
  if (tag === null) {
    notes.push(
      `SLO "${s.name}": k6 sees only what its clients see; ${s.target ?? ''} is inside the system`,
    );
    return null;
  }
  if (s.windowS !== undefined)
    notes.push(
      `SLO "${s.name}": k6 thresholds hold over the whole run, not a ${s.windowS} s window`,
    );
  const pct = { p50: 'p(50)', p95: 'p(95)', p99: 'p(99)' } as const;
  if (s.metric === 'p50' || s.metric === 'p95' || s.metric === 'p99')
    return [`http_req_duration${tag}`, `${pct[s.metric]}${s.op}${s.value}`];
  if (s.metric === 'error-rate') return [`http_req_failed${tag}`, `rate${s.op}${s.value}`];
  if (s.metric === 'availability') {
    const flip = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;
    return [`http_req_failed${tag}`, `rate${flip[s.op]}${r3(1 - s.value)}`];
  }
  notes.push(`SLO "${s.name}": recovery time has no k6 threshold`);
  return null;
}

export function toK6(doc: ArchDocument, scenarioName?: string): K6Export {
  const scenario: Scenario | undefined =
    scenarioName === undefined
      ? doc.scenarios[0]
      : doc.scenarios.find((s) => s.name === scenarioName);
  if (!scenario) throw new Error(`no scenario "${scenarioName ?? ''}" in the document`);
  const names = kubeNames(doc);
  const notes: string[] = [];
  const scenarios: Record<string, unknown> = {};
  const fns: string[] = [];
  const clients = new Map<string, string>();
  const D = scenario.durationS;
  for (const c of doc.nodes) {
    if (c.kind !== 'client') continue;
    const fn = `client_${c.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    clients.set(c.id, fn);
    const edge = doc.edges.find((e) => e.from === c.id);
    const host = edge ? names.get(edge.to) : undefined;
    if (!host) {
      notes.push(`client ${c.id} sends to nothing; left out`);
      continue;
    }
    const problems: Problem[] = [];
    const traffic = compileTraffic(c.props.rps, c.props.shapes, c.id, problems);
    const maxRate = traffic.maxRps;
    const vus = {
      preAllocatedVUs: Math.max(10, Math.ceil(maxRate * 0.5)),
      maxVUs: Math.max(50, Math.ceil(maxRate * 2)),
    };
    if (!traffic.shaped) {
      scenarios[fn] = {
        executor: 'constant-arrival-rate',
        exec: fn,
        rate: r3(c.props.rps),
        timeUnit: '1s',
        duration: secs(D),
        ...vus,
      };
    } else {
      const pts = breakpoints(c as typeof c & { kind: 'client' }, D);
      const stages: Stage[] = [];
      for (let i = 1; i < pts.length; i++) {
        const a = pts[i - 1] as number;
        const b = pts[i] as number;
        stages.push({ duration: secs(b - a), target: r3(traffic.rateAt(b - 1e-6)) });
        const after = r3(traffic.rateAt(b));
        if (b < D && after !== stages[stages.length - 1]?.target)
          stages.push({ duration: '0s', target: after });
      }
      scenarios[fn] = {
        executor: 'ramping-arrival-rate',
        exec: fn,
        startRate: r3(traffic.rateAt(0)),
        timeUnit: '1s',
        stages,
        ...vus,
      };
    }
    if (c.props.arrival === 'poisson')
      notes.push(
        `client ${c.id}: k6 starts iterations at an even pace; the lab's Poisson gaps are not reproduced`,
      );
    const env = `${fn.toUpperCase()}_URL`;
    fns.push(
      `export function ${fn}() {\n  http.get(\`\${__ENV.${env} || 'http://${host}'}/\`);\n}`,
    );
  }
  if (Object.keys(scenarios).length === 0)
    notes.push(
      'the document has no client that sends to anything: no traffic to reproduce; add a client',
    );
  const thresholds: Record<string, string[]> = {};
  for (const s of scenario.slos) {
    const t = threshold(s, notes, clients);
    if (t) (thresholds[t[0]] ??= []).push(t[1]);
  }
  const options = { scenarios, thresholds };
  const script = [
    `// k6 load test for "${doc.name}", scenario "${scenario.name}" (${D} s), written by ArchLab.`,
    '// Each client of the diagram is a k6 scenario; its URL comes from <CLIENT>_URL or the callee name.',
    ...notes.map((n) => `// note: ${n}`),
    "import http from 'k6/http';",
    '',
    `export const options = ${JSON.stringify(options, null, 2)};`,
    '',
    ...fns.flatMap((f) => [f, '']),
  ].join('\n');
  return { script, notes };
}
