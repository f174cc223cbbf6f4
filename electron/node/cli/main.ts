// `archlab` — run, validate and describe ArchLab documents from a terminal or a CI pipeline.
// Dev: node --import tsx electron/node/cli/main.ts run file.archlab.json
import { Command, InvalidArgumentError } from 'commander';
import { ENGINE_VERSION } from '../../../shared/engine';
import { sweepCommand, sweepMergeCommand, type SweepArgs } from './sweep';
import { exportCommand, importCommand } from './importExport';
import { calibrateCommand, type CalibrateArgs } from './calibrate';
import { cleanText } from './clean';
import {
  EXIT,
  TRACES_OUT_MAX,
  nodeOutput,
  runCommand,
  schemaCommand,
  validateCommand,
} from './commands';
import { Progress } from './progress';
import { NotAFileError, ReadOnlyError } from '../atomicFile';

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1)
    throw new InvalidArgumentError('must be an integer from 0 to 4294967295');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 4096)
    throw new InvalidArgumentError('must be a whole number from 1 to 4096');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000_000)
    throw new InvalidArgumentError('must be a whole number from 1 to 100000000');
  return n;
}

function megabytes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 16 || n > 1_048_576)
    throw new InvalidArgumentError('must be a whole number of MB from 16 to 1048576');
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('must be a number of seconds > 0');
  return n;
}

export function program(): Command {
  const cli = new Command('archlab')
    .description('ArchLab: simulate distributed-system architectures headless.')
    .version(ENGINE_VERSION, '-V, --version', 'print the engine version')
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  archlab run shop.archlab.json
  archlab run shop.archlab.json --scenario "black friday" --seed 7 --json result.json
  archlab run shop.archlab.json --duration 30 --json -      # result JSON on stdout
  archlab run shop.archlab.json --report drill.html         # self-contained HTML report
  archlab run shop.archlab.json --pdf drill.pdf --markdown wiki/drill   # PDF; Markdown + charts
  archlab validate shop.archlab.json
  archlab schema > archlab.schema.json
  archlab sweep shop.archlab.json --jobs 2 --out results.ndjson --report sweep.html
  archlab sweep shop.archlab.json --shard 0/4 --out part-0.ndjson
  archlab sweep merge part-*.ndjson --out results.ndjson
  archlab sweep shop.archlab.json --emit k8s-job --image REGISTRY/archlab:TAG --parallelism 8 > job.yaml
  archlab import kubernetes-manifests.yaml --out boutique.archlab.json --report import.md
  archlab export shop.archlab.json --to chaos-mesh --scenario "payments slow" --out drill.yaml
  archlab calibrate jaeger-export.json --out shop.archlab.json --report calibration.md
  archlab calibrate otel-traces.ndjson --into shop.archlab.json --out shop-calibrated.archlab.json

Exit status of run: 0 all SLOs held, 1 an SLO failed, 2 the input is bad, 3 the run outgrew
its memory budget or stopped making progress, 4 a failure on our side (an output not written).`,
    );
  cli
    .command('run')
    .description('run a scenario and print its summary; exit 1 when an SLO fails')
    .argument('<file>', 'an *.archlab.json document')
    .option('-s, --scenario <name>', 'scenario to run (default: the first)')
    .option('--seed <n>', 'random seed (default: the scenario seed)', integer)
    .option(
      '-d, --duration <seconds>',
      'simulated duration (default: the scenario duration)',
      seconds,
    )
    .option(
      '--memory-budget <MB>',
      'memory the run may hold before it stops with exit 3 (default 1024)',
      megabytes,
    )
    .option('--json <out>', 'write the JSON result to this file ("-" for stdout)')
    .option('--report <out.html>', 'write the report as one self-contained HTML file')
    .option(
      '--markdown <dir>',
      'write report.md with its diagram and charts (PNG with Chromium, else SVG) into this folder',
    )
    .option('--pdf <out.pdf>', 'write the report as PDF (needs Chromium; CHROME_PATH to choose)')
    .option(
      '--traces <out.json>',
      'write the sampled request traces as OTLP JSON (Jaeger and OpenTelemetry tools open it)',
    )
    .option(
      '--trace-every <n>',
      'trace one client request in n; 1 traces every one (default 100)',
      positiveInt,
    )
    .option(
      '--trace-max <n>',
      `most traces kept (default 200; ${TRACES_OUT_MAX.toLocaleString('en-US')} with --traces)`,
      positiveInt,
    )
    .action(
      async (
        file: string,
        opts: {
          traces?: string;
          traceEvery?: number;
          traceMax?: number;
          scenario?: string;
          seed?: number;
          duration?: number;
          memoryBudget?: number;
          json?: string;
          report?: string;
          markdown?: string;
          pdf?: string;
        },
      ) => {
        const progress = new Progress(nodeOutput);
        // Ctrl+C: clear the progress bar rather than leave it under the shell's prompt.
        process.once('SIGINT', () => {
          progress.done();
          process.exit(130);
        });
        process.exitCode = await runCommand(file, opts, nodeOutput, progress);
      },
    );
  cli
    .command('validate')
    .description('check a document; print one line per problem ("path: reason") and exit 2 if any')
    .argument('<file>', 'an *.archlab.json document')
    .action(async (file: string) => {
      process.exitCode = await validateCommand(file, nodeOutput);
    });
  const sweep = cli
    .command('sweep')
    .description("run a scenario's sweep: a grid of parameters × seeds, with intervals per cell")
    .argument('<file>', 'an *.archlab.json document whose scenario has a sweep')
    .option('-s, --scenario <name>', 'scenario (default: the first with a sweep)')
    .option('-j, --jobs <n>', 'worker threads (default: one per core)', positive)
    .option('-o, --out <file.ndjson>', 'one JSON line per run ("-" for stdout)')
    .option('--summary <file.json>', 'per-cell summaries and the cheapest design as JSON')
    .option('--report <file.html>', 'the sweep report as one self-contained HTML file')
    .option('--stop', "end a cell early once its interval is narrow enough (the sweep's stop)")
    .option('--shard <i/n>', 'run only shard i of n (0 ≤ i < n)')
    .option('-y, --yes', 'allow a sweep of more than 100,000 runs')
    .option('-q, --quiet', 'print nothing but the lines asked for')
    .option('--emit <target>', 'write a Kubernetes Indexed Job instead of running (k8s-job)')
    .option('--image <image>', 'with --emit k8s-job: the image that holds the CLI')
    .option('--parallelism <p>', 'with --emit k8s-job: pods at once', positive)
    .option('--shards <n>', 'with --emit k8s-job: shards (default: the parallelism)', positive)
    .action(async (file: string, opts: SweepArgs) => {
      process.exitCode = await sweepCommand(file, opts, nodeOutput);
    });
  sweep
    .command('merge')
    .description('join the NDJSON parts of one sweep run as shards, in run order')
    .argument('<parts...>', 'the parts (NDJSON)')
    .option('-o, --out <file.ndjson>', 'where to write the joined lines (default: stdout)')
    .action(async (parts: string[], opts: { out?: string }) => {
      process.exitCode = await sweepMergeCommand(parts, opts, nodeOutput);
    });
  cli
    .command('schema')
    .description("print the document's JSON Schema")
    .action(() => {
      process.exitCode = schemaCommand(nodeOutput);
    });
  cli
    .command('import')
    .description('make a document from Kubernetes / Istio manifests or Compose files')
    .argument('<files...>', 'YAML files (multi-document, List objects, several at once)')
    .requiredOption('-o, --out <doc.archlab.json>', 'the document to write')
    .option('--report <import.md>', 'write what was read, defaulted, ignored and inferred')
    .action(async (files: string[], opts: { out: string; report?: string }) => {
      process.exitCode = await importCommand(files, opts, nodeOutput);
    });
  cli
    .command('export')
    .description('write a document as Kubernetes, Istio, Chaos Mesh or k6 files')
    .argument('<file>', 'an *.archlab.json document')
    .requiredOption('--to <target>', 'k8s | istio | chaos-mesh | k6')
    .requiredOption('-o, --out <path>', 'the file to write')
    .option('-s, --scenario <name>', 'scenario for chaos-mesh and k6 (default: the first)')
    .action(async (file: string, opts: { to: string; out: string; scenario?: string }) => {
      process.exitCode = await exportCommand(file, opts, nodeOutput);
    });
  cli
    .command('calibrate')
    .description('set service times, call ratios and rates from OTLP or Jaeger JSON traces')
    .argument('<traces...>', 'OTLP JSON (or the collector file exporter’s NDJSON) or Jaeger JSON')
    .requiredOption('-o, --out <doc.archlab.json>', 'the document to write')
    .option('--into <doc.archlab.json>', 'update this document’s matching services instead')
    .option('--report <calibration.md>', 'write the figures and the spans they rest on')
    .option('--dist <fit>', 'service times: auto (lognormal if it fits), lognormal, empirical')
    .option('--name <name>', 'name of a new document (default: the first file’s)')
    .action(async (traces: string[], opts: CalibrateArgs) => {
      process.exitCode = await calibrateCommand(traces, opts, nodeOutput);
    });
  return cli;
}

// `archlab schema | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  await program().parseAsync(process.argv);
} catch (e) {
  const code = (e as { code?: string; exitCode?: number }).code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    const helpOrVersion =
      code === 'commander.helpDisplayed' ||
      code === 'commander.version' ||
      code === 'commander.help';
    process.exitCode = helpOrVersion ? 0 : 2;
  } else if (e instanceof NotAFileError || e instanceof ReadOnlyError) {
    // An output that could not be written (exit 4, as every command's own write failures): said
    // in one line, without a stack, since the path is what the user needs.
    process.stderr.write(cleanText(`archlab: cannot write: ${e.message}\n`));
    process.exitCode = EXIT.failure;
  } else {
    // Not the input's fault: a failure of ours, with what is known of it.
    const what = e instanceof Error ? (e.stack ?? e.message) : String(e);
    process.stderr.write(cleanText(`archlab: internal error: ${what}\n`));
    process.exitCode = EXIT.failure;
  }
}
