// Child process of memory.bench.ts: run the chain for N requests, print peak RSS as JSON.
import { runToEnd } from '../../shared/engine';
import { chainDocument } from './chain.bench';

const requests = Number(process.argv[2] ?? 1_000_000);
const t0 = performance.now();
runToEnd(chainDocument(requests), { traceEvery: 0 });
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024, seconds }));
