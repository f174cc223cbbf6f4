// Client arrivals: Poisson (exponential gaps) or constant spacing at the client's rate; with
// traffic shapes, Poisson arrivals are thinned against the largest rate (exact for any shape),
// and constant ones are spaced by the rate in force.
import type { RNode, Graph } from './graph';
import type { Traffic } from './traffic';
import type { World } from './world';
import { EV_ARRIVAL } from './world';
import { log } from './detMath';

export function scheduleArrival(w: World, client: RNode, from: number): void {
  const tr = client.traffic as Traffic;
  const rng = client.rng;
  const end = (w.g as Graph).durationMs;
  let t = from;
  if (!tr.shaped) {
    const rps = tr.baseRps;
    if (rps <= 0) return;
    t += tr.constant ? 1000 / rps : -(1000 / rps) * log(1 - rng.next());
  } else if (tr.constant) {
    let rate = tr.rateAt(t / 1000);
    while (rate <= 0) {
      t += 100;
      if (t >= end) return;
      rate = tr.rateAt(t / 1000);
    }
    t += 1000 / rate;
  } else {
    const max = tr.maxRps;
    if (max <= 0) return;
    do {
      t += -(1000 / max) * log(1 - rng.next());
      if (t >= end) return;
    } while (rng.next() * max > tr.rateAt(t / 1000));
  }
  if (t < end) w.k.atLane(client.workLane, t, EV_ARRIVAL, client, 0);
}
