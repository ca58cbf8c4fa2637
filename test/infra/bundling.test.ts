import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { functionIds } from '../../functions/routes.js';
import { resourcesOfType, type SynthesizedStack, synthesize } from './support/synth.js';

/** The stack as deployed: every function bundled by NodejsFunction, so a broken entry fails here. */
describe('function bundling', () => {
  let synthesized: SynthesizedStack;
  let assemblyDirectory: string;

  beforeAll(() => {
    // CDK announces each bundling on stderr; the test has nothing to say while it passes.
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    synthesized = synthesize({ placeholderCode: 'false' });
    assemblyDirectory = synthesized.app.synth().directory;
  }, 120_000);

  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('bundles every function into an ES module with a source map, the AWS SDK included', () => {
    const lambdas = Object.values(
      resourcesOfType(synthesized.template, 'AWS::Lambda::Function'),
    ) as unknown as Array<{
      Properties: {
        Handler: string;
        Code: { S3Key: string };
        Environment: { Variables: Record<string, unknown> };
      };
    }>;

    expect(lambdas).toHaveLength(functionIds.length);
    for (const lambda of lambdas) {
      const assetDirectory = path.join(
        assemblyDirectory,
        `asset.${lambda.Properties.Code.S3Key.replace(/\.zip$/, '')}`,
      );
      expect(lambda.Properties.Handler).toBe('index.handler');
      expect(readdirSync(assetDirectory).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      expect(lambda.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
    expect(existsSync(assemblyDirectory)).toBe(true);
  });
});
