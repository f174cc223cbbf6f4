// A live drill replayed: the commands a user gave a live run become timeline entries of the
// scenario, at the simulated moment the engine recorded, so a batch run of the scenario repeats it.
import type { Command } from '../engine/sim';
import type { TimelineEntry } from '../model';

/** Timeline entries for a run's live commands, in the order given. */
export function commandsToTimeline(commands: readonly Command[]): TimelineEntry[] {
  return commands.map((c) => ({
    atS: c.t,
    action: c.action,
    ...(c.target !== null ? { target: c.target } : {}),
    params: { ...c.params },
    ...(c.forS !== null ? { forS: c.forS } : {}),
  }));
}

/** The timeline with the live entries merged in by time (stable: existing entries first). */
export function mergeTimeline(
  timeline: readonly TimelineEntry[],
  added: readonly TimelineEntry[],
): TimelineEntry[] {
  return [...timeline, ...added]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.atS - b.e.atS || a.i - b.i)
    .map((x) => x.e);
}
