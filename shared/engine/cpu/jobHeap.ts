// The runnable jobs of a pod ordered by their virtual finish tag (processor sharing, ps.ts): a
// binary min-heap that knows each job's index, so a cut request leaves it in O(log n).
import type { Job } from './job';

export class JobHeap {
  private items: Job[] = [];
  size = 0;

  peek(): Job {
    return this.items[0] as Job;
  }

  push(j: Job): void {
    const i = this.size++;
    this.items[i] = j;
    j.heapIdx = i;
    this.up(i);
  }

  pop(): Job {
    const top = this.items[0] as Job;
    this.removeAt(0);
    return top;
  }

  remove(j: Job): void {
    if (j.heapIdx >= 0) this.removeAt(j.heapIdx);
  }

  private removeAt(i: number): void {
    const items = this.items;
    const gone = items[i] as Job;
    gone.heapIdx = -1;
    const last = items[--this.size] as Job;
    items.length = this.size;
    if (i === this.size) return;
    items[i] = last;
    last.heapIdx = i;
    this.up(i);
    this.down(last.heapIdx);
  }

  private up(i: number): void {
    const items = this.items;
    const j = items[i] as Job;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pj = items[p] as Job;
      if (pj.finish < j.finish || (pj.finish === j.finish && pj.seq < j.seq)) break;
      items[i] = pj;
      pj.heapIdx = i;
      i = p;
    }
    items[i] = j;
    j.heapIdx = i;
  }

  private down(i: number): void {
    const items = this.items;
    const n = this.size;
    const j = items[i] as Job;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const cj = items[c] as Job;
      const d = c + 1;
      let best = cj;
      if (d < n) {
        const dj = items[d] as Job;
        if (dj.finish < cj.finish || (dj.finish === cj.finish && dj.seq < cj.seq)) {
          best = dj;
          c = d;
        }
      }
      if (j.finish < best.finish || (j.finish === best.finish && j.seq < best.seq)) break;
      items[i] = best;
      best.heapIdx = i;
      i = c;
    }
    items[i] = j;
    j.heapIdx = i;
  }
}
