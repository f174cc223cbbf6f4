import { useMemo, useState } from 'react';
import { thingName } from '../../../shared/model';
import { useStore } from '../store';
import { useLive } from './liveStore';

const SHOWN = 400;

/** The run's event log in the Kubernetes style: newest last, filterable. */
export function EventsTab() {
  const events = useLive((s) => s.events);
  const doc = useStore((s) => s.doc);
  const [query, setQuery] = useState('');
  const [warningsOnly, setWarningsOnly] = useState(false);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const hits = events.filter(
      (e) =>
        (!warningsOnly || e.type === 'Warning') &&
        (!q ||
          `${e.reason} ${e.object} ${thingName(doc, e.object)} ${e.message}`
            .toLowerCase()
            .includes(q)),
    );
    return { rows: hits.slice(-SHOWN), total: hits.length };
  }, [events, query, warningsOnly, doc]);
  return (
    <div className="events">
      <div className="events-bar">
        <input
          className="events-filter"
          placeholder="Filter events (reason, object, message)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="small">
          <input
            type="checkbox"
            checked={warningsOnly}
            onChange={(e) => setWarningsOnly(e.target.checked)}
          />{' '}
          Warnings only
        </label>
        <span className="small muted">
          {shown.total > SHOWN ? `last ${SHOWN} of ${shown.total}` : `${shown.total} events`}
        </span>
      </div>
      {shown.total === 0 ? (
        <p className="muted small">
          No events yet. Faults, scaling, restarts and breaker changes are logged here.
        </p>
      ) : (
        <table className="event-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Type</th>
              <th>Reason</th>
              <th>Object</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {shown.rows.map((e, i) => (
              <tr key={i} className={e.type === 'Warning' ? 'warning' : undefined}>
                <td className="num">{e.t.toFixed(3)} s</td>
                <td>{e.type}</td>
                <td>{e.reason}</td>
                <td>{thingName(doc, e.object)}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
