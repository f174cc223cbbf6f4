// Call cycles without a depth limit: strongly connected components (Tarjan, iterative) of the
// graph of synchronous call edges, ignoring edges that carry maxDepth. One cycle per component.
import type { REdge, RNode } from './graph';

const followed = (e: REdge) => !e.publish && e.maxDepth === 0;

export function findCycles(nodes: RNode[], _edges: REdge[]): REdge[][] {
  const n = nodes.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let comps = 0;
  const work: { v: number; i: number }[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    work.push({ v: root, i: 0 });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1] as { v: number; i: number };
      const steps = (nodes[top.v] as RNode).steps;
      if (top.i < steps.length) {
        const e = steps[top.i++] as REdge;
        if (!followed(e)) continue;
        const w = e.to.index;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, i: 0 });
        } else if (onStack[w]) low[top.v] = Math.min(low[top.v] as number, index[w] as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent.v] = Math.min(low[parent.v] as number, low[top.v] as number);
      if (low[top.v] === index[top.v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp[w] = comps;
        } while (w !== top.v);
        comps++;
      }
    }
  }
  const cycles: REdge[][] = [];
  const done = new Uint8Array(comps);
  for (let v = 0; v < n; v++) {
    const c = comp[v] as number;
    if (done[c]) continue;
    const inside = (e: REdge) => followed(e) && comp[e.to.index] === c;
    const node = nodes[v] as RNode;
    const selfOrBig = node.steps.some(inside);
    if (!selfOrBig) continue;
    done[c] = 1;
    // Walk inside the component until a node repeats: that stretch is a cycle.
    const seenAt = new Map<number, number>();
    const path: REdge[] = [];
    let at = v;
    while (!seenAt.has(at)) {
      seenAt.set(at, path.length);
      const e = (nodes[at] as RNode).steps.find(inside) as REdge;
      path.push(e);
      at = e.to.index;
    }
    cycles.push(path.slice(seenAt.get(at)));
  }
  return cycles;
}
