// How each node kind looks: its name, icon and accent colour (used by palette, canvas, minimap).
import { Cloud, Database, Layers, MonitorSmartphone, Network, Box, Zap, Inbox } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { NodeKind } from '../../../shared/model';

export interface KindLook {
  kind: NodeKind;
  name: string;
  hint: string;
  icon: LucideIcon;
  /** CSS custom property holding the accent colour, so both themes can tune it. */
  color: string;
}

export const kindLooks: Record<NodeKind, KindLook> = {
  client: {
    kind: 'client',
    name: 'Client',
    hint: 'Traffic source (users, devices)',
    icon: MonitorSmartphone,
    color: 'var(--kind-client)',
  },
  gateway: {
    kind: 'gateway',
    name: 'API gateway',
    hint: 'Routes, auth, rate limits',
    icon: Network,
    color: 'var(--kind-gateway)',
  },
  service: {
    kind: 'service',
    name: 'Service',
    hint: 'Deployment + Service, with pods',
    icon: Layers,
    color: 'var(--kind-service)',
  },
  pod: {
    kind: 'pod',
    name: 'Pod',
    hint: 'A bare pod: killed, it stays dead',
    icon: Box,
    color: 'var(--kind-pod)',
  },
  database: {
    kind: 'database',
    name: 'Database',
    hint: 'Connection pool, replicas',
    icon: Database,
    color: 'var(--kind-database)',
  },
  cache: {
    kind: 'cache',
    name: 'Cache',
    hint: 'Hit ratio; a miss goes on',
    icon: Zap,
    color: 'var(--kind-cache)',
  },
  queue: {
    kind: 'queue',
    name: 'Queue',
    hint: 'Async publish, consumers pull',
    icon: Inbox,
    color: 'var(--kind-queue)',
  },
  external: {
    kind: 'external',
    name: 'External API',
    hint: 'Third party: latency, errors',
    icon: Cloud,
    color: 'var(--kind-external)',
  },
};
