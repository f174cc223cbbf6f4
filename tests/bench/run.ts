// `npm run bench`: the engine's benchmarks, printed from one process. Not a test: nothing here
// fails a build; the figures go in notes and issues. Add a bench by importing it below.
//
// Each bench runs in a fresh worker thread of this process (one at a time), as JMH forks a JVM per
// benchmark: the optimiser's type feedback from one bench (the M/M/c document's samplers, say)
// would otherwise slow the next one's code paths. A bench and its reference loop (M/M/c) share
// their worker, so their ratio is measured under the same conditions. The canvas bench drives
// Chromium from a child process after building the web edition. `npm run bench NAME` runs one.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { benchChain } from './chain.bench';
import { benchCompile } from './compile.bench';
import { benchCpu } from './cpu.bench';
import { benchMemory } from './memory.bench';
import { benchMmc } from './mmc.bench';
import { benchSweep } from './sweep.bench';
import { benchTx } from './tx.bench';

const benches: [string, () => string[] | Promise<string[]>][] = [
  ['mmc', benchMmc],
  ['chain', () => benchChain()],
  ['cpu', () => benchCpu()],
  ['memory', benchMemory],
  ['tx', benchTx],
  ['compile', benchCompile],
  ['sweep', benchSweep],
  // In Chromium, against bare React Flow: its own process (canvas.ts), after a web build.
  ['canvas', () => []],
];

/** The editor's canvas bench: build the web edition, then run canvas.ts (it drives Chromium). */
function canvas(): void {
  const build = spawnSync('npm', ['run', '-s', 'build:web'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) {
    console.log('canvas: the web build failed; skipped');
    return;
  }
  spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/canvas.ts'], { stdio: 'inherit' });
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only !== undefined && !benches.some(([name]) => name === only)) {
    console.error(`No bench "${only}". Benches: ${benches.map(([n]) => n).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  console.log(`node ${process.version}, ${process.arch}`);
  for (const [name] of benches) {
    if (only !== undefined && only !== name) continue;
    if (name === 'canvas') {
      canvas();
      continue;
    }
    await new Promise<void>((done, fail) => {
      // Started through tsWorker.mjs, which loads TypeScript under tsx in the worker.
      const worker = new Worker(new URL('../integration/tsWorker.mjs', import.meta.url), {
        workerData: { entry: fileURLToPath(import.meta.url), bench: name },
      });
      worker.on('error', fail);
      worker.on('exit', (code) =>
        code === 0 ? done() : fail(new Error(`bench ${name} exited with ${code}`)),
      );
    });
  }
}

if (isMainThread) await main();
else {
  const bench = benches.find(([name]) => name === (workerData as { bench: string }).bench)?.[1];
  for (const line of (await bench?.()) ?? []) console.log(line);
}
