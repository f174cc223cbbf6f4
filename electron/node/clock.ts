import { performance } from 'node:perf_hooks';
import type { HostClock } from '../../shared/host/session';

export const nodeClock: HostClock = {
  now: () => performance.now(),
  schedule: (fn, ms) => (ms <= 0 ? setImmediate(fn) : setTimeout(fn, ms)),
  cancel: (handle) => {
    if (handle === undefined) return;
    clearTimeout(handle as NodeJS.Timeout);
    clearImmediate(handle as NodeJS.Immediate);
  },
};
