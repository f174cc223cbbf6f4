// A sweep worker thread's task: one run, a pure function of its task (tinypool calls the default
// export with each task).
import { runOne, type RunLine, type RunTask } from '../../../shared/sweep/runOne';

export default function run(task: RunTask): RunLine {
  return runOne(task);
}
