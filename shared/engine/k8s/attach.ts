// Wiring the Kubernetes runtime into a run: compile() attaches a Deployment to every service
// (before it creates the service's pods, whose names carry the pod-template-hash), and the run's
// start brings them to their steady state.
import { podTemplateHash } from '../control/fenceposts';
import type { RNode } from '../graph';
import type { World } from '../world';
import { HpaLoop } from './hpaLoop';
import { K8sService } from './service';
import { deploymentSpec, hpaConfig, NO_BUG, type ServiceProps, type Template } from './template';

export function attachDeployment(node: RNode, props: ServiceProps): void {
  const template: Template = { version: props.version, bug: NO_BUG, restartedAt: null };
  const spec = deploymentSpec(node.kubeName, props, template);
  node.templateHash = podTemplateHash(spec.template);
  const svc = new K8sService(node, props, template, spec);
  const hpa = hpaConfig(node.kubeName, props);
  if (hpa !== null) svc.hpa = new HpaLoop(svc, hpa);
  node.k8s = svc;
}

export function serviceOf(node: RNode | null): K8sService | null {
  return node !== null && node.k8s instanceof K8sService ? node.k8s : null;
}

export function startK8s(w: World): void {
  for (const node of w.g.nodes) serviceOf(node)?.start(w);
}
