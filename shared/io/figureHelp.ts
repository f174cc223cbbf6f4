// What each figure the lab shows is, in one sentence: the tooltips of the run summary, the live
// badges on the canvas and the inspector, and the notes under the report's tables all read them
// from here, so a figure means the same thing wherever it is read.

/** Figures of the whole run (the run summary, the report): counted after warm-up. */
export const RUN_FIGURES = {
  requests: 'Requests that arrived after warm-up and finished, ok or not, over the whole run.',
  offered: 'Finished requests per second over the whole run after warm-up (the throughput).',
  goodput: 'Requests answered ok per second over the whole run after warm-up.',
  failed: 'Requests that ended in an error per second over the whole run after warm-up.',
  errorRate:
    'Share of the finished requests that ended in an error, over the whole run after warm-up.',
  p50: 'Median end-to-end latency of every request after warm-up, as its client saw it.',
  p95: '95th percentile of end-to-end latency over the whole run after warm-up: 1 request in 20 took longer.',
  p99: '99th percentile of end-to-end latency over the whole run after warm-up: 1 request in 100 took longer (the badge on a node shows the last second only).',
  mean: 'Mean end-to-end latency of every request after warm-up, as its client saw it.',
} as const;

/** Per-node columns of the run summary and the report. */
export const NODE_FIGURES = {
  node: 'The node by its name; click a row to select it on the canvas.',
  kind: 'What the node is: client, gateway, service, pod, database, cache, queue or external API.',
  requests:
    'Requests this node finished over the whole run after warm-up (a client: the requests it sent).',
  errors: 'Requests that ended in an error at this node over the whole run after warm-up.',
  p50: 'Median time a request spent at this node, its downstream calls included, over the whole run after warm-up.',
  p99: '99th percentile of the time a request spent at this node, downstream calls included, over the whole run after warm-up.',
  utilisation:
    'Busy share of the node’s slots (pods × concurrency) over the run; a slot stays busy while its request waits on downstream calls, as a thread-per-request server does. An event loop: the share of time its loops run callbacks (or block), as Node’s event loop utilisation reads it.',
  queue:
    'Requests waiting for a free slot (an event loop: for a free loop): time-averaged mean and the most at once.',
  inFlight:
    "Mean requests at the node, waiting and served (Little's L = arrival rate × time at the node).",
} as const;

/** The inside of the pods of a service with a runtime (the run summary, the report, the CLI). */
export const CPU_FIGURES = {
  runtime:
    'What runs in each pod: a thread pool (a thread held per request, through its IO and calls) or event loops (held only on CPU), and its lock.',
  cores:
    'Mean cores the service’s pods used together over the run after warm-up, user and system time, as cAdvisor’s container_cpu_usage_seconds_total counts it.',
  limit:
    'The CPU limit of one pod (resources.limits.cpu): its CFS quota is the limit × 100 ms a 100 ms period.',
  throttled:
    'CFS periods in which a pod ran out of quota, of the periods in which it had work (cAdvisor’s nr_throttled of nr_periods).',
  throttledTime: 'Time the pods’ threads waited for the next period with work to do.',
  userSystem: 'CPU seconds in user space and in the kernel (system calls and context switches).',
  switches: 'Context switches: a blocking wait costs two, and past the cores each time slice one.',
  lock: 'Request-seconds spent asleep waiting for the pod-wide lock, and CPU seconds spent spinning on it.',
  oom: 'Containers the kernel’s OOM killer ended (exit code 137) for passing limits.memory.',
} as const;

/** The live badge on a node during a run: the last simulated second only. */
export const LIVE_FIGURES = {
  badge:
    'Live figures of the last simulated second only; the run summary gives the whole run after warm-up, so the two differ while load or faults vary.',
  rps: 'Requests that arrived at this node in the last second (a Poisson client varies around its mean rate).',
  ok: 'Requests answered ok in the last second (goodput).',
  p99: '99th percentile latency of the requests finished in the last second.',
  err: 'Share of the requests finished in the last second that ended in an error.',
} as const;

/** Per-link columns of the report. */
export const EDGE_FIGURES = {
  attempts: 'Calls sent over this link, retries included.',
  retries: 'Attempts that were retries of a failed or timed-out call.',
  perCall: 'Attempts per first attempt: the retry amplification on this hop.',
  perUserRequest: 'Attempts on this link per request its clients sent (fan-out and retries).',
  wasted: 'Attempts whose answer came after the caller had given up (timed out).',
} as const;

/** The inspector's one-line summaries above a component's or link's fields. */
export const INSPECTOR_FIGURES = {
  node: 'Its main settings, as its card on the canvas shows them: what it is set to, not what a run measured.',
  edge: 'The link’s timeout per attempt and its retries (a publish link: its one-way latency), as set in the fields below.',
} as const;
