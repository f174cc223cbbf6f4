// A batch of runs under way: its progress bar, "done / total runs" and Cancel (Sweep and
// Concurrency tabs).
export function RunProgress(props: {
  done: number;
  total: number;
  label?: string;
  onCancel: () => void;
}) {
  return (
    <>
      <progress aria-label={props.label} max={props.total || 1} value={props.done} />
      <span className="small">
        {props.done} / {props.total} runs
      </span>
      <button type="button" className="tool" onClick={props.onCancel}>
        Cancel
      </button>
    </>
  );
}
