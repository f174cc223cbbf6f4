// The memory a run holds, estimated from what the engine keeps, held against the run's budget:
// requests in flight, events queued in the kernel, attempts waiting on an edge's timeout, messages
// waiting in queues and the per-second series. The check runs every few thousand requests and
// every simulated second, so a run stops with a BudgetError long before it can exhaust the machine.
import { BudgetError } from './api';
import type { World } from './world';

// Bytes per item on V8 (Node 22), measured with heapUsed: a pooled request object with its
// fields; a kernel event (its slot in five typed arrays, its heap entry and free-stack entry); an
// attempt in an edge's timeout ring and a message in a queue's ring (rings grow by doubling, so
// up to twice their length); a number of a per-second series.
const REQUEST_BYTES = 300;
const EVENT_BYTES = 48;
const TIMEOUT_BYTES = 48;
const MESSAGE_BYTES = 16;
const SERIES_BYTES = 8;
/** Numbers a node's series keeps per simulated second. */
export const SERIES_PER_SECOND = 9;

export interface Held {
  requests: number;
  events: number;
  timeouts: number;
  messages: number;
  seriesNumbers: number;
}

export function held(w: World): Held {
  let timeouts = 0;
  for (const e of w.g.edges) timeouts += e.timeouts.length;
  return {
    requests: w.reqs.live,
    events: w.k.pending,
    timeouts,
    messages: w.messages,
    seriesNumbers: w.g.nodes.length * Math.ceil(w.k.now / 1000) * SERIES_PER_SECOND,
  };
}

export function heldBytes(h: Held): number {
  return (
    h.requests * REQUEST_BYTES +
    h.events * EVENT_BYTES +
    h.timeouts * TIMEOUT_BYTES +
    h.messages * MESSAGE_BYTES +
    h.seriesNumbers * SERIES_BYTES
  );
}

const MB = 1024 * 1024;
const n = (x: number) => x.toLocaleString('en-US');

/** Throw a BudgetError, saying what the run holds, when it holds more than its budget. */
export function checkBudget(w: World, nowMs: number): void {
  const h = held(w);
  const bytes = heldBytes(h);
  if (bytes <= w.budget.maxBytes) return;
  throw new BudgetError(
    `Memory budget exceeded at t=${(nowMs / 1000).toFixed(1)} s: the run holds about ` +
      `${n(Math.round(bytes / MB))} MB (budget ${n(Math.round(w.budget.maxBytes / MB))} MB): ` +
      `${n(h.requests)} requests in flight, ${n(h.events)} events queued, ` +
      `${n(h.timeouts)} attempts waiting on a timeout, ${n(h.messages)} queued messages. ` +
      `Lower the load, add capacity, shorten timeouts, or raise the memory budget.`,
  );
}
