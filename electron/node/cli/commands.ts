// The CLI's commands as plain functions: each takes its arguments and an output sink and returns
// the exit status (0 ok / all SLOs held, 1 an SLO failed, 2 bad input), so tests call them directly.
import { readFile, writeFile } from 'node:fs/promises';
import {
  BudgetError,
  CompileError,
  compile,
  createRun,
  type RunResult,
} from '../../../shared/engine';
import { documentJsonSchema } from '../../../shared/model/jsonSchema';
import { loadDocument } from '../../../shared/model/validate';
import { ArchDocument } from '../../../shared/model';
import type { Problem } from '../../../shared/protocol';
import { verdictFacts } from '../../../shared/io/reportData';
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
}

type Loaded = { ok: true; doc: ArchDocument } | { ok: false; problems: Problem[] };

async function load(file: string): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
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
  for (const p of problems) io.err(`${p.path}: ${p.message}\n`);
  return 2;
}

export async function validateCommand(file: string, io: Output): Promise<number> {
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

export async function runCommand(file: string, args: RunArgs, io: Output): Promise<number> {
  const loaded = await load(file);
  if (!loaded.ok) return printProblems(io, loaded.problems);
  let result: RunResult;
  try {
    const sim = createRun(loaded.doc, {
      scenario: args.scenario,
      seed: args.seed,
      durationS: args.duration,
    });
    const progress = new Progress(io, sim.durationMs);
    while (!sim.advanceTo(sim.nowMs + 1000)) progress.update(sim.nowMs);
    progress.done();
    result = sim.result();
  } catch (e) {
    if (e instanceof CompileError) return printProblems(io, e.problems);
    if (e instanceof BudgetError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (args.json === '-') io.out(json);
  else if (args.json !== undefined) await writeFile(args.json, json);
  const report = args.json === '-' ? io.err : io.out;
  report(summaryText(result, loaded.doc));
  if (wantsReport(args) && !(await writeReports(loaded.doc, result, args, io))) return 2;
  return result.slos.every((s) => s.pass) ? 0 : 1;
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
      `SLO ${slo.pass ? 'PASS' : 'FAIL'}  ${slo.name}  (${slo.metric} ${sloFigure(slo.metric, slo.value)} ${thresholdText(slo)})` +
        (slo.worstWindow
          ? `  worst ${slo.windowS} s window ${slo.worstWindow.fromS}–${slo.worstWindow.toS} s`
          : '') +
        (slo.message !== undefined ? `  ${slo.message}` : ''),
    );
  }
  if (doc !== undefined) {
    const facts = verdictFacts({ doc, result: r });
    lines.push(`verdict ${facts.outcome}: ${verdictLine(facts)} ${figuresLine(facts)}`);
  }
  return `${lines.join('\n')}\n`;
}
