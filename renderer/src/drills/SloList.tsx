// The scenario's SLOs beside the timeline: metric, operator, value (ms, % or s), scope and window;
// a recovery SLO ("recovers within N s after each fault ends") has an error threshold instead of a
// window (engine/slo.ts).
import type { Scenario, Slo } from '../../../shared/model';
import { opText } from '../../../shared/io/reportData';
import { useStore } from '../store';
import { NumField, TextField } from './fields';
import { patchScenario } from './scenarioEdit';

const METRICS = ['p50', 'p95', 'p99', 'error-rate', 'availability', 'recovery'] as const;
const OPS = ['<', '<=', '>', '>='] as const;
const percent = (m: string) => m === 'error-rate' || m === 'availability';

/** "p99 < 500 ms", "error-rate < 1 % over 60 s", "recovers ≤ 30 s after a fault". */
export function sloTitle(s: Pick<Slo, 'metric' | 'op' | 'value' | 'windowS'>): string {
  if (s.metric === 'recovery') return `recovers ${opText(s.op)} ${s.value} s after a fault`;
  const v = percent(s.metric) ? `${Number((s.value * 100).toFixed(4))} %` : `${s.value} ms`;
  const over = s.windowS !== undefined ? ` over ${s.windowS} s` : '';
  return `${s.metric} ${opText(s.op)} ${v}${over}`;
}

const unitOf = (m: string) => (percent(m) ? '%' : m === 'recovery' ? 's' : 'ms');

export function SloList({ scenario }: { scenario: Scenario }) {
  const nodes = useStore((s) => s.doc.nodes);
  const set = (index: number, patch: Partial<Slo>, drop: (keyof Slo)[] = []) => {
    const slos = scenario.slos.map((s, i) => {
      if (i !== index) return s;
      const next: Slo = { ...s, ...patch };
      for (const key of drop) delete next[key];
      // A name that was generated follows the figures.
      if (patch.name === undefined && s.name === sloTitle(s)) next.name = sloTitle(next);
      if (patch.target === '') delete next.target;
      return next;
    });
    patchScenario(scenario.name, { slos });
  };
  const add = () => {
    const slo: Slo = {
      name: sloTitle({ metric: 'p99', op: '<', value: 500 }),
      metric: 'p99',
      op: '<',
      value: 500,
    };
    patchScenario(scenario.name, { slos: [...scenario.slos, slo] });
  };
  return (
    <section className="slo-editor" aria-label="SLOs">
      <header className="slo-editor-head">
        <strong>SLOs</strong>
        <button type="button" className="tool" onClick={add}>
          Add SLO
        </button>
      </header>
      {scenario.slos.length === 0 && (
        <p className="muted small">No SLOs: the verdict has nothing to hold the run to.</p>
      )}
      <ul>
        {scenario.slos.map((s, i) => (
          <li key={i} className="slo-row" data-testid={`slo-${i}`}>
            <TextField label="SLO name" value={s.name} onCommit={(name) => set(i, { name })} />
            <div className="slo-figures">
              <select
                aria-label="Metric"
                value={s.metric}
                onChange={(e) => {
                  const metric = e.target.value as Slo['metric'];
                  const value =
                    unitOf(metric) === unitOf(s.metric)
                      ? s.value
                      : metric === 'availability'
                        ? 0.999
                        : percent(metric)
                          ? 0.01
                          : metric === 'recovery'
                            ? 30
                            : 500;
                  const op =
                    metric === 'availability'
                      ? '>='
                      : metric === 'recovery'
                        ? '<='
                        : s.metric === 'availability' || s.metric === 'recovery'
                          ? '<'
                          : s.op;
                  // A recovery SLO has no window; only a recovery SLO has an error threshold.
                  const drop: (keyof Slo)[] = metric === 'recovery' ? ['windowS'] : ['threshold'];
                  set(i, { metric, value, op }, drop);
                }}
              >
                {METRICS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
              <select
                aria-label="Operator"
                value={s.op}
                onChange={(e) => set(i, { op: e.target.value as Slo['op'] })}
              >
                {OPS.map((o) => (
                  <option key={o} value={o}>
                    {opText(o)}
                  </option>
                ))}
              </select>
              <NumField
                label="Value"
                unit={unitOf(s.metric)}
                value={percent(s.metric) ? Number((s.value * 100).toFixed(6)) : s.value}
                min={0}
                onCommit={(v) =>
                  v !== undefined && set(i, { value: percent(s.metric) ? v / 100 : v })
                }
              />
              <select
                aria-label="Scope"
                value={s.target ?? ''}
                onChange={(e) => set(i, { target: e.target.value })}
              >
                <option value="">end to end</option>
                {nodes.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.label ?? n.id}
                  </option>
                ))}
              </select>
              {s.metric === 'recovery' ? (
                <NumField
                  label="Recovered at errors ≤"
                  unit="%"
                  value={
                    s.threshold === undefined ? undefined : Number((s.threshold * 100).toFixed(6))
                  }
                  min={0}
                  max={100}
                  placeholder="1"
                  onCommit={(v) =>
                    v === undefined ? set(i, {}, ['threshold']) : set(i, { threshold: v / 100 })
                  }
                />
              ) : (
                <NumField
                  label="Window"
                  unit="s"
                  value={s.windowS}
                  min={0.001}
                  placeholder="whole run"
                  onCommit={(v) =>
                    v === undefined ? set(i, {}, ['windowS']) : set(i, { windowS: v })
                  }
                />
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove SLO ${s.name}`}
                title="Remove"
                onClick={() =>
                  patchScenario(scenario.name, { slos: scenario.slos.filter((_, k) => k !== i) })
                }
              >
                ×
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
