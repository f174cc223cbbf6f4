// Compose import: our copy of the voting app's shape, checked against the Compose Specification.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../shared/engine';
import { ImportError, importFiles } from '../../../shared/io/import';
import { checkCompose } from '../../../electron/node/composeCheck';

const text = readFileSync(join(__dirname, '../../fixtures/import/voting-app.compose.yaml'), 'utf8');

describe('Compose import', () => {
  const { doc, report } = importFiles([{ name: 'compose.yaml', text }], { checkCompose });

  it('services by image, replicas, resources and healthcheck as a readiness probe', () => {
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    expect(byId.get('redis')?.kind).toBe('cache');
    expect(byId.get('db')?.kind).toBe('database');
    const result = byId.get('result');
    expect(result?.kind === 'service' && result.props).toMatchObject({
      replicas: 2,
      resources: {
        requests: { cpu: '0.25', memory: '128Mi' },
        limits: { cpu: '0.50', memory: '512Mi' },
      },
    });
    const vote = byId.get('vote');
    expect(vote?.kind === 'service' && vote.props.readinessProbe).toEqual({
      exec: { command: ['curl', '-f', 'http://localhost'] },
      periodSeconds: 15,
      timeoutSeconds: 5,
      failureThreshold: 3,
      initialDelaySeconds: 10,
      successThreshold: 1,
    });
    expect(report.unmapped.map((u) => u.place.path)).toEqual(
      expect.arrayContaining([
        'services.vote.ports',
        'services.redis.volumes',
        'services.seed.restart',
      ]),
    );
  });

  it('depends_on is a low-confidence call, an env value naming a service a medium one', () => {
    const edges = Object.fromEntries(
      doc.edges.map((e) => [`${e.from}→${e.to}`, e.evidence?.confidence]),
    );
    expect(edges).toEqual({
      'vote→redis': 'medium',
      'result→db': 'low',
      'worker→redis': 'low',
      'worker→db': 'low',
      'seed→vote': 'low',
    });
    expect(doc.groups.map((g) => g.label)).toEqual(['network front-tier', 'network back-tier']);
    expect(() => compile(doc)).not.toThrow();
  });

  it('a file the Compose Specification refuses is named by path and line', () => {
    const bad = text.replace('    ports: ["5001:80"]', '    portz: ["5001:80"]');
    let error: unknown;
    try {
      importFiles([{ name: 'compose.yaml', text: bad }], { checkCompose });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(
      /^compose\.yaml, document 0, line 25, column 5, services\.result\.portz: Compose Specification: unknown field "portz"/,
    );
  });

  it('without the full schema, the fields it reads are still checked', () => {
    const bad = text.replace('      replicas: 2', '      replicas: two');
    expect(() => importFiles([{ name: 'c.yaml', text: bad }])).toThrow(
      /c\.yaml, document 0, line \d+, column \d+, services\.result\.deploy\.replicas: must be an integer ≥ 0, not "two"/,
    );
  });
});
