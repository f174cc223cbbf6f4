// The shapes of a drill's verdict (verdict.ts makes them): per SLO, per fault with its detection,
// recovery and blast radius, and the hops in a retry storm.
import type { RunEvent } from '../engine/events';
import type { Outcome } from '../slo/judge';
import type { HopFigure, PathFigure } from './callGraph';

export interface VerdictOptions {
  /** Consecutive healthy seconds that count as recovered; default 5. */
  recoverForS?: number | undefined;
}

export interface SloVerdict {
  name: string;
  metric: string;
  target: string | null;
  scope: string;
  pass: boolean;
  value: number;
  valueText: string;
  thresholdText: string;
  /** First simulated second whose own figure broke the threshold; null if none did. */
  firstBrokeS: number | null;
  secondsBroken: number;
  /** Windowed: the worst window; recovery: how each fault recovered (reportData.ts). */
  detail: string | null;
}

export interface FaultSpan {
  source: 'timeline' | 'live';
  /** Index in the scenario's timeline, or in the run's commands. */
  index: number;
  action: string;
  target: string | null;
  params: Record<string, unknown>;
  fromS: number;
  /** End of the fault (= fromS for a moment; the run's end without forS). */
  toS: number;
  label: string;
  /** False for a fault that starts after the point a stopped run reached. */
  reached: boolean;
}

export interface BlastNode {
  id: string;
  label: string;
  /** Call hops from the fault's target (0 = the target). */
  hops: number;
  /** The callee it was reached through. */
  via: string | null;
  errors: number;
  completed: number;
  errorRate: number;
  /**
   * The rate this node is compared with: its calm baseline, or, for a fault that began while the
   * system was already failing, its rate in the seconds just before the fault.
   */
  baselineRate: number;
  causes: Record<string, number>;
}

export interface FaultVerdict extends FaultSpan {
  detectedAtS: number | null;
  ttdS: number | null;
  recoveredAtS: number | null;
  ttrS: number | null;
  /** Start and end of the window the blast radius and events are read from. */
  windowFromS: number;
  windowToS: number;
  blastRadius: BlastNode[];
  events: RunEvent[];
  /**
   * The earlier fault whose failure was still going on when this one began (null if the system was
   * healthy): this fault's detection and blast radius count only what changed after it.
   */
  alreadyFailing: { index: number; label: string; sinceS: number } | null;
}

/** A hop whose retries multiplied its load past RETRY_STORM_AT attempts per user request. */
export interface RetryStorm {
  edge: string;
  from: string;
  to: string;
  perUserRequest: number;
  perCall: number;
  retries: number;
}

export interface DrillVerdict {
  /** Only when there were SLOs and every one held (outcome PASSED). */
  pass: boolean;
  outcome: Outcome;
  /** The figures that matter with or without SLOs (errorRate 0…1). */
  headline: { errorRate: number; worstP99Ms: number | null; blastRadius: string[] };
  /** How much of the scenario the run covered; SLOs are judged on that part. */
  coverage: { ranS: number; durationS: number; early: boolean };
  scenario: string;
  slos: SloVerdict[];
  faults: FaultVerdict[];
  hops: HopFigure[];
  paths: PathFigure[];
  /** Hops in a retry storm, worst first. */
  retryStorms: RetryStorm[];
}
