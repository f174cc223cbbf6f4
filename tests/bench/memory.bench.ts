// Peak RSS for runs of 1 M and 10 M requests through the chain, each in a fresh Node process so
// one run's peak does not hide another's: memory should stay flat as the run grows.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const worker = fileURLToPath(new URL('./memoryWorker.ts', import.meta.url));

export function benchMemory(): string[] {
  const lines = ['peak RSS of the chain run (fresh process each)'];
  for (const requests of [1_000_000, 10_000_000]) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', worker, String(requests)], {
      encoding: 'utf8',
    });
    const { maxRssMB, seconds } = JSON.parse(out) as { maxRssMB: number; seconds: number };
    lines.push(
      `  ${(requests / 1e6).toFixed(0).padStart(2)} M requests : ${maxRssMB.toFixed(0)} MB peak RSS  (${seconds.toFixed(1)} s)`,
    );
  }
  return lines;
}
