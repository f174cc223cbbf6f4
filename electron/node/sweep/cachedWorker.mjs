// The sweep worker as the CLI ships it (copied beside the CLI as sweepWorker.mjs): it loads the
// engine bundle sweepEngine.cjs through V8's code cache, which the build saved after a warm-up
// run (sweepEngine.cjs.cache). A worker thread then starts without parsing and compiling the
// bundle again. V8 checks the cache against the source and its own version and flags; a cache it
// rejects (another Node, say) costs nothing but the compile it would have done anyway.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL('./sweepEngine.cjs', import.meta.url));

function cachedData() {
  try {
    return readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
}

// The wrapper Node puts around a CommonJS module.
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
const script = new vm.Script(source, { filename: file, cachedData: cachedData() });
const engine = { exports: {} };
script.runInThisContext()(engine.exports, createRequire(file), engine, file, path.dirname(file));

export default engine.exports.default;

/** Whether V8 took the saved code cache (false when there was none or it was rejected). */
export const usedCodeCache = script.cachedDataRejected === false;

/** Run a short document through the engine, then give V8's code cache of the bundle. */
export function codeCacheAfterWarmUp(documentText) {
  engine.exports.warmUp(documentText);
  return script.createCachedData();
}
