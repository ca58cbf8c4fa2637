import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { type AwsCostBudget, CostGuard } from './constructs/cost-guard.js';
import { EmailEvents } from './constructs/email-events.js';
import { EventRules } from './constructs/event-rules.js';
import { Functions } from './constructs/functions.js';
import { HttpApi } from './constructs/http-api.js';
import type { CodeMode } from './constructs/nudge-function.js';
import { OneTimeSchedules } from './constructs/one-time-schedules.js';
import { Tables } from './constructs/tables.js';
import { UnsubscribeKeys } from './constructs/unsubscribe-keys.js';

export interface NudgeStackProps extends StackProps {
  stage: string;
  /** The only address the functions may send from (SES `ses:FromAddress` condition). */
  senderAddress: string;
  churnSchedule: string;
  awsCostBudget?: AwsCostBudget;
  /** Public unsubscribe URL when it is served from a custom domain; default: the API's own URL. */
  unsubscribeUrl?: string;
  retainData: boolean;
  apiThrottle: { rateLimit: number; burstLimit: number };
  codeMode: CodeMode;
}

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** Everything one stage of nudge needs in AWS (DESIGN.md section 7). */
export class NudgeStack extends Stack {
  readonly tables: Tables;
  readonly functions: Functions;
  readonly bus: events.EventBus;

  constructor(scope: Construct, id: string, props: NudgeStackProps) {
    super(scope, id, props);
    const name = `nudge-${props.stage}`;

    this.tables = new Tables(this, 'Tables', { retainData: props.retainData });
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: name });
    const email = new EmailEvents(this, 'Email', { configurationSetName: name });
    const schedules = new OneTimeSchedules(this, 'Schedules', { groupName: name, retain: props.retainData });
    const http = new HttpApi(this, 'Http', { apiName: name, throttle: props.apiThrottle });
    const unsubscribeKeys = new UnsubscribeKeys(this, 'UnsubscribeKeys');

    this.functions = new Functions(this, 'Functions', {
      stage: props.stage,
      tables: this.tables,
      bus: this.bus,
      configurationSetName: email.configurationSet.configurationSetName,
      senderAddress: props.senderAddress,
      schedules,
      unsubscribeSecret: unsubscribeKeys.keyring,
      unsubscribeUrl: props.unsubscribeUrl ?? `${http.url}unsubscribe`,
      repositoryRoot: path.resolve(repositoryRoot),
      codeMode: props.codeMode,
      retainLogs: props.retainData,
    });
    const lambdas = Object.fromEntries(
      Object.entries(this.functions.byId).map(([functionId, nudgeFunction]) => [
        functionId,
        nudgeFunction.function,
      ]),
    ) as Record<
      keyof typeof this.functions.byId,
      (typeof this.functions.byId)[keyof typeof this.functions.byId]['function']
    >;

    new EventRules(this, 'Rules', {
      nudgeBus: this.bus,
      functions: lambdas,
      configurationSetName: name,
      churnSchedule: props.churnSchedule,
    });
    http.routeAdmin(lambdas['admin-api']);
    http.routeUnsubscribe(lambdas.unsubscribe);
    new CostGuard(this, 'Cost', {
      costAlert: lambdas['cost-alert'],
      budgetName: name,
      awsCostBudget: props.awsCostBudget,
    });

    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'ApiUrl', { value: http.url });
    new CfnOutput(this, 'ConfigurationSetName', { value: name });
  }
}
