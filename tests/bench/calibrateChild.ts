// Run by calibrate.bench.ts in its own process, so that peak RSS is calibration's alone:
// calibrate one trace file as the CLI does (streamed), print one JSON line of figures.
import { calibrate } from '../../shared/traces/in';
import { fileChunks } from '../../electron/node/cli/calibrate';

const file = process.argv[2] as string;
let peakHeap = 0;
const sample = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
const timer = setInterval(sample, 20);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = await calibrate([{ name: file, chunks: fileChunks(file) }]);
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
sample();
clearInterval(timer);
console.log(
  JSON.stringify({
    spans: r.summary.counts.spans,
    wallS,
    cpuS: (cpu.user + cpu.system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    peakHeapMB: peakHeap / 1024 / 1024,
  }),
);
