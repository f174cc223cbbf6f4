// On a canvas node: a warning marker for the architecture checks that name it (tooltip: message
// and why), and an outline when the node is in the last run's blast radius.
import { memo, useMemo } from 'react';
import { AlertTriangle } from 'lucide-react';
import { useStore } from '../store';
import { shownBlast } from '../store/runSelectors';
import './drills.css';
import { useChecks } from './useChecks';

export const NodeMarks = memo(function NodeMarks({ id }: { id: string }) {
  const inBlast = useStore((s) => shownBlast(s).has(id));
  const warnings = useChecks();
  const mine = useMemo(() => warnings.filter((w) => w.nodeIds.includes(id)), [warnings, id]);
  return (
    <>
      {inBlast && (
        <span
          className="blast-outline"
          role="img"
          data-testid="blast-outline"
          aria-label="In the blast radius"
        />
      )}
      {mine.length > 0 && (
        <span
          className="check-marker"
          role="img"
          data-testid="check-marker"
          title={mine.map((w) => `${w.code}: ${w.message}\nWhy: ${w.why}`).join('\n\n')}
          aria-label={`${mine.length} architecture warning${mine.length === 1 ? '' : 's'}`}
        >
          <AlertTriangle size={12} />
          {mine.length > 1 ? mine.length : null}
        </span>
      )}
    </>
  );
});
