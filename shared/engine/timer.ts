// A generic kernel event for control-plane modules (k8s/, gateway/ and whoever needs one): the
// event's object is a Timer and its argument a number the timer reads (a token or a kind), so a
// module adds timers without a new event type in world.ts or a new case in sim.ts.
import type { World } from './world';

export interface Timer {
  fire(w: World, arg: number): void;
}
