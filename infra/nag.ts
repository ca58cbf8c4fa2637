import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The cdk-nag packs every nudge app runs: synthesis fails on any finding nobody acknowledged. */
export const nagPacks = () => [new AwsSolutionsChecks(), new ServerlessChecks()];

export const addNagPacks = (app: App): void => {
  Validations.of(app).addPlugins(...nagPacks());
};

/** Acknowledges one cdk-nag finding on one construct, with the reason it is acceptable there. */
export const acknowledge = (construct: IConstruct, id: string, reason: string): void => {
  Validations.of(construct).acknowledge({ id, reason });
};
