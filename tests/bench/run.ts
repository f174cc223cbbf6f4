// `npm run bench`: the engine's benchmarks, printed from one process. Not a test: nothing here
// fails a build; the figures go in notes and issues. Add a bench by importing it below.
import { benchChain } from './chain.bench';
import { benchCompile } from './compile.bench';
import { benchMemory } from './memory.bench';
import { benchMmc } from './mmc.bench';
import { benchTx } from './tx.bench';

const benches: [string, () => string[]][] = [
  ['mmc', benchMmc],
  ['chain', () => benchChain()],
  ['memory', benchMemory],
  ['tx', benchTx],
  ['compile', benchCompile],
];

const only = process.argv[2];
console.log(`node ${process.version}, ${process.arch}`);
for (const [name, bench] of benches) {
  if (only !== undefined && only !== name) continue;
  for (const line of bench()) console.log(line);
}
