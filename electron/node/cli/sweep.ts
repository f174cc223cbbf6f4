// `archlab sweep` and `archlab sweep merge`: many runs over a scenario's grid of parameters and
// seeds, on a pool of worker threads, one shard of them, or a Kubernetes Indexed Job.
import { readFile } from 'node:fs/promises';
import { CompileError } from '../../../shared/engine';
import { fmt as figure } from '../../../shared/format';
import { sweepReportHtml } from '../../../shared/io/sweepReport';
import { loadDocument } from '../../../shared/model/validate';
import type { ArchDocument } from '../../../shared/model';
import { cheapestDesign, type ObjectiveAnswer } from '../../../shared/sweep/objective';
import { SweepError } from '../../../shared/sweep/paths';
import { planSweep, type SweepPlan } from '../../../shared/sweep/plan';
import type { RunLine } from '../../../shared/sweep/runOne';
import { summarise, type CellSummary } from '../../../shared/sweep/summary';
import { writeFileAtomic } from '../atomicFile';
import type { Output } from './commands';
import { emitK8sJob, jobName } from '../sweep/k8sJob';
import { mergeParts, MergeError } from '../sweep/merge';
import { defaultJobs, poolExecutor } from '../sweep/pool';
import { parseShard, runSweep, toNdjson, type Shard } from '../../../shared/sweep/schedule';

export interface SweepArgs {
  scenario?: string | undefined;
  jobs?: number | undefined;
  out?: string | undefined;
  report?: string | undefined;
  summary?: string | undefined;
  shard?: string | undefined;
  stop?: boolean | undefined;
  yes?: boolean | undefined;
  quiet?: boolean | undefined;
  emit?: string | undefined;
  image?: string | undefined;
  parallelism?: number | undefined;
  shards?: number | undefined;
}

/** What a sweep produced: its lines, summaries and the cheapest design (when asked for). */
export interface SweepOutcome {
  plan: SweepPlan;
  lines: RunLine[];
  summaries: CellSummary[];
  objective: ObjectiveAnswer | null;
}

function fail(io: Output, message: string): number {
  io.err(`${message}\n`);
  return 2;
}

async function loadFile(file: string): Promise<{ doc: ArchDocument; text: string } | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return `${file}: cannot read: ${(e as Error).message}`;
  }
  const loaded = loadDocument(text);
  if (!loaded.ok) return loaded.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
  return { doc: loaded.doc, text };
}

async function write(io: Output, target: string, text: string): Promise<void> {
  if (target === '-') io.out(text);
  else await writeFileAtomic(target, text);
}

export async function sweepCommand(file: string, args: SweepArgs, io: Output): Promise<number> {
  const loaded = await loadFile(file);
  if (typeof loaded === 'string') return fail(io, loaded);
  const { doc } = loaded;
  let plan: SweepPlan;
  try {
    plan = planSweep(doc, args.scenario, { confirmed: args.yes === true });
  } catch (e) {
    if (e instanceof SweepError) return fail(io, e.message);
    throw e;
  }
  if (args.emit !== undefined) {
    if (args.emit !== 'k8s-job') return fail(io, `--emit ${args.emit}: the one target is k8s-job`);
    if (args.image === undefined) return fail(io, '--emit k8s-job needs --image IMAGE');
    let yaml: string;
    try {
      yaml = emitK8sJob({
        documentText: loaded.text,
        documentName: doc.name,
        scenario: plan.scenario,
        image: args.image,
        parallelism: args.parallelism ?? 4,
        shards: args.shards,
        jobs: args.jobs,
        confirmed: args.yes,
      });
    } catch (e) {
      return fail(io, `--emit k8s-job: ${(e as Error).message}`);
    }
    await write(io, args.out ?? '-', yaml);
    if (args.quiet !== true) io.err(clusterSteps(jobName(doc.name), args.out));
    return 0;
  }
  let shard: Shard | undefined;
  if (args.shard !== undefined) {
    const parsed = parseShard(args.shard);
    if (typeof parsed === 'string') return fail(io, parsed);
    shard = parsed;
  }
  const jobs = args.jobs ?? defaultJobs();
  const executor = poolExecutor(jobs);
  const info = args.out === '-' || args.quiet === true ? () => undefined : io.out;
  const note = args.quiet === true ? () => undefined : io.err;
  let lines: RunLine[];
  const started = io.now();
  try {
    lines = await runSweep(doc, plan, {
      executor,
      shard,
      stop: args.stop === true,
      onProgress: (done, total) => {
        if (io.tty && args.quiet !== true) io.err(`\r${done}/${total} runs`);
      },
    });
  } catch (e) {
    if (e instanceof CompileError || e instanceof SweepError) return fail(io, e.message);
    throw e;
  } finally {
    await executor.close();
    if (io.tty && args.quiet !== true) io.err('\r\x1b[2K');
  }
  const outcome = outcomeOf(doc, plan, lines);
  if (args.out !== undefined) await write(io, args.out, toNdjson(lines));
  if (args.summary !== undefined)
    await write(io, args.summary, `${JSON.stringify(summaryJson(outcome), null, 2)}\n`);
  if (args.report !== undefined)
    await writeFileAtomic(args.report, sweepReportHtml({ doc, ...outcome }));
  const seconds = (io.now() - started) / 1000;
  const header = `sweep ${plan.id}, scenario "${plan.scenario}": ${plan.cells.length} cells × ${plan.seeds.length} seeds${shard ? `, shard ${shard.index}/${shard.count}` : ''}; ${lines.length} runs in ${seconds.toFixed(1)} s on ${jobs} job${jobs === 1 ? '' : 's'}\n`;
  const tell = args.out === '-' ? note : info;
  tell(header);
  tell(summaryText(outcome));
  return 0;
}

/** The commands that run the emitted Job and collect its lines. */
function clusterSteps(name: string, out: string | undefined): string {
  const file = out === undefined || out === '-' ? 'sweep.yaml' : out;
  return [
    'Run it on the cluster:',
    `  kubectl apply -f ${file} && kubectl wait --for=condition=complete --timeout=2h job/${name}`,
    `  kubectl get pods -l app.kubernetes.io/instance=${name} --field-selector=status.phase=Succeeded -o name | xargs -n1 kubectl logs > parts.ndjson`,
    '  archlab sweep merge parts.ndjson --out results.ndjson',
    '',
  ].join('\n');
}

export function outcomeOf(doc: ArchDocument, plan: SweepPlan, lines: RunLine[]): SweepOutcome {
  const summaries = summarise(lines, plan.sweep.confidence);
  return { plan, lines, summaries, objective: cheapestDesign(doc, plan, summaries) };
}

export function summaryJson(o: SweepOutcome): unknown {
  return {
    sweep: o.plan.id,
    scenario: o.plan.scenario,
    confidence: o.plan.sweep.confidence,
    parameters: o.plan.axes.map((a) => ({ path: a.path, values: a.values })),
    seeds: o.plan.seeds.length,
    cells: o.summaries,
    objective: o.objective,
  };
}

const fmt = (x: number) => (Number.isFinite(x) ? figure(x) : '–');
const ci = (i: { mean: number; lo: number; hi: number }) =>
  `${fmt(i.mean)} [${fmt(i.lo)}, ${fmt(i.hi)}]`;

export function summaryText(o: SweepOutcome): string {
  const pct = Math.round(o.plan.sweep.confidence * 100);
  const out: string[] = [];
  for (const s of o.summaries) {
    const params = Object.entries(s.params)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    out.push(`cell ${s.cell}  ${params || '(no parameters)'}  runs ${s.runs}`);
    const m = s.metrics;
    out.push(
      `  mean ${ci(m.mean)} ms  p99 ${ci(m.p99)} ms  throughput ${ci(m.throughputRps)} rps  errors ${ci(m.errorRate)}  (${pct} % intervals)`,
    );
    for (const [name, p] of Object.entries(s.slos)) out.push(`  SLO ${name}: P(pass) ${ci(p)}`);
  }
  const obj = o.objective;
  if (obj !== null) {
    if (obj.found) {
      const b = obj.best;
      const params = Object.entries(b.params)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ');
      out.push(
        `cheapest design (min ${b.minimize}, every SLO with P ≥ ${obj.probability}): cell ${b.cell}  ${params}  replicas ${b.footprint.replicas}  cpu ${b.footprint.cpu}  memory ${b.footprint.memoryGiB} GiB${b.footprint.costPerHour !== null ? `  cost ${b.footprint.costPerHour}/h` : ''}  P(all SLOs) ${ci(b.allSlos)}`,
      );
    } else out.push(`cheapest design: none (${obj.reason})`);
  }
  return `${out.join('\n')}\n`;
}

export async function sweepMergeCommand(
  parts: string[],
  args: { out?: string | undefined },
  io: Output,
): Promise<number> {
  const texts: { name: string; text: string }[] = [];
  for (const name of parts) {
    try {
      texts.push({ name, text: await readFile(name, 'utf8') });
    } catch (e) {
      return fail(io, `${name}: cannot read: ${(e as Error).message}`);
    }
  }
  let lines: RunLine[];
  try {
    lines = mergeParts(texts);
  } catch (e) {
    if (e instanceof MergeError) return fail(io, e.message);
    throw e;
  }
  await write(io, args.out ?? '-', toNdjson(lines));
  if (args.out !== undefined && args.out !== '-')
    io.err(
      `${lines.length} runs of sweep ${lines[0]!.sweep} from ${parts.length} parts → ${args.out}\n`,
    );
  return 0;
}
