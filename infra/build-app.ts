import type { App } from 'aws-cdk-lib';
import { addNagPacks } from './nag.js';
import { NudgeStack } from './nudge-stack.js';
import { contextKeys, parseStackContext, type StackContext } from './stack-config.js';

export const readStackContext = (app: App): StackContext =>
  parseStackContext(Object.fromEntries(contextKeys.map((key) => [key, app.node.tryGetContext(key)])));

/** One stack for the stage named in the context, with the cdk-nag packs; tests build it the same way. */
export const buildApp = (app: App): NudgeStack => {
  const context = readStackContext(app);
  addNagPacks(app);
  return new NudgeStack(app, `nudge-${context.stage}`, {
    description: `nudge marketing automation (${context.stage})`,
    stage: context.stage,
    senderAddress: context.senderAddress,
    churnSchedule: context.churnSchedule,
    awsCostBudget: context.awsCostBudgetUsd
      ? { monthlyLimitUsd: context.awsCostBudgetUsd, thresholdPercent: context.awsCostBudgetThresholdPercent }
      : undefined,
    unsubscribeUrl: context.unsubscribeUrl,
    retainData: context.retainData ?? context.stage === 'prod',
    apiThrottle: { rateLimit: context.apiRateLimit, burstLimit: context.apiBurstLimit },
    codeMode: context.placeholderCode ? 'placeholder' : 'bundle',
  });
};
