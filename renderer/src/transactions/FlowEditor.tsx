// Define a transaction flow: participants, steps, protocol, compensations (Saga/TCC) and the
// options that matter to it. Every edit is one document op through the store's apply().
import { useState } from 'react';
import type { TransactionFlow } from '../../../shared/model';
import { useStore } from '../store';

const PROTOCOLS: { id: TransactionFlow['protocol']; label: string }[] = [
  { id: 'local', label: 'Local (one database)' },
  { id: '2pc', label: '2PC' },
  { id: '3pc', label: '3PC' },
  { id: 'tcc', label: 'TCC' },
  { id: 'saga', label: 'Saga' },
  { id: 'outbox', label: 'Transactional outbox' },
];

type Options = NonNullable<TransactionFlow['options']>;
type NumberKey = {
  [K in keyof Options]-?: NonNullable<Options[K]> extends number ? K : never;
}[keyof Options];

const NUMBER_OPTIONS: { key: NumberKey; label: string; unit: string; when?: string[] }[] = [
  { key: 'ratePerS', label: 'Rate', unit: '/s' },
  { key: 'fromS', label: 'From', unit: 's' },
  { key: 'toS', label: 'Until', unit: 's' },
  { key: 'amount', label: 'Amount', unit: '' },
  { key: 'voteTimeoutMs', label: 'Vote timeout', unit: 'ms', when: ['2pc', '3pc'] },
  { key: 'decisionTimeoutMs', label: 'Decision timeout', unit: 'ms', when: ['2pc', '3pc'] },
  { key: 'stepTimeoutMs', label: 'Step timeout', unit: 'ms', when: ['tcc', 'saga', 'local'] },
  { key: 'retryMs', label: 'Retry every', unit: 'ms' },
];

const hasCompensation = (p: TransactionFlow['protocol']) => p === 'saga' || p === 'tcc';

/** The flows of the document, a button to add one, and the editor of the selected one. */
export function FlowEditor({
  selected,
  onSelect,
}: {
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const flows = useStore((s) => s.doc.transactions);
  const apply = useStore((s) => s.apply);
  const flow = flows.find((f) => f.id === selected) ?? flows[0];
  const add = () => {
    let n = flows.length + 1;
    while (flows.some((f) => f.id === `flow-${n}`)) n++;
    const id = `flow-${n}`;
    const r = apply([
      {
        type: 'addTransaction',
        transaction: { id, name: `Flow ${n}`, protocol: '2pc', steps: [] },
      },
    ]);
    if (r.ok) onSelect(id);
  };
  return (
    <div className="tx-flows" aria-label="Transaction flows">
      <div className="tx-flow-list">
        <div className="tx-flow-options" role="listbox" aria-label="Flows">
          {flows.map((f) => (
            <button
              key={f.id}
              type="button"
              role="option"
              aria-selected={f.id === flow?.id}
              className={f.id === flow?.id ? 'tx-flow on' : 'tx-flow'}
              onClick={() => onSelect(f.id)}
            >
              {f.name} <span className="muted small">{f.protocol}</span>
            </button>
          ))}
        </div>
        <button type="button" className="tx-add" onClick={add}>
          + Add flow
        </button>
      </div>
      {flow ? <FlowForm key={flow.id} flow={flow} /> : <p className="muted">No flow yet.</p>}
    </div>
  );
}

function FlowForm({ flow }: { flow: TransactionFlow }) {
  const apply = useStore((s) => s.apply);
  const nodes = useStore((s) => s.doc.nodes);
  const candidates = nodes.filter((n) => n.kind === 'service' || n.kind === 'database');
  const update = (patch: Partial<Omit<TransactionFlow, 'id'>>) =>
    apply([{ type: 'updateTransaction', id: flow.id, patch }]);
  const steps = flow.steps;
  const setStep = (i: number, patch: Partial<TransactionFlow['steps'][number]>) =>
    update({ steps: steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const setOption = (key: NumberKey, value: number | undefined) => {
    const options: Options = { ...flow.options };
    if (value === undefined) delete options[key];
    else options[key] = value;
    update({ options });
  };
  return (
    <form className="tx-form" aria-label={`Flow ${flow.name}`} onSubmit={(e) => e.preventDefault()}>
      <div className="tx-row">
        <label>
          Name <TextField value={flow.name} onCommit={(name) => name && update({ name })} />
        </label>
        <label>
          Protocol{' '}
          <select
            aria-label="Protocol"
            value={flow.protocol}
            onChange={(e) => update({ protocol: e.target.value as TransactionFlow['protocol'] })}
          >
            {PROTOCOLS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        {flow.protocol === 'saga' && (
          <label>
            <select
              aria-label="Saga mode"
              value={flow.options?.sagaMode ?? 'orchestrated'}
              onChange={(e) =>
                update({
                  options: {
                    ...flow.options,
                    sagaMode: e.target.value as 'orchestrated' | 'choreographed',
                  },
                })
              }
            >
              <option value="orchestrated">orchestrated</option>
              <option value="choreographed">choreographed (over a queue)</option>
            </select>
          </label>
        )}
        <button
          type="button"
          className="tx-remove"
          onClick={() => apply([{ type: 'removeTransaction', id: flow.id }])}
        >
          Delete flow
        </button>
      </div>
      <table className="tx-steps">
        <thead>
          <tr>
            <th>#</th>
            <th>Participant</th>
            <th>Action</th>
            {hasCompensation(flow.protocol) && <th>Compensation</th>}
            <th />
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={i}>
              <td className="num">{i + 1}</td>
              <td>
                <select
                  aria-label={`Participant of step ${i + 1}`}
                  value={s.participant}
                  onChange={(e) => setStep(i, { participant: e.target.value })}
                >
                  {!candidates.some((n) => n.id === s.participant) && (
                    <option value={s.participant}>{s.participant}</option>
                  )}
                  {candidates.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.label ?? n.id} ({n.kind})
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <TextField
                  label={`Action of step ${i + 1}`}
                  value={s.action}
                  placeholder="debit wallet"
                  onCommit={(action) => setStep(i, { action })}
                />
              </td>
              {hasCompensation(flow.protocol) && (
                <td>
                  <TextField
                    label={`Compensation of step ${i + 1}`}
                    value={s.compensation ?? ''}
                    placeholder="credit wallet"
                    onCommit={(compensation) => setStep(i, { compensation })}
                  />
                </td>
              )}
              <td>
                <button
                  type="button"
                  aria-label={`Remove step ${i + 1}`}
                  onClick={() => update({ steps: steps.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        disabled={candidates.length === 0}
        onClick={() =>
          update({
            steps: [...steps, { participant: candidates[0]?.id ?? '', action: 'debit wallet' }],
          })
        }
      >
        + Add step
      </button>
      <p className="muted small">
        Actions: <code>debit ROW</code>, <code>credit ROW</code> (± amount; these rows make the
        balance check), <code>add N ROW</code>. Instances start at the rate below on the
        coordinator&apos;s pods.
      </p>
      <div className="tx-options">
        {NUMBER_OPTIONS.filter((o) => !o.when || o.when.includes(flow.protocol)).map((o) => (
          <label key={o.key}>
            {o.label}
            <NumberField
              label={o.label}
              value={flow.options?.[o.key]}
              onCommit={(v) => setOption(o.key, v)}
            />
            <span className="muted small">{o.unit}</span>
          </label>
        ))}
      </div>
    </form>
  );
}

/** A text input that commits on blur or Enter (one undo step per edit, not per key). */
function TextField(props: {
  value: string;
  onCommit: (v: string) => void;
  label?: string;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState(props.value);
  const commit = () => draft !== props.value && props.onCommit(draft.trim());
  return (
    <input
      aria-label={props.label}
      value={draft}
      placeholder={props.placeholder}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

function NumberField(props: {
  value: number | undefined;
  onCommit: (v: number | undefined) => void;
  label: string;
}) {
  const [draft, setDraft] = useState(props.value === undefined ? '' : String(props.value));
  const commit = () => {
    const v = draft.trim() === '' ? undefined : Number(draft);
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) return;
    if (v !== props.value) props.onCommit(v);
  };
  return (
    <input
      aria-label={props.label}
      className="tx-num"
      inputMode="decimal"
      value={draft}
      placeholder="default"
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}
