// The drill timeline: faults and operations as bars on lanes (one per target) at their times.
// Drag a bar to move it, its edges to resize it; the document changes once, when the drag ends.
import { useRef, useState } from 'react';
import { isMoment } from '../../../shared/io/reportData';
import type { Scenario, TimelineEntry } from '../../../shared/model';
import { useStore } from '../store';
import { patchScenario } from './scenarioEdit';
import { targetName } from './targets';
import { TrafficStrip } from './TrafficStrip';

type Mode = 'move' | 'start' | 'end';
interface Drag {
  index: number;
  mode: Mode;
  x0: number;
  width: number;
  atS: number;
  forS: number | undefined;
}

const SNAP_S = 0.5;
const snap = (v: number) => Math.round(v / SNAP_S) * SNAP_S;

export function lanesOf(timeline: readonly TimelineEntry[]): string[] {
  const lanes: string[] = [];
  for (const e of timeline) {
    const key = e.target ?? '';
    if (!lanes.includes(key)) lanes.push(key);
  }
  return lanes;
}

function ticks(durationS: number): number[] {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];
  const step = steps.find((s) => durationS / s <= 12) ?? 3600;
  const out: number[] = [];
  for (let t = 0; t <= durationS; t += step) out.push(t);
  return out;
}

export function TimelineEditor({
  scenario,
  selected,
  onSelect,
}: {
  scenario: Scenario;
  selected: number | null;
  onSelect(index: number | null): void;
}) {
  const doc = useStore((s) => s.doc);
  const D = scenario.durationS;
  const track = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<(Drag & { dx: number }) | null>(null);

  const shown = (e: TimelineEntry, i: number): { atS: number; forS: number | undefined } => {
    if (!drag || drag.index !== i) return { atS: e.atS, forS: e.forS };
    const ds = (drag.dx / drag.width) * D;
    const end = drag.atS + (drag.forS ?? 0);
    if (drag.mode === 'move')
      return { atS: Math.min(D, Math.max(0, snap(drag.atS + ds))), forS: drag.forS };
    if (drag.mode === 'start') {
      const atS = Math.min(end, Math.max(0, snap(drag.atS + ds)));
      return { atS, forS: end - atS };
    }
    return { atS: drag.atS, forS: Math.max(0, snap((drag.forS ?? 0) + ds)) };
  };

  const begin = (e: React.PointerEvent, index: number, mode: Mode) => {
    const entry = scenario.timeline[index];
    const width = track.current?.getBoundingClientRect().width ?? 1;
    if (!entry) return;
    e.preventDefault();
    e.stopPropagation();
    onSelect(index);
    (e.target as Element).setPointerCapture(e.pointerId);
    setDrag({ index, mode, x0: e.clientX, width, atS: entry.atS, forS: entry.forS, dx: 0 });
  };
  const move = (e: React.PointerEvent) => {
    if (drag) setDrag({ ...drag, dx: e.clientX - drag.x0 });
  };
  const end = () => {
    if (!drag) return;
    const entry = scenario.timeline[drag.index];
    const next = entry && shown(entry, drag.index);
    setDrag(null);
    if (!entry || !next || (next.atS === entry.atS && next.forS === entry.forS)) return;
    const timeline = scenario.timeline.map((x, i) => {
      if (i !== drag.index) return x;
      const { forS: _f, ...rest } = x;
      return next.forS === undefined ? { ...rest, atS: next.atS } : { ...rest, ...next };
    });
    patchScenario(scenario.name, { timeline: timeline as TimelineEntry[] });
  };

  const lanes = lanesOf(scenario.timeline);
  const pct = (s: number) => `${(Math.min(D, Math.max(0, s)) / D) * 100}%`;
  return (
    <div className="timeline" aria-label="Drill timeline">
      <div className="timeline-ruler">
        <span className="lane-label" />
        <div className="ruler-track">
          {ticks(D).map((t) => (
            <span key={t} className="tick" style={{ left: pct(t) }}>
              {t} s
            </span>
          ))}
        </div>
      </div>
      <TrafficStrip durationS={D} />
      {lanes.length === 0 && (
        <p className="muted small timeline-empty">
          No faults yet: add one with <strong>Add fault</strong>. Each target gets its own lane.
        </p>
      )}
      {lanes.map((lane) => (
        <div className="lane" key={lane} data-lane={lane}>
          <span className="lane-label small" title={lane}>
            {targetName(doc, lane)}
          </span>
          <div className="lane-track" ref={lane === lanes[0] ? track : undefined}>
            {scenario.timeline.map((e, i) => {
              if ((e.target ?? '') !== lane) return null;
              const v = shown(e, i);
              const moment = v.forS === undefined && isMoment(e.action);
              const endS = v.forS !== undefined ? v.atS + v.forS : moment ? v.atS : D;
              return (
                <div
                  key={i}
                  role="button"
                  tabIndex={0}
                  data-testid={`bar-${i}`}
                  className={`bar${moment ? ' moment' : ''}${selected === i ? ' on' : ''}${
                    e.action === 'scale' || e.action.startsWith('roll') ? ' op' : ''
                  }`}
                  style={{
                    left: pct(v.atS),
                    width: moment ? undefined : `calc(${pct(endS)} - ${pct(v.atS)})`,
                  }}
                  title={`${e.action} at ${v.atS} s${v.forS !== undefined ? ` for ${v.forS} s` : ''}`}
                  onPointerDown={(ev) => begin(ev, i, 'move')}
                  onPointerMove={move}
                  onPointerUp={end}
                  onKeyDown={(ev) => {
                    if (ev.key === 'Enter') onSelect(i);
                  }}
                >
                  {!moment && (
                    <span
                      className="grip start"
                      onPointerDown={(ev) => begin(ev, i, 'start')}
                      onPointerMove={move}
                      onPointerUp={end}
                    />
                  )}
                  <span className="bar-text">{e.action}</span>
                  {!moment && v.forS !== undefined && (
                    <span
                      className="grip end"
                      onPointerDown={(ev) => begin(ev, i, 'end')}
                      onPointerMove={move}
                      onPointerUp={end}
                    />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
