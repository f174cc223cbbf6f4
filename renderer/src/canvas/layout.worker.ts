// Auto-layout off the UI thread: elkjs's layered algorithm on a graph the canvas sends.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';

const elk = new ELK();

self.onmessage = (event: MessageEvent<{ id: number; graph: ElkNode }>) => {
  const { id, graph } = event.data;
  elk.layout(graph).then(
    (result) => self.postMessage({ id, ok: true, result }),
    (e: unknown) => self.postMessage({ id, ok: false, message: String(e) }),
  );
};
