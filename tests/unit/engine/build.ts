// Fluent builder for engine test documents:
//   buildDoc().client('users', { rps: 80 }).service('api', { replicas: 1 }).call('users', 'api')
import type { ArchDocumentInput } from '../../../shared/model';

type Input = ArchDocumentInput;
type NodeInput = NonNullable<Input['nodes']>[number];
type EdgeInput = NonNullable<Input['edges']>[number];
type ScenarioInput = NonNullable<Input['scenarios']>[number];
type PropsOf<K extends NodeInput['kind']> = NonNullable<Extract<NodeInput, { kind: K }>['props']>;
type CallProps = NonNullable<Extract<EdgeInput, { kind: 'call' }>['props']>;
type PublishProps = NonNullable<Extract<EdgeInput, { kind: 'publish' }>['props']>;

export class DocBuilder {
  private nodes: NodeInput[] = [];
  private edges: EdgeInput[] = [];
  private scenarios: ScenarioInput[] = [];

  private add<K extends NodeInput['kind']>(kind: K, id: string, props: PropsOf<K>): this {
    this.nodes.push({
      id,
      kind,
      position: { x: this.nodes.length * 100, y: 0 },
      props,
    } as NodeInput);
    return this;
  }
  client(id: string, props: PropsOf<'client'> = {}) {
    return this.add('client', id, props);
  }
  gateway(id: string, props: PropsOf<'gateway'> = {}) {
    return this.add('gateway', id, props);
  }
  service(id: string, props: PropsOf<'service'> = {}) {
    return this.add('service', id, props);
  }
  pod(id: string, props: PropsOf<'pod'> = {}) {
    return this.add('pod', id, props);
  }
  database(id: string, props: PropsOf<'database'> = {}) {
    return this.add('database', id, props);
  }
  cache(id: string, props: PropsOf<'cache'> = {}) {
    return this.add('cache', id, props);
  }
  queue(id: string, props: PropsOf<'queue'> = {}) {
    return this.add('queue', id, props);
  }
  external(id: string, props: PropsOf<'external'> = {}) {
    return this.add('external', id, props);
  }
  /** A call edge; its id is `from-to` unless given. */
  call(from: string, to: string, props: CallProps = {}, id = `${from}-${to}`) {
    this.edges.push({ id, from, to, kind: 'call', props });
    return this;
  }
  publish(from: string, to: string, props: PublishProps = {}, id = `${from}-pub-${to}`) {
    this.edges.push({ id, from, to, kind: 'publish', props });
    return this;
  }
  scenario(s: Partial<ScenarioInput> = {}) {
    this.scenarios.push({ name: `s${this.scenarios.length}`, ...s });
    return this;
  }
  build(): Input {
    return {
      format: 'archlab',
      version: 1,
      name: 'test',
      nodes: this.nodes,
      edges: this.edges,
      scenarios: this.scenarios.length > 0 ? this.scenarios : [{ name: 'baseline' }],
    };
  }
}

export const buildDoc = () => new DocBuilder();

/** Instant network: no latency, no timeout, no retries. */
export const direct = { latencyMs: 0, timeoutMs: 0, retries: 0 } as const;

/** A client calling a binary tree of services: n nodes, n − 1 call edges (compile at scale). */
export function treeDoc(n: number) {
  const b = buildDoc().client('users', { rps: 10 });
  for (let i = 0; i < n - 1; i++) b.service(`s${i}`, { replicas: 1 });
  b.call('users', 's0');
  for (let i = 1; i < n - 1; i++) b.call(`s${Math.floor((i - 1) / 2)}`, `s${i}`);
  return b.build();
}
