// clock-skew: a node's clock is off by `ms` (positive: ahead) for forS. Only code that reads the
// wall clock sees it — rate limiters' token buckets and windows, leases — through
// clockOffsetMs(w, node); the engine's own timing is never skewed. Effects follow: a token bucket
// whose clock jumps ahead by X refills r·X tokens at once (a burst); one whose clock steps back
// sees negative elapsed time and admits nothing until the clock catches up; at the end the
// reverse step happens.
import { defineAction, type ActionDef } from '../actionRegistry';
import type { RNode } from '../graph';
import type { World } from '../world';
import { EV_ACTION_END } from '../world';
import { forOf, num } from './params';
import { faultState } from './state';

/** How far the clock of node `id` is off now (ms; 0 without a clock-skew fault). */
export function clockOffsetMs(w: World, id: string): number {
  return w.faults?.clock.get(id) ?? 0;
}

/** The time (ms) node `id` reads from its clock now. */
export function nodeClockMs(w: World, id: string): number {
  return w.k.now + clockOffsetMs(w, id);
}

function shift(w: World, id: string, ms: number): void {
  const clock = faultState(w).clock;
  const next = (clock.get(id) ?? 0) + ms;
  if (next === 0) clock.delete(id);
  else clock.set(id, next);
}

export const CLOCK_ACTIONS: readonly ActionDef[] = [
  defineAction<null>({
    name: 'clock-skew',
    compile(c) {
      if (c.entry.target === undefined) c.bad('clock-skew needs a target node');
      else if (!c.node) c.bad(`unknown node "${c.entry.target}"`);
      return { value: num(c, 'ms', -86_400_000, 86_400_000), data: null };
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      shift(w, node.id, a.value);
      w.log.add(
        w.k.now,
        'Warning',
        'FaultInjected',
        node.id,
        `Clock of ${node.name} off by ${a.value} ms ${forOf(a.forMs)}`,
        {
          ...source,
          fault: 'clock-skew',
          ms: a.value,
        },
      );
      if (a.forMs !== Infinity) w.k.at(w.k.now + a.forMs, EV_ACTION_END, a, 0);
    },
    end(w, a) {
      const node = a.node as RNode;
      shift(w, node.id, -a.value);
      w.log.add(
        w.k.now,
        'Normal',
        'FaultCleared',
        node.id,
        `Clock of ${node.name} is right again`,
        {
          fault: 'clock-skew',
        },
      );
    },
  }),
];
