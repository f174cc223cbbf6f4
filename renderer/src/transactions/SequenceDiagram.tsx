// One transaction instance as a sequence diagram: a lane per process (coordinator first, then the
// participants), messages as arrows from send to receipt, lost ones cut short with why, row locks
// as bars on their participant's lane, and the notable events (crash, in doubt, restart) as tags.
// Time runs down on a compressed scale: milliseconds of protocol chatter stay readable and a
// long quiet stretch (a coordinator down for seconds) is drawn as a break labelled with its length.
import type { TxTimeline } from '../../../shared/engine/txrun';
import { durationText } from '../../../shared/format';
import { LINE_H, placeLabels, textWidth, type LabelWish, type Segment } from './labelLayout';

const LANE_W = 170;
const LEFT = 78;
const TOP = 44;
const NOTABLE = new Set([
  'ProcessCrashed',
  'ProcessRecovered',
  'InDoubt',
  'DecisionLogged',
  'StepFailed',
  'Compensated',
  'VoteTimeout',
  'StepTimeout',
]);

type Message = TxTimeline['messages'][number] & { repeats: number };

/** Runs of the same lost message (a retry loop to a process that is down) drawn as one arrow. */
function collapse(messages: TxTimeline['messages']): Message[] {
  const out: Message[] = [];
  for (const m of messages) {
    const same = out.find(
      (o) =>
        o.lost !== undefined &&
        o.lost === m.lost &&
        o.type === m.type &&
        o.from === m.from &&
        (o.to === m.to || o.sentMs === m.sentMs),
    );
    if (same) same.repeats++;
    else out.push({ ...m, repeats: 1 });
  }
  return out;
}

/** The least rise between two instants: room for one label line between their arrows. */
const ROW = 20;

/** y for each time: small gaps open proportionally, long ones are capped and marked as breaks. */
function scale(times: number[]) {
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  const ys = new Map<number, number>();
  const breaks: { y: number; ms: number }[] = [];
  let y = TOP;
  sorted.forEach((t, i) => {
    if (i > 0) {
      const gap = t - (sorted[i - 1] as number);
      if (gap > 50) {
        breaks.push({ y: y + 17, ms: gap });
        y += 34;
      } else y += ROW + Math.min(18, gap * 3);
    }
    ys.set(t, y);
  });
  return { y: (t: number) => ys.get(t) ?? y, bottom: y + 24, breaks };
}

const fmtT = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
/** An event is drawn on its own row just below the messages of its instant. */
const EVENT_ROW = 0.001;
const LOST: Record<string, string> = {
  sender_down: 'sender down',
  receiver_down: 'receiver down',
  partitioned: 'partitioned',
  dropped: 'dropped',
  timeout: 'timed out',
  unavailable: 'unavailable',
  no_route: 'no route',
};

export function SequenceDiagram({ t, endMs }: { t: TxTimeline; endMs: number }) {
  const messages = collapse(t.messages);
  const events = t.events.filter((e) => NOTABLE.has(e.reason));
  const lanes = t.lanes;
  const laneX = (p: string) => LEFT + Math.max(0, lanes.indexOf(p)) * LANE_W + LANE_W / 2;
  const times = [
    ...messages.flatMap((m) =>
      m.deliveredMs === undefined ? [m.sentMs] : [m.sentMs, m.deliveredMs],
    ),
    ...t.locks.flatMap((l) => [l.fromMs, l.toMs ?? endMs]),
    ...events.map((e) => e.tMs + EVENT_ROW),
  ];
  if (t.startMs !== null) times.push(t.startMs);
  const s = scale(times);
  const width = LEFT + lanes.length * LANE_W + 20;

  // Arrows first, then every label placed clear of them and of each other.
  const arrows = messages.map((m): Segment & { lost: boolean; label: string } => {
    const x1 = laneX(m.from);
    const x2 = laneX(m.to);
    const y1 = s.y(m.sentMs);
    const lost = m.deliveredMs === undefined;
    const y2 = lost ? y1 + 8 : s.y(m.deliveredMs as number);
    const times = m.repeats > 1 ? ` ×${m.repeats}` : '';
    const label = lost ? `${m.type}${times} ✕ ${LOST[m.lost ?? ''] ?? 'lost'}` : m.type;
    return {
      x1,
      y1,
      x2: lost ? x1 + (x2 - x1) * 0.45 : x2,
      y2: lost ? y1 + 4 : y2,
      lost,
      label,
    };
  });
  const marks = events.map((e) => ({ x: laneX(e.object), y: s.y(e.tMs + EVENT_ROW) }));
  const wishes: LabelWish[] = [
    // Event tags first: they sit on their lane at their instant.
    ...events.map((e, i): LabelWish => {
      const at = marks[i] as { x: number; y: number };
      return {
        x: at.x + 8,
        y: at.y + 4,
        anchor: 'start',
        width: textWidth(e.reason, undefined, true),
      };
    }),
    ...arrows.map((a, i): LabelWish => {
      const toRight = a.x2 >= a.x1;
      // A lost message's label starts at its sender, on the side it went.
      return a.lost
        ? {
            x: a.x1 + (toRight ? 6 : -6),
            y: a.y1 - 3,
            anchor: toRight ? 'start' : 'end',
            width: textWidth(a.label),
            own: i,
          }
        : {
            x: (a.x1 + a.x2) / 2,
            y: (a.y1 + a.y2) / 2 - 3,
            anchor: 'middle',
            width: textWidth(a.label),
            own: i,
            along: a,
          };
    }),
  ];
  // Event dots are obstacles too: a short segment across each.
  const obstacles: Segment[] = [
    ...arrows,
    ...marks.map((m) => ({ x1: m.x - 4, y1: m.y, x2: m.x + 4, y2: m.y })),
  ];
  // Lane names are fixed: nothing is placed over them.
  const laneNames = lanes.map((p) => {
    const w = textWidth(p, undefined, true);
    return { x: laneX(p) - w / 2 - 2, y: 0, w: w + 4, h: TOP - 12 };
  });
  const placed = placeLabels(wishes, obstacles, laneNames);
  const eventAt = placed.slice(0, events.length);
  const labelAt = placed.slice(events.length);
  const lowest = placed.reduce((m, p) => Math.max(m, p.box.y + p.box.h), 0);
  const height = Math.max(s.bottom, lowest + LINE_H) + 10;
  const ticks = [...new Set(times)].sort((a, b) => a - b);
  return (
    <svg
      className="tx-seq"
      data-testid="sequence-diagram"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Sequence diagram of ${t.tx}`}
    >
      <defs>
        <marker
          id="tx-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" className="tx-arrow-head" />
        </marker>
      </defs>
      {lanes.map((p) => (
        <g key={p}>
          <text x={laneX(p)} y={18} textAnchor="middle" className="tx-lane-name">
            {p}
          </text>
          <line x1={laneX(p)} x2={laneX(p)} y1={TOP - 14} y2={s.bottom} className="tx-lane" />
        </g>
      ))}
      {ticks.map((tm, i) => {
        const prev = ticks[i - 1];
        if (tm % 1 !== 0 && Math.abs(tm % 1) < 0.01) return null;
        if (prev !== undefined && s.y(tm) - s.y(prev) < 12) return null;
        return (
          <text key={tm} x={LEFT - 8} y={s.y(tm) + 4} textAnchor="end" className="tx-tick">
            {fmtT(tm)}
          </text>
        );
      })}
      {s.breaks.map((b) => (
        <g key={b.y} className="tx-break">
          <line x1={LEFT - 70} x2={width - 10} y1={b.y} y2={b.y} />
          <text x={width - 14} y={b.y - 4} textAnchor="end">
            {durationText(b.ms)} later
          </text>
        </g>
      ))}
      {t.locks.map((l, i) => {
        const x = laneX(l.participant) - 14;
        const y1 = s.y(l.fromMs);
        const y2 = s.y(l.toMs ?? endMs);
        return (
          <g key={i} className={l.toMs === null ? 'tx-lock open' : 'tx-lock'}>
            <rect x={x} y={y1} width={8} height={Math.max(3, y2 - y1)} rx={2}>
              <title>
                {`lock ${l.participant}/${l.row}: ${fmtT(l.fromMs)} → ${l.toMs === null ? 'still held' : fmtT(l.toMs)}`}
              </title>
            </rect>
            <text x={x - 4} y={(y1 + y2) / 2 + 4} textAnchor="end" className="tx-lock-label">
              lock {l.row}
            </text>
          </g>
        );
      })}
      {arrows.map((a, i) => {
        const at = labelAt[i];
        const wish = wishes[events.length + i];
        return (
          <g key={i} className={a.lost ? 'tx-msg lost' : 'tx-msg'}>
            <line
              x1={a.x1}
              y1={a.y1}
              x2={a.x2}
              y2={a.y2}
              markerEnd={a.lost ? undefined : 'url(#tx-arrow)'}
            />
            <text x={at?.x} y={at?.y} textAnchor={wish?.anchor}>
              {a.label}
            </text>
          </g>
        );
      })}
      {events.map((e, i) => {
        const { x, y } = marks[i] as { x: number; y: number };
        const at = eventAt[i];
        const bad =
          e.reason === 'ProcessCrashed' || e.reason === 'InDoubt' || e.reason === 'StepFailed';
        return (
          <g key={i} className={bad ? 'tx-event bad' : 'tx-event'}>
            <circle cx={x} cy={y} r={4} />
            <text x={at?.x ?? x + 8} y={at?.y ?? y + 4}>
              {e.reason}
            </text>
            <title>{`${fmtT(e.tMs)} ${e.reason} ${e.object}: ${e.message}`}</title>
          </g>
        );
      })}
    </svg>
  );
}
