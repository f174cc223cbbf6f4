// One formatter for numbers and durations in every export: timeouts of 10,000 ms and 5,000 ms read
// alike in Mermaid, SVG and draw.io ("timeout 10 s", "timeout 5 s"), never "10k ms" beside "5000 ms".
import { describe, expect, it } from 'vitest';
import { compactNumber, durationText, fmt } from '../../../shared/format';
import { edgeCaption } from '../../../shared/io/look';
import { toMermaid } from '../../../shared/io/mermaid';
import { buildDoc } from '../../fixtures/build';

function twoTimeouts() {
  const doc = buildDoc()
    .client('users', { rps: 10 })
    .gateway('gw')
    .service('orders')
    .call('users', 'gw')
    .call('gw', 'orders').doc;
  return {
    ...doc,
    edges: doc.edges.map((e) =>
      e.kind === 'call'
        ? { ...e, props: { ...e.props, timeoutMs: e.id === 'users-gw' ? 10_000 : 5_000 } }
        : e,
    ),
  };
}

describe('durationText', () => {
  it('writes durations in the unit they read best in', () => {
    expect(durationText(250)).toBe('250 ms');
    expect(durationText(0.5)).toBe('0.5 ms');
    expect(durationText(5000)).toBe('5 s');
    expect(durationText(10_000)).toBe('10 s');
    expect(durationText(1250)).toBe('1.25 s');
  });
  it('keeps fmt and compactNumber as they were', () => {
    expect(fmt(0.1 + 0.2)).toBe('0.3');
    expect(compactNumber(25_000)).toBe('25k');
    expect(compactNumber(5000)).toBe('5000');
  });
});

describe('every export writes timeouts alike', () => {
  it('Mermaid and the edge caption say "timeout 10 s" and "timeout 5 s"', () => {
    const doc = twoTimeouts();
    const mermaid = toMermaid(doc);
    expect(mermaid).toContain('timeout 10 s');
    expect(mermaid).toContain('timeout 5 s');
    expect(mermaid).not.toMatch(/\dk ms|\d{4} ms/);
    expect(doc.edges.map((e) => edgeCaption(doc, e))).toEqual(['timeout 10 s', 'timeout 5 s']);
  });
});
