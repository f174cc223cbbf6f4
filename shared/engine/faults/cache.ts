// cache-flush: the cache is emptied and refills as lookups miss.
// Model: the cache's working set is `keys` keys (default 1000), looked up uniformly; a flushed
// cache holds L of them, L = 0 at the flush. A lookup hits with probability h·L/N (h: the cache's
// own hitRatio, what a full cache achieves); a lookup of a key not held (probability 1 − L/N) is a
// cold miss that loads it (L + 1). So after n lookups L ≈ N(1 − e^(−n/N)): the hit ratio recovers
// as h(1 − e^(−n/N)) — to 95 % of h after about 3N lookups — and every miss goes to the cache's
// own calls (its target), the miss storm.
import { defineAction, type ActionDef } from '../actionRegistry';
import type { RNode } from '../graph';
import { K_CACHE } from '../graph';
import { int } from './params';

export class CacheFill {
  held = 0;
  constructor(
    readonly keys: number,
    readonly fullHitRatio: number,
  ) {}

  /** One lookup drew `u` (uniform): a cold miss loads its key. */
  lookup(node: RNode, u: number): void {
    if (u < this.held / this.keys) return;
    this.held++;
    if (this.held >= this.keys) {
      node.hitRatio = this.fullHitRatio;
      node.warmup = null;
    } else node.hitRatio = (this.fullHitRatio * this.held) / this.keys;
  }
}

export const CACHE_ACTIONS: readonly ActionDef[] = [
  defineAction<null>({
    name: 'cache-flush',
    compile(c) {
      if (c.entry.target === undefined) c.bad('cache-flush needs a target cache');
      else if (!c.node || c.node.kind !== K_CACHE) c.bad(`"${c.entry.target}" is not a cache`);
      return { value: int(c, 'keys', 1, 100_000_000, 1000), data: null };
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      const full = node.warmup instanceof CacheFill ? node.warmup.fullHitRatio : node.hitRatio;
      node.warmup = new CacheFill(a.value, full);
      node.hitRatio = 0;
      w.log.add(
        w.k.now,
        'Warning',
        'FaultInjected',
        node.id,
        `Cache ${node.name} flushed (${a.value} keys to refill)`,
        {
          ...source,
          fault: 'cache-flush',
          keys: a.value,
        },
      );
    },
  }),
];
