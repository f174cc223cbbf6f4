// The CLI's commands as plain functions: each takes its arguments and an output sink and returns
// the exit status (EXIT below), so tests call them directly.
import { readFile, stat } from 'node:fs/promises';
import {
  BudgetError,
  CompileError,
  compile,
  createRun,
  type RunResult,
} from '../../../shared/engine';
import { documentJsonSchema } from '../../../shared/model/jsonSchema';
import { toOtlp } from '../../../shared/traces/otlpOut';
import { loadDocument } from '../../../shared/model/validate';
import { ArchDocument, thingName } from '../../../shared/model';
import type { Problem } from '../../../shared/protocol';
import { MAX_DOCUMENT_BYTES } from '../fileStore';
import { writeFileAtomic } from '../atomicFile';
import { decodeUtf8 } from '../utf8';
import { cleaned, escapeJsonControls } from './clean';
import { verdictFacts } from '../../../shared/io/reportData';
import { cpuLines } from '../../../shared/io/cpuTable';
import {
  amplificationText,
  figuresLine,
  rates,
  sloFigure,
  thresholdText,
  verdictLine,
} from '../../../shared/slo/text';
import { Progress } from './progress';
import { wantsReport, writeReports, type ReportArgs } from './reportFiles';

/** Exit statuses: only bad input is 2; a run the budget stopped and a failure of ours differ. */
export const EXIT = {
  ok: 0,
  sloFailed: 1,
  badInput: 2,
  /** The run outgrew its memory budget or stopped making progress. */
  budget: 3,
  /** Something failed on our side (an output that could not be written, a bug). */
  failure: 4,
} as const;

/** Problems printed at most; the rest are counted in one line. */
const MAX_PROBLEMS_SHOWN = 100;

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: show a progress bar. */
  tty: boolean;
  now(): number;
}

export const nodeOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: process.stderr.isTTY === true,
  now: () => performance.now(),
};

export interface RunArgs extends ReportArgs {
  scenario?: string | undefined;
  seed?: number | undefined;
  duration?: number | undefined;
  json?: string | undefined;
  /** Memory the run may hold (MB); default the engine's. */
  memoryBudget?: number | undefined;
  /** Write the sampled traces as OTLP JSON to this file. */
  traces?: string | undefined;
  /** Trace one client request in this many (1 = every one). */
  traceEvery?: number | undefined;
  /** Most traces kept. */
  traceMax?: number | undefined;
}

/** Traces kept by default when they are written out (--traces); 200 otherwise. */
export const TRACES_OUT_MAX = 20_000;

type Loaded = { ok: true; doc: ArchDocument } | { ok: false; problems: Problem[] };

async function load(file: string): Promise<Loaded> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_DOCUMENT_BYTES) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      const message = `is ${mb(size)}; documents are at most ${mb(MAX_DOCUMENT_BYTES)}`;
      return { ok: false, problems: [{ path: file, message }] };
    }
    const decoded = decodeUtf8(await readFile(file));
    if (!decoded.ok) return { ok: false, problems: [{ path: file, message: decoded.message }] };
    text = decoded.text;
  } catch (e) {
    return {
      ok: false,
      problems: [{ path: file, message: `cannot read: ${(e as Error).message}` }],
    };
  }
  const loaded = loadDocument(text);
  if (loaded.ok) return loaded;
  // The schema may still hold (only cross-field rules failed): add what the engine finds too.
  const problems = [...loaded.problems];
  try {
    const parsed = ArchDocument.safeParse(JSON.parse(text));
    if (parsed.success) addUnique(problems, compileProblems(parsed.data));
  } catch {
    // not JSON: loadDocument has said so
  }
  return { ok: false, problems };
}

function addUnique(into: Problem[], more: Problem[]): void {
  for (const p of more) if (!into.some((q) => q.path === p.path)) into.push(p);
}

/** The engine's problems for every scenario of a document. */
function compileProblems(doc: ArchDocument): Problem[] {
  const problems: Problem[] = [];
  const scenarios = doc.scenarios.length > 0 ? doc.scenarios.map((s) => s.name) : [undefined];
  for (const scenario of scenarios) {
    try {
      compile(doc, { scenario });
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      for (const p of e.problems)
        if (!problems.some((q) => q.path === p.path && q.message === p.message)) problems.push(p);
    }
  }
  return problems;
}

function printProblems(io: Output, problems: Problem[]): number {
  for (const p of problems.slice(0, MAX_PROBLEMS_SHOWN)) io.err(`${p.path}: ${p.message}\n`);
  const more = problems.length - MAX_PROBLEMS_SHOWN;
  if (more > 0) io.err(`… and ${more.toLocaleString('en-US')} more\n`);
  return EXIT.badInput;
}

export async function validateCommand(file: string, rawIo: Output): Promise<number> {
  const io = cleaned(rawIo);
  const loaded = await load(file);
  if (!loaded.ok) return printProblems(io, loaded.problems);
  const problems = compileProblems(loaded.doc);
  if (problems.length > 0) return printProblems(io, problems);
  io.out(`${file}: ok (${loaded.doc.nodes.length} nodes, ${loaded.doc.edges.length} edges)\n`);
  return 0;
}

export function schemaCommand(io: Output): number {
  io.out(`${JSON.stringify(documentJsonSchema(), null, 2)}\n`);
  return 0;
}

export async function runCommand(
  file: string,
  args: RunArgs,
  rawIo: Output,
  progress: Progress = new Progress(rawIo),
): Promise<number> {
  const io = cleaned(rawIo);
  const loaded = await load(file);
  if (!loaded.ok) return printProblems(io, loaded.problems);
  let result: RunResult;
  try {
    const sim = createRun(loaded.doc, {
      scenario: args.scenario,
      seed: args.seed,
      durationS: args.duration,
      memoryBudgetMB: args.memoryBudget,
      traceEvery: args.traceEvery,
      maxTraces: args.traceMax ?? (args.traces !== undefined ? TRACES_OUT_MAX : undefined),
    });
    progress.start(sim.durationMs);
    // Small steps, each followed by a turn of the event loop, so Ctrl+C is handled promptly.
    while (!sim.advanceTo(sim.nowMs + 10)) {
      progress.update(sim.nowMs);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    progress.done();
    result = sim.result();
  } catch (e) {
    progress.done();
    if (e instanceof CompileError) return printProblems(io, e.problems);
    if (e instanceof BudgetError) {
      io.err(`${e.message}\n`);
      return EXIT.budget;
    }
    throw e;
  }
  try {
    // JSON.stringify escapes C0 controls; C1 and bidi ones are escaped too (the same value).
    const json = escapeJsonControls(`${JSON.stringify(result, null, 2)}\n`);
    if (args.json === '-') rawIo.out(json);
    else if (args.json !== undefined) await writeFileAtomic(args.json, json);
  } catch (e) {
    io.err(`cannot write the JSON result: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failure;
  }
  if (args.traces !== undefined) {
    try {
      const otlp = toOtlp(loaded.doc, result.traces, { runTag: result.seed });
      await writeFileAtomic(args.traces, `${JSON.stringify(otlp)}\n`);
    } catch (e) {
      io.err(`cannot write the traces: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT.failure;
    }
  }
  const report = args.json === '-' ? io.err : io.out;
  report(summaryText(result, loaded.doc));
  if (args.traces !== undefined) {
    const spans = result.traces.reduce((n, t) => n + t.spans.length, 0);
    report(
      `traces ${result.traces.length} (${spans} spans) written to ${args.traces} as OTLP JSON\n`,
    );
  }
  if (wantsReport(args) && !(await writeReports(loaded.doc, result, args, io))) return EXIT.failure;
  return result.slos.every((s) => s.pass) ? EXIT.ok : EXIT.sloFailed;
}

export function summaryText(r: RunResult, doc?: ArchDocument): string {
  const s = r.summary;
  const l = s.latencyMs;
  const errors = Object.entries(s.errors)
    .map(([cause, n]) => `${cause} ${n}`)
    .join(', ');
  const rate = rates(s);
  const lines = [
    `scenario ${r.scenario}, seed ${r.seed}, ${r.durationS} s (warm-up ${r.warmupS} s)`,
    `requests ${s.requests}  ok ${s.ok}  errors ${errors || 'none'}`,
    `rates  offered ${rate.offered}/s  goodput ${rate.goodput}/s  failed ${rate.failed}/s`,
    `latency ms  mean ${l.mean}  p50 ${l.p50}  p95 ${l.p95}  p99 ${l.p99}  max ${l.max}`,
    `retry amplification ${amplificationText(s.retryAmplification)}`,
  ];
  for (const slo of r.slos) {
    lines.push(
      `SLO ${slo.pass ? 'PASS' : 'FAIL'}  ${slo.name}  (${slo.metric} ${sloFigure(slo.metric, slo.value)} ${thresholdText(slo)}` +
        (slo.target && doc !== undefined ? ` on ${thingName(doc, slo.target)}` : '') +
        ')' +
        (slo.worstWindow
          ? `  worst ${slo.windowS} s window ${slo.worstWindow.fromS}–${slo.worstWindow.toS} s`
          : '') +
        (slo.message !== undefined ? `  ${slo.message}` : ''),
    );
  }
  if (doc !== undefined) {
    lines.push(...cpuLines(doc, r));
    const facts = verdictFacts({ doc, result: r });
    lines.push(`verdict ${facts.outcome}: ${verdictLine(facts)} ${figuresLine(facts)}`);
  }
  return `${lines.join('\n')}\n`;
}
