// The HorizontalPodAutoscaler of one service, every syncPeriodSeconds (15 s): hpaMetric.ts
// measures the pods' CPU utilisation over the last period, control/hpa.ts decides (the v2
// algorithm: proposal, tolerance, stabilization windows, scaling policies, min/max) and a change
// scales the Deployment like `kubectl scale`.
import { hpaSync, newHpaState, type HpaConfig, type HpaState } from '../control/hpa';
import type { Timer } from '../timer';
import type { World } from '../world';
import { EV_TIMER } from '../world';
import { hpaUtilization, newHpaMeter, startHpaMeter } from './hpaMetric';
import type { K8sService } from './service';

export class HpaLoop implements Timer {
  private state: HpaState = newHpaState();
  private readonly meter = newHpaMeter();
  /** The last decision, for the result. */
  last: { t: number; utilization: number; desired: number } | null = null;

  constructor(
    readonly svc: K8sService,
    readonly config: HpaConfig,
  ) {}

  start(w: World): void {
    startHpaMeter(this.svc, this.meter, w.k.now);
    w.k.at(this.config.syncPeriodSeconds * 1000, EV_TIMER, this, 0);
  }

  fire(w: World, _arg: number): void {
    const now = w.k.now;
    const utilization = hpaUtilization(this.svc, this.meter, now);
    const current = this.svc.d.spec.replicas;
    const decision = hpaSync(this.config, this.state, now, current, utilization);
    this.state = decision.state;
    this.last = {
      t: now / 1000,
      utilization: decision.utilization,
      desired: decision.desiredReplicas,
    };
    for (const e of decision.events) this.svc.log(e);
    if (decision.desiredReplicas !== current) this.svc.scale(decision.desiredReplicas);
    w.k.at(now + this.config.syncPeriodSeconds * 1000, EV_TIMER, this, 0);
  }
}
