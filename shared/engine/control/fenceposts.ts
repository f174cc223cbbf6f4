// Kubernetes Deployment arithmetic and names, after pkg/controller/deployment/util/deployment_util.go
// (ResolveFenceposts, MaxUnavailable, MaxSurge), k8s.io/apimachinery intstr
// (GetScaledValueFromIntOrPercent), apps validation (ValidateRollingUpdateDeployment) and
// pkg/controller/controller_utils.go (ComputeHash) with apimachinery rand.SafeEncodeString.
import type { Random } from './events';

/** Kubernetes' IntOrString as the model stores it: a whole number or a percentage like "25%". */
export type IntOrPercent = number | string;

/** intstr.GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up or down. */
export function scaledValue(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) throw new Error(`invalid value for IntOrString: "${value}" is not a percentage`);
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down; when both resolve to 0,
 * maxUnavailable becomes 1 ("on the theory that surge might not work due to quota").
 */
export function resolveFenceposts(
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** deploymentutil.MaxUnavailable: 0 for Recreate or 0 replicas, never more than replicas. */
export function maxUnavailable(
  strategy: 'RollingUpdate' | 'Recreate',
  maxSurge: IntOrPercent,
  maxUnavail: IntOrPercent,
  replicas: number,
): number {
  if (strategy !== 'RollingUpdate' || replicas === 0) return 0;
  return Math.min(resolveFenceposts(maxSurge, maxUnavail, replicas).unavailable, replicas);
}

/** The alphabet of rand.SafeEncodeString: no vowels (no words), no look-alikes (0/o, 1/l, 3/e). */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bits (hash/fnv New32a, as ComputeHash uses). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each byte of `text` mapped into SAFE_ALPHABET. */
export function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length] ?? 'b';
  }
  return out;
}

/** JSON with object keys sorted, so equal templates hash alike whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * controller.ComputeHash: FNV-32a over the pod template, the decimal number safe-encoded
 * (hence 1–10 characters, usually 9–10). `collisionCount` is mixed in as Kubernetes does.
 */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const text = canonicalJson(template) + (collisionCount > 0 ? `#${collisionCount}` : '');
  return safeEncode(String(fnv1a32(text)));
}

/** `<deployment>-<pod-template-hash>`. */
export function replicaSetName(deployment: string, hash: string): string {
  return `${deployment}-${hash}`;
}

/** `<replica set>-<5 random characters>` (the API server's generateName suffix). */
export function podName(replicaSet: string, random: Random): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    const k = Math.min(SAFE_ALPHABET.length - 1, Math.floor(random() * SAFE_ALPHABET.length));
    suffix += SAFE_ALPHABET[k] ?? 'b';
  }
  return `${replicaSet}-${suffix}`;
}
