// The control plane's start: every module that keeps state beside the data plane (Deployments,
// gateway policies, …) is brought to its t = 0 state and schedules its first timers here.
import { startK8s } from './k8s/attach';
import type { World } from './world';

export function startControlPlane(w: World): void {
  startK8s(w);
}
