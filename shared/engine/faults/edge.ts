// What the active network faults do to one edge's traffic: the edge's fault hook (REdge.fault),
// which the request flow calls instead of its plain send and answer while the edge has one. The
// faults on an edge (partitions, loss, latency, abort) fold into one EdgeFault, rebuilt by
// FaultState whenever a fault starts or ends; its draws come from the edge's own stream.
import { CONNECTION_RESET, INJECTED_ERROR, TIMEOUT, UNAVAILABLE } from '../causes';
import type { Sampler } from '../distribution';
import { sample } from '../distribution';
import { answer, deliver, failedAttempt } from '../flow';
import type { EdgeFaultHook, REdge } from '../graph';
import type { Req } from '../request';
import type { Rng } from '../rng';
import type { Timer } from '../timer';
import type { World } from '../world';
import { EV_DELIVER, EV_RESPONSE, EV_TIMER } from '../world';

/** Linux TCP: connect gives up after 6 SYN retries (1 + 2 + … + 64 s). */
export const CONNECT_GIVE_UP_MS = 127_000;
export const RTO_MAX_MS = 120_000;
const MAX_RETRANSMITS = 15;

export class EdgeFault implements EdgeFaultHook {
  cutDrop = false;
  cutReject = false;
  /** Probability that one transmission over the edge is lost (several losses combined). */
  loss = 0;
  rtoMs = 200;
  fixedMs = 0;
  samplers: Sampler[] = [];
  abort = 0;
  status = 503;
  constructor(
    readonly edge: REdge,
    readonly rng: Rng,
    /** Stands in for an attempt lost on the wire: the caller waits on it until its timeout. */
    readonly lost: Req,
  ) {}

  /** The request leg of attempt `c` (its timeout is already armed). */
  send(w: World, c: Req, baseMs: number): void {
    const e = this.edge;
    const r = c.parent as Req;
    if (this.cutReject) return refuse(w, c, UNAVAILABLE);
    if (this.abort > 0 && this.rng.next() < this.abort) return refuse(w, c, INJECTED_ERROR);
    if (this.cutDrop) return this.lose(w, r, c, CONNECT_GIVE_UP_MS, TIMEOUT);
    let extra = this.legExtra();
    if (this.loss > 0) {
      const rto = this.retransmitDelay();
      if (rto < 0) return this.lose(w, r, c, -rto, CONNECTION_RESET);
      extra += rto;
    }
    const at = w.k.now + baseMs + extra;
    if (extra === 0 && baseMs > 0) w.k.atLane(e.deliverLane, at, EV_DELIVER, c, c.gen);
    else if (at > w.k.now) w.k.at(at, EV_DELIVER, c, c.gen);
    else deliver(w, c);
  }

  /** The answer leg of visit `r` back over the edge (r.cause is set). */
  answer(w: World, r: Req, baseMs: number): void {
    const e = this.edge;
    const p = r.parent as Req;
    if (this.cutReject) r.cause = CONNECTION_RESET;
    else if (this.cutDrop) return this.loseAnswer(w, p, r, CONNECT_GIVE_UP_MS, TIMEOUT);
    let extra = 0;
    if (this.loss > 0) {
      const rto = this.retransmitDelay();
      if (rto < 0) return this.loseAnswer(w, p, r, -rto, CONNECTION_RESET);
      extra = rto;
    }
    const at = w.k.now + baseMs + extra;
    if (extra === 0 && baseMs > 0) w.k.atLane(e.responseLane, at, EV_RESPONSE, r, r.gen);
    else if (at > w.k.now) w.k.at(at, EV_RESPONSE, r, r.gen);
    else answer(w, r);
  }

  private legExtra(): number {
    let ms = this.fixedMs;
    for (const s of this.samplers) ms += sample(s, this.rng);
    return ms;
  }

  /** TCP retransmissions of one segment: the added delay, or −(time to give up) when it never gets through. */
  private retransmitDelay(): number {
    let delay = 0;
    let rto = this.rtoMs;
    for (let k = 0; this.rng.next() < this.loss; k++) {
      if (k === MAX_RETRANSMITS) return -delay;
      delay += rto;
      rto = Math.min(RTO_MAX_MS, rto * 2);
    }
    return delay;
  }

  /** The request never arrives: the caller waits for its timeout, or gives up after `giveUpMs`. */
  private lose(w: World, r: Req, c: Req, giveUpMs: number, cause: number): void {
    const e = this.edge;
    r.child = this.lost;
    w.reqs.release(c);
    if (e.timeoutMs <= 0)
      w.k.at(w.k.now + giveUpMs, EV_TIMER, new GiveUp(r, r.token, e, cause, this.lost), 0);
  }

  private loseAnswer(w: World, p: Req, r: Req, giveUpMs: number, cause: number): void {
    const e = this.edge;
    p.child = this.lost;
    r.parent = null;
    e.stats.wasted++;
    w.reqs.release(r);
    if (e.timeoutMs <= 0)
      w.k.at(w.k.now + giveUpMs, EV_TIMER, new GiveUp(p, p.token, e, cause, this.lost), 0);
  }
}

/** The attempt fails at once with `cause` (nothing crosses the wire). */
function refuse(w: World, c: Req, cause: number): void {
  c.cause = cause;
  c.startMs = w.k.now;
  answer(w, c);
}

/** A caller with no timeout stops waiting for a lost message when TCP gives up. */
class GiveUp implements Timer {
  constructor(
    readonly r: Req,
    readonly token: number,
    readonly e: REdge,
    readonly cause: number,
    readonly lost: Req,
  ) {}
  fire(w: World): void {
    const r = this.r;
    if (r.token !== this.token || r.child !== this.lost) return;
    r.child = null;
    r.token = 0;
    failedAttempt(w, r, this.e, this.cause);
  }
}
