// An API gateway's admission policy: a rate limit per route or per client (control/rateLimit.ts:
// token bucket, leaky bucket, fixed window, sliding window), applied after authentication;
// over the limit the request ends 429 with cause rate_limited and reaches no service. The first
// rejection of each second is logged as a RateLimited event.
import { RateLimiters, type RateLimitConfig } from '../control/rateLimit';
import type { RNode } from '../graph';
import type { Req } from '../request';
import type { World } from '../world';

export class GatewayPolicy {
  readonly limiters: RateLimiters;
  rejected = 0;
  private loggedSecond = -1;

  constructor(
    readonly node: RNode,
    config: RateLimitConfig,
    readonly per: 'route' | 'client',
  ) {
    this.limiters = new RateLimiters(config);
  }

  /**
   * When the request may go on: now, later (a leaky bucket's queue lets requests out one every
   * 1/r s), or -1 when the limit refuses it.
   */
  admit(w: World, r: Req): number {
    let key: string;
    if (this.per === 'route') key = r.route?.id ?? '';
    else {
      let root: Req = r;
      while (root.parent !== null) root = root.parent;
      key = root.node?.id ?? '';
    }
    const now = w.k.now;
    const a = this.limiters.tryAcquire(key, now);
    if (a.admitted) return a.departAtMs;
    this.rejected++;
    const second = Math.floor(now / 1000);
    if (second !== this.loggedSecond) {
      this.loggedSecond = second;
      w.log.add(
        now,
        'Warning',
        'RateLimited',
        this.node.id,
        `Rate limit of ${this.node.name} (${this.limiters.config.algorithm}, ${scope(this.per, key)}) rejects with 429`,
        { key, per: this.per, retryAfterMs: a.retryAfterMs },
      );
    }
    return -1;
  }
}

function scope(per: 'route' | 'client', key: string): string {
  if (key !== '') return `per ${per} ${key}`;
  return per === 'route'
    ? 'one limit for all routes: the gateway has none'
    : 'one limit for all clients';
}
