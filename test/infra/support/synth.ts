import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../../infra/build-app.js';
import type { NudgeStack } from '../../../infra/nudge-stack.js';

export interface SynthesizedStack {
  app: App;
  stack: NudgeStack;
  template: Template;
}

const cdkJsonContext = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')).context;

/**
 * The stack exactly as `npx cdk synth` builds it from cdk.json, with `context` on top. Function
 * code is a placeholder unless the caller bundles for real; see entries.test.ts.
 */
export const synthesize = (context: Record<string, unknown> = {}): SynthesizedStack => {
  const app = new App({ context: { ...cdkJsonContext(), placeholderCode: 'true', ...context } });
  const stack = buildApp(app);
  return { app, stack, template: Template.fromStack(stack) };
};

export type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: unknown };

export const resourcesOfType = (template: Template, type: string): Record<string, Resource> =>
  template.findResources(type) as Record<string, Resource>;

/** The logical id of the Lambda named `nudge-<stage>-<functionId>`. */
export const lambdaLogicalId = (template: Template, functionName: string): string => {
  const match = Object.entries(resourcesOfType(template, 'AWS::Lambda::Function')).find(
    ([, resource]) => resource.Properties.FunctionName === functionName,
  );
  if (!match) throw new Error(`No Lambda named ${functionName} in the template`);
  return match[0];
};
