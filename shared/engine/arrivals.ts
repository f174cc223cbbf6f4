// Client arrivals: Poisson (exponential gaps) or constant spacing at the client's rate; with
// traffic shapes, Poisson arrivals are thinned (exact for any shape) against a bound of the rate
// that holds for one simulated second at a time, and constant ones are spaced by the rate in
// force. Every loop here moves t forward by a gap that the rate bound (MAX_RPS) keeps well above
// the clock's resolution, so drawing the next arrival always ends.
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
    if (tr.maxRps <= 0) return;
    // Thinning second by second: a candidate past the second's end is dropped and the draw starts
    // again from that end (exact, as exponential gaps have no memory).
    for (;;) {
      const windowEnd = (Math.floor(t / 1000) + 1) * 1000;
      const max = tr.maxRateIn(t / 1000, windowEnd / 1000);
      const next = max > 0 ? t - (1000 / max) * log(1 - rng.next()) : Infinity;
      if (next >= windowEnd) {
        t = windowEnd;
        if (t >= end) return;
        continue;
      }
      t = next;
      if (rng.next() * max <= tr.rateAt(t / 1000)) break;
    }
  }
  if (t < end) w.k.atLane(client.workLane, t, EV_ARRIVAL, client, client.arrivalGen);
}
