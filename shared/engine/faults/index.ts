// The fault library's actions (Chaos Mesh / Litmus names), for the engine's action table.
import type { ActionDef } from '../actionTable';
import { CACHE_ACTIONS } from './cache';
import { CLOCK_ACTIONS } from './clock';
import { NETWORK_ACTIONS } from './network';
import { POD_ACTIONS } from './pods';
import { RESOURCE_ACTIONS } from './resources';

export const FAULT_ACTIONS: readonly ActionDef[] = [
  ...POD_ACTIONS,
  ...NETWORK_ACTIONS,
  ...RESOURCE_ACTIONS,
  ...CACHE_ACTIONS,
  ...CLOCK_ACTIONS,
];

export { clockOffsetMs, nodeClockMs } from './clock';
export { extraLatencyMs, isPartitioned, lossRate } from './network';
