// Picks the host: the desktop preload's bridge when present, the browser otherwise.
import type { ArchlabBridge } from '../../../shared/protocol';
import { electronPlatform } from './desktop';
import type { Platform } from './types';
import { webPlatform } from './web';

export type { Platform } from './types';

let current: Platform | undefined;

export function platform(): Platform {
  if (!current) {
    const bridge = (window as unknown as { archlab?: ArchlabBridge }).archlab;
    current = bridge ? electronPlatform(bridge) : webPlatform();
  }
  return current;
}
