// A child process that saves one document over and over (with its .bak), for the kill -9 trials
// of saves.test.ts: `node --import tsx saveLoop.ts <file>`; prints "saving" once under way.
import { writeFileAtomic } from '../../../electron/node/atomicFile';

const file = process.argv[2] as string;
// ~1 MB versions, so a kill often lands in the middle of a write.
const version = (n: number) => JSON.stringify({ n, pad: 'x'.repeat(1_000_000) });
let n = 1;
for (;;) {
  await writeFileAtomic(file, version(n++), { backup: true });
  if (n === 3) process.stdout.write('saving\n');
}
