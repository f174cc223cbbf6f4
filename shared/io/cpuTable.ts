// The inside of the pods after a run, one row a service with a runtime: what runs in its pods,
// the cores they used, their quota and throttling, CPU time, switches, the lock and the OOM
// killer. The app's run summary, the HTML and Markdown reports and the CLI print these cells, so
// a figure reads the same everywhere (figureHelp.ts CPU_FIGURES says what each is).
import type { RunResult } from '../engine/result';
import type { ArchDocument } from '../model';
import { nodeName } from '../model';
import { fmt } from '../format';
import type { CPU_FIGURES } from './figureHelp';
import { runLimit } from '../lab/runLimit';

export const CPU_COLUMNS: readonly { key: keyof typeof CPU_FIGURES | 'service'; title: string }[] =
  [
    { key: 'service', title: 'Service' },
    { key: 'runtime', title: 'Runtime' },
    { key: 'cores', title: 'Cores used, all pods' },
    { key: 'limit', title: 'CPU limit a pod' },
    { key: 'throttled', title: 'Throttled periods' },
    { key: 'throttledTime', title: 'Throttled time' },
    { key: 'userSystem', title: 'User / system' },
    { key: 'switches', title: 'Context switches' },
    { key: 'lock', title: 'Lock wait / spinning' },
    { key: 'oom', title: 'OOMKilled' },
  ];

export interface CpuRow {
  /** The node's id (the app selects it on a click). */
  id: string;
  /** One text a column, in CPU_COLUMNS order. */
  cells: string[];
  /** What limits it in this run, in one sentence (lab/runLimit.ts). */
  why: string;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (s: number) => `${fmt(s, s >= 10 ? 1 : 2)} s`;

interface RuntimeLike {
  model?: string;
  workers?: number;
  lock?: { kind?: string; criticalShare?: number };
}

function runtimeText(props: Record<string, unknown> | undefined): string {
  const rt = (props?.['runtime'] ?? {}) as RuntimeLike;
  if (rt.model === 'eventLoop') {
    const w = rt.workers ?? 1;
    return `event loop, ${w} loop${w === 1 ? '' : 's'} a pod`;
  }
  const threads = Number(props?.['concurrency'] ?? 1);
  const lock =
    rt.lock !== undefined && (rt.lock.criticalShare ?? 0) > 0 && rt.lock.kind !== 'none'
      ? `, ${rt.lock.kind ?? 'mutex'} lock`
      : '';
  return `thread pool, ${threads} thread${threads === 1 ? '' : 's'} a pod${lock}`;
}

function limitText(props: Record<string, unknown> | undefined): string {
  const res = props?.['resources'] as { limits?: { cpu?: string | number } } | undefined;
  const cpu = res?.limits?.cpu;
  return cpu === undefined ? 'none' : String(cpu);
}

/** One row for each node whose result has CPU figures, in the result's node order. */
export function cpuRows(doc: ArchDocument, result: RunResult): CpuRow[] {
  const rows: CpuRow[] = [];
  for (const [id, n] of Object.entries(result.nodes)) {
    const c = n.cpu;
    if (c === undefined) continue;
    const props = doc.nodes.find((d) => d.id === id)?.props as Record<string, unknown> | undefined;
    const share = c.periods > 0 ? c.throttledPeriods / c.periods : 0;
    const hasLock = c.lockWaitSeconds > 0 || c.spinSeconds > 0 || /lock/.test(runtimeText(props));
    rows.push({
      id,
      cells: [
        nodeName(doc, id),
        runtimeText(props),
        fmt(c.usageCores, 2),
        limitText(props),
        c.periods > 0
          ? `${count(c.throttledPeriods)} of ${count(c.periods)} (${Math.round(share * 100)} %)`
          : '–',
        c.throttledSeconds > 0 ? seconds(c.throttledSeconds) : '–',
        `${seconds(c.userSeconds)} / ${seconds(c.systemSeconds)}`,
        count(c.contextSwitches),
        hasLock ? `${seconds(c.lockWaitSeconds)} / ${seconds(c.spinSeconds)}` : '–',
        c.oomKills !== undefined && c.oomKills > 0 ? count(c.oomKills) : '–',
      ],
      why: runLimit(doc, result, id)?.sentence ?? '',
    });
  }
  return rows;
}

/** The rows as CLI lines: "cpu NAME  runtime …  cores used …", one a service. */
export function cpuLines(doc: ArchDocument, result: RunResult): string[] {
  return cpuRows(doc, result).map((row) => {
    const [name, ...rest] = row.cells;
    const parts = rest
      .map((cell, i) => [CPU_COLUMNS[i + 1]!.title.toLowerCase(), cell] as const)
      .filter(([, cell]) => cell !== '–')
      .map(([title, cell]) => `${title} ${cell}`);
    return `cpu ${name}  ${parts.join('  ')}${row.why ? `\n  why: ${row.why}` : ''}`;
  });
}
