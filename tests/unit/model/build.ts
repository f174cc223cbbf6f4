// A fluent builder for test documents: buildDoc().service('api', { replicas: 3 }).call('api', 'db').doc
import type { ArchDocument } from '../../../shared/model';
import {
  Node,
  emptyDocument,
  newEdge,
  newGroup,
  newNode,
  type Edge,
  type NodeKind,
} from '../../../shared/model';

export class DocBuilder {
  private x = 0;
  constructor(public doc: ArchDocument = emptyDocument('Test')) {}

  node(kind: NodeKind, id: string, props: Record<string, unknown> = {}, parentId?: string): this {
    const base = newNode(kind, id, { x: this.x, y: 0 }, id);
    this.x += 200;
    const node = Node.parse({
      ...base,
      props: { ...base.props, ...props },
      ...(parentId === undefined ? {} : { parentId }),
    });
    this.doc = { ...this.doc, nodes: [...this.doc.nodes, node] };
    return this;
  }
  client(id: string, props: Record<string, unknown> = {}) {
    return this.node('client', id, props);
  }
  gateway(id: string, props: Record<string, unknown> = {}) {
    return this.node('gateway', id, props);
  }
  service(id: string, props: Record<string, unknown> = {}, parentId?: string) {
    return this.node('service', id, props, parentId);
  }
  database(id: string, props: Record<string, unknown> = {}) {
    return this.node('database', id, props);
  }
  queue(id: string) {
    return this.node('queue', id);
  }
  cache(id: string, props: Record<string, unknown> = {}) {
    return this.node('cache', id, props);
  }
  edge(from: string, to: string, kind: Edge['kind'] = 'call', id = `${from}:${to}`): this {
    this.doc = { ...this.doc, edges: [...this.doc.edges, newEdge(id, from, to, kind)] };
    return this;
  }
  call(from: string, to: string) {
    return this.edge(from, to, 'call');
  }
  publish(from: string, to: string) {
    return this.edge(from, to, 'publish');
  }
  group(id: string, kind: 'zone' | 'team' = 'zone', parentId?: string, x = 0, y = 0): this {
    const g = newGroup(kind, id, { x, y });
    this.doc = { ...this.doc, groups: [...this.doc.groups, parentId ? { ...g, parentId } : g] };
    return this;
  }
}

export const buildDoc = (doc?: ArchDocument) => new DocBuilder(doc);

/** A small shop used by many tests: client → gateway → orders → db, orders ⇢ queue → mailer. */
export function shop(): ArchDocument {
  return buildDoc()
    .group('zone-a')
    .client('users')
    .gateway('gw')
    .service('orders', { replicas: 3 }, 'zone-a')
    .database('db')
    .queue('events')
    .service('mailer')
    .call('users', 'gw')
    .call('gw', 'orders')
    .call('orders', 'db')
    .publish('orders', 'events')
    .call('events', 'mailer').doc;
}
