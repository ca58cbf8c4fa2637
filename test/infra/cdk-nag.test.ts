import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { nagPacks } from '../../infra/nag.js';
import { type SynthesizedStack, synthesize } from './support/synth.js';

describe('cdk-nag', () => {
  let synthesized: SynthesizedStack;

  beforeAll(() => {
    synthesized = synthesize({ stage: 'prod', awsCostBudgetUsd: '50' });
  });

  it.each(nagPacks().map((pack) => [pack.readPackName, pack] as const))(
    'finds nothing unacknowledged with the %s pack',
    (_name, pack) => {
      const report = pack.validateScope(synthesized.stack);

      const findings = report.violations.map(
        (violation) =>
          `${violation.ruleName} at ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`,
      );
      expect(findings).toEqual([]);
    },
  );

  it('states a reason for every acknowledged finding', () => {
    const acknowledgements = synthesized.stack.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) => Object.entries(entry.data as Record<string, string>)),
      );

    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [ruleId, reason] of acknowledgements) {
      expect({ ruleId, reason }).toEqual({ ruleId, reason: expect.stringMatching(/\w+ \w+ \w+ \w+/) });
    }
  });

  it('leaves no CDK warning or error annotation on the stack', () => {
    const annotations = Annotations.fromStack(synthesized.stack);

    expect(annotations.findError('*', Match.stringLikeRegexp('.*'))).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('.*'))).toEqual([]);
  });
});
