// The composition root of the action registry: every entry the engine applies, handed to one
// registry that each run carries on its World. An action's params schema is in model/actions.ts;
// a new action is an entry in a module of its own, added here, and its schema there. The
// transaction faults (model/actions.ts TX_ACTIONS) are the transaction runtime's (txrun/): they
// have schemas but no entry here.
import { ACTION_NAMES, TX_ACTIONS } from '../model';
import { ActionRegistry } from './actionRegistry';
import { BUILTIN_ACTIONS } from './builtinActions';
import { CACHE_ACTIONS } from './faults/cache';
import { CLOCK_ACTIONS } from './faults/clock';
import { NETWORK_ACTIONS } from './faults/network';
import { POD_ACTIONS } from './faults/pods';
import { RESOURCE_ACTIONS } from './faults/resources';
import { K8S_ACTIONS } from './k8s/actions';
import { LIVE_PROP_ACTIONS } from './liveProps';

export const ENGINE_ACTIONS = new ActionRegistry([
  ...BUILTIN_ACTIONS,
  ...K8S_ACTIONS,
  ...POD_ACTIONS,
  ...NETWORK_ACTIONS,
  ...RESOURCE_ACTIONS,
  ...CACHE_ACTIONS,
  ...CLOCK_ACTIONS,
  ...LIVE_PROP_ACTIONS,
]);

// Every schema has its applier: an entry here or the transaction runtime.
for (const name of ACTION_NAMES)
  if (ENGINE_ACTIONS.get(name) === undefined && !(TX_ACTIONS as readonly string[]).includes(name))
    throw new Error(`action "${name}" has a params schema but nothing applies it`);
for (const name of ENGINE_ACTIONS.names)
  if (!(ACTION_NAMES as readonly string[]).includes(name))
    throw new Error(`action "${name}" has no params schema in model/actions.ts`);
