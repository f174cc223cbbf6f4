// Envoy's retry budget on a gateway's upstream call (cluster circuit_breakers.thresholds
// .retry_budget): a retry may start only while the active retries stay below
// max(budget_percent % × active requests, min_retry_concurrency (3)). Envoy counts a retry as
// active from the moment it is scheduled (through its backoff and its attempt) until the next
// retry decision or the end of the request (RetryStateImpl: retries().inc() … resetRetry()).
// Active requests here are the gateway's visits currently calling over the edge (in an attempt or
// a backoff). A retry the budget refuses is not made: the call fails with the attempt's own cause
// and counts in `retriesDenied` (Envoy: upstream_rq_retry_overflow).
import type { Req } from '../request';

export const MIN_RETRY_CONCURRENCY = 3;

export class RetryBudget {
  /** Visits calling over the edge, and those in a retry: request → its generation. */
  private readonly active = new Map<Req, number>();
  private readonly retrying = new Map<Req, number>();
  denied = 0;

  constructor(readonly percent: number) {}

  private static live(m: Map<Req, number>): number {
    for (const [r, gen] of m) if (r.gen !== gen) m.delete(r);
    return m.size;
  }

  /** An attempt is sent for visit `r`. */
  sent(r: Req): void {
    this.active.set(r, r.gen);
  }

  /** Visit `r` is done with the edge (answered, or failed for good). */
  done(r: Req): void {
    this.active.delete(r);
    this.retrying.delete(r);
  }

  /** May visit `r` retry? (Its previous retry, if any, is settled first.) */
  mayRetry(r: Req): boolean {
    this.retrying.delete(r);
    const active = RetryBudget.live(this.active);
    const retries = RetryBudget.live(this.retrying);
    const max = Math.max((this.percent / 100) * active, MIN_RETRY_CONCURRENCY);
    if (retries < max) {
      this.retrying.set(r, r.gen);
      return true;
    }
    this.denied++;
    return false;
  }
}
