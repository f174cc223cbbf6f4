// Import Traces under way: how much of the files the worker has read, and Cancel. Large exports
// take seconds (about 7 s a million spans), so the window says where it is and can stop.
import { create } from 'zustand';

interface TraceProgress {
  label: string;
  readBytes: number;
  totalBytes: number;
  cancel: () => void;
}

export const useTraceProgress = create<{ progress: TraceProgress | null }>(() => ({
  progress: null,
}));

const mb = (bytes: number) => (bytes < 2 ** 20 ? '< 1' : String(Math.round(bytes / 2 ** 20)));

export function TraceImportProgress() {
  const p = useTraceProgress((s) => s.progress);
  if (p === null) return null;
  return (
    <div className="toast info trace-progress" role="status" data-testid="trace-progress">
      <span>
        Reading {p.label}: {mb(p.readBytes)} of {mb(p.totalBytes)} MB
      </span>
      <progress aria-label="Trace import progress" max={p.totalBytes || 1} value={p.readBytes} />
      <button type="button" className="tool" onClick={p.cancel}>
        Cancel
      </button>
    </div>
  );
}
