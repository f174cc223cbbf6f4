// The HorizontalPodAutoscaler of one service, every syncPeriodSeconds (15 s): CPU utilisation is
// the busy share of the ready pods' concurrency over the last period (a pod serving `concurrency`
// requests at once is at 100 % of its request), then control/hpa.ts decides (desired =
// ceil(current × utilisation / target), tolerance 10 %, scale-down stabilisation window) and a
// change scales the Deployment like `kubectl scale`.
import { hpaSync, newHpaState, type HpaConfig, type HpaState } from '../control/hpa';
import type { Timer } from '../timer';
import type { World } from '../world';
import { EV_TIMER } from '../world';
import type { K8sService } from './service';

export class HpaLoop implements Timer {
  private state: HpaState = newHpaState();
  private lastBusy = 0;
  private lastCap = 0;
  /** The last decision, for the result. */
  last: { t: number; utilization: number; desired: number } | null = null;

  constructor(
    readonly svc: K8sService,
    readonly config: HpaConfig,
  ) {}

  start(w: World): void {
    w.k.at(this.config.syncPeriodSeconds * 1000, EV_TIMER, this, 0);
  }

  fire(w: World, _arg: number): void {
    const now = w.k.now;
    const stats = this.svc.node.stats;
    stats.level(now);
    const busy = stats.busyArea - this.lastBusy;
    const cap = stats.capArea - this.lastCap;
    this.lastBusy = stats.busyArea;
    this.lastCap = stats.capArea;
    const utilization = cap > 0 ? (100 * busy) / cap : 0;
    const current = this.svc.d.spec.replicas;
    const decision = hpaSync(this.config, this.state, now, current, utilization);
    this.state = decision.state;
    this.last = {
      t: now / 1000,
      utilization: Math.trunc(utilization),
      desired: decision.desiredReplicas,
    };
    for (const e of decision.events) this.svc.log(e);
    if (decision.desiredReplicas !== current) this.svc.scale(decision.desiredReplicas);
    w.k.at(now + this.config.syncPeriodSeconds * 1000, EV_TIMER, this, 0);
  }
}
