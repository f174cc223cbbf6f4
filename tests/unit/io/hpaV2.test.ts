// HorizontalPodAutoscalers in and out: an autoscaling/v2 HPA with behavior (the scale-down
// example of the Kubernetes docs "Configurable scaling behavior") imports into the service's
// hpa props field for field and exports back as the same autoscaling/v2 spec, which
// kubernetes-models validates; an autoscaling/v1 HPA has no behavior and keeps none; a bad value
// is refused with the path of the field.
import { describe, expect, it } from 'vitest';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { ImportError, importFiles } from '../../../shared/io/import';
import { toKubernetes } from '../../../shared/io/export';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: example/web:1.0 }]
`;

const hpaV2 = (behavior: string) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 80
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
  behavior:
${behavior}`;

const docsExample = `    scaleDown:
      policies:
        - { type: Pods, value: 4, periodSeconds: 60 }
        - { type: Percent, value: 10, periodSeconds: 60 }
    scaleUp:
      stabilizationWindowSeconds: 30
      selectPolicy: Min
`;

const webOf = (text: string) => {
  const { doc } = importFiles([{ name: 'web.yaml', text }]);
  const web = doc.nodes.find((n) => n.id === 'web');
  if (web?.kind !== 'service') throw new Error('no web service');
  return { doc, props: web.props };
};

describe('an autoscaling/v2 HPA with behavior', () => {
  it('imports into hpa props, the fields it leaves out as the API server defaults them', () => {
    const { props } = webOf(deployment + hpaV2(docsExample));
    expect(props.hpa).toEqual({
      minReplicas: 2,
      maxReplicas: 80,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 30,
          selectPolicy: 'Min',
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ],
        },
        scaleDown: {
          stabilizationWindowSeconds: 300,
          selectPolicy: 'Max',
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 60 },
            { type: 'Percent', value: 10, periodSeconds: 60 },
          ],
        },
      },
    });
  });

  it('exports as autoscaling/v2 with the same spec, valid for kubernetes-models', () => {
    const { doc, props } = webOf(deployment + hpaV2(docsExample));
    const hpa = toKubernetes(doc).objects.find((o) => o['kind'] === 'HorizontalPodAutoscaler');
    expect(hpa).toMatchObject({
      apiVersion: 'autoscaling/v2',
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 80,
        metrics: props.hpa?.metrics,
        behavior: props.hpa?.behavior,
      },
    });
    expect(() => new HorizontalPodAutoscaler(hpa as never).validate()).not.toThrow();
    // And it imports back to the same props.
    const again = webOf(
      deployment + '---\n' + JSON.stringify(hpa), // JSON is YAML
    );
    expect(again.props.hpa).toEqual(props.hpa);
  });

  it('names the field of a bad value: unknown policy type, selectPolicy typo, period ≤ 0', () => {
    const bad = `    scaleDown:
      selectPolicy: Maximum
      policies:
        - { type: Pod, value: 4, periodSeconds: 60 }
        - { type: Percent, value: 10, periodSeconds: -60 }
`;
    let error: unknown;
    try {
      webOf(deployment + hpaV2(bad));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    const messages = (error as ImportError).problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/props\.hpa\.behavior\.scaleDown\.selectPolicy: /),
        expect.stringMatching(/props\.hpa\.behavior\.scaleDown\.policies\.0\.type: /),
        expect.stringMatching(/props\.hpa\.behavior\.scaleDown\.policies\.1\.periodSeconds: /),
      ]),
    );
  });
});

describe('an autoscaling/v1 HPA', () => {
  it('has no behavior: it keeps the controller older rule, and exports without one', () => {
    const v1 = `---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  maxReplicas: 5
  targetCPUUtilizationPercentage: 65
`;
    const { doc, props } = webOf(deployment + v1);
    expect(props.hpa).toEqual({
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 65 } },
        },
      ],
    });
    const out = toKubernetes(doc).objects.find((o) => o['kind'] === 'HorizontalPodAutoscaler');
    expect((out?.['spec'] as Record<string, unknown>)['behavior']).toBeUndefined();
  });
});
