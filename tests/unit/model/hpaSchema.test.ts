// The hpa props check what the Kubernetes API's validation checks (pkg/apis/autoscaling/
// validation: validateScalingRules, validateScalingPolicy): each bad field is named by its path.
import { describe, expect, it } from 'vitest';
import { loadDocument, serializeDocument, validateDocument } from '../../../shared/model';
import { buildDoc } from '../../fixtures/build';

const baseDoc = () =>
  JSON.parse(
    serializeDocument(
      buildDoc().client('users').service('web').call('users', 'web').scenario({}).doc,
    ),
  ) as { nodes: { props: Record<string, unknown> }[] } & Record<string, unknown>;

function problemsOf(hpa: unknown) {
  const doc = baseDoc();
  doc.nodes[1]!.props['hpa'] = hpa;
  const loaded = loadDocument(JSON.stringify(doc));
  return loaded.ok ? [] : loaded.problems;
}

describe('hpa behavior validation', () => {
  it('names a negative periodSeconds, an unknown policy type and a selectPolicy typo', () => {
    const problems = problemsOf({
      behavior: {
        scaleDown: {
          selectPolicy: 'max',
          policies: [
            { type: 'Pod', value: 4, periodSeconds: 60 },
            { type: 'Percent', value: 10, periodSeconds: -15 },
          ],
        },
      },
    });
    const at = 'nodes[1].props.hpa.behavior.scaleDown';
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: `${at}.selectPolicy`, message: 'must be one of Max, Min, Disabled' },
        { path: `${at}.policies[0].type`, message: 'must be one of Pods, Percent' },
        { path: `${at}.policies[1].periodSeconds`, message: 'must be ≥ 1' },
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('refuses an empty policy list, a period over 1800 s and a window over an hour', () => {
    const problems = problemsOf({
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 3601, policies: [] },
        scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 1801 }] },
      },
    });
    expect(problems).toEqual([
      {
        path: 'nodes[1].props.hpa.behavior.scaleUp.stabilizationWindowSeconds',
        message: 'must be ≤ 3600',
      },
      {
        path: 'nodes[1].props.hpa.behavior.scaleUp.policies',
        message: 'must have at least one item',
      },
      {
        path: 'nodes[1].props.hpa.behavior.scaleDown.policies[0].periodSeconds',
        message: 'must be ≤ 1800',
      },
    ]);
  });

  it('accepts the docs example and fills the rest in as the API server does', () => {
    expect(problemsOf({ behavior: { scaleDown: { selectPolicy: 'Disabled' } } })).toEqual([]);
    const doc = baseDoc();
    doc.nodes[1]!.props['hpa'] = { behavior: { scaleDown: { selectPolicy: 'Disabled' } } };
    const loaded = loadDocument(JSON.stringify(doc));
    expect(loaded.ok && validateDocument(loaded.doc)).toEqual([]);
    const web = loaded.ok ? loaded.doc.nodes[1] : undefined;
    expect(web?.kind === 'service' && web.props.hpa?.behavior?.scaleDown).toEqual({
      stabilizationWindowSeconds: 300,
      selectPolicy: 'Disabled',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    });
  });
});
