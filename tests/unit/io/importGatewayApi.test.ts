// Gateway API: an HTTPRoute's backends and weights become its Gateway's routes and calls.
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../shared/io/import';

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  replicas: 2
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers: [{ name: app, image: example/${name}:1 }]
---
apiVersion: v1
kind: Service
metadata: { name: ${name} }
spec:
  selector: { app: ${name} }
  ports: [{ port: 80 }]
`;

const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: store }
spec:
  parentRefs: [{ name: public }]
  rules:
    - matches: [{ path: { type: PathPrefix, value: /store } }]
      backendRefs:
        - { name: store-v1, port: 80, weight: 90 }
        - { name: store-v2, port: 80, weight: 10 }
    - matches: [{ path: { type: PathPrefix, value: /search } }]
      backendRefs: [{ name: search, port: 80 }, { name: gone, port: 80 }]
`;

describe('Gateway API HTTPRoute', () => {
  it('becomes a gateway with weighted routes; a backend that is absent is reported', () => {
    const text = [deployment('store-v1'), deployment('store-v2'), deployment('search'), route].join(
      '---\n',
    );
    const { doc, report } = importFiles([{ name: 'route.yaml', text }]);
    const gw = doc.nodes.find((n) => n.id === 'public');
    expect(gw?.kind === 'gateway' && gw.props.routes).toEqual([
      { prefix: '/store', target: 'store-v1', weight: 90 },
      { prefix: '/store', target: 'store-v2', weight: 10 },
      { prefix: '/search', target: 'search', weight: 1 },
    ]);
    expect(doc.edges.map((e) => `${e.from}→${e.to}`)).toEqual([
      'public→store-v1',
      'public→store-v2',
      'public→search',
    ]);
    expect(report.dangling).toEqual([
      expect.objectContaining({
        from: 'public',
        reference: 'HTTPRoute backend gone',
        place: expect.objectContaining({ path: 'spec.rules[1].backendRefs[1]' }),
      }),
    ]);
  });
});
