import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { type EventRoute, eventRoutes, type FunctionId } from '../../functions/routes.js';
import { DeadLetterQueue } from './dead-letter-queue.js';

export interface EventRulesProps {
  nudgeBus: events.IEventBus;
  functions: Record<FunctionId, lambda.IFunction>;
  configurationSetName: string;
  /** EventBridge cron or rate expression for nightly churn scoring. */
  churnSchedule: string;
}

/** EventBridge keeps retrying a failed delivery for up to a day before the event goes to the rule's queue. */
const deliveryRetry = { retryAttempts: 185, maxEventAge: Duration.hours(24) };
/** A guard tick that is minutes old is worthless: the next one is already on its way. */
const tickRetry = { retryAttempts: 2, maxEventAge: Duration.minutes(5) };

/**
 * One rule per route of functions/routes.ts, plus the two timed rules. Every target has a retry
 * policy and its own dead-letter queue, so a rule's failures can be told apart.
 */
export class EventRules extends Construct {
  readonly rules: Record<string, events.Rule> = {};

  constructor(scope: Construct, id: string, props: EventRulesProps) {
    super(scope, id);
    const defaultBus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    for (const route of eventRoutes) {
      this.addRule(route.id, props.functions[route.target], deliveryRetry, {
        eventBus: route.bus === 'nudge' ? props.nudgeBus : defaultBus,
        eventPattern: patternFor(route, props.configurationSetName),
        description: `${route.pattern['detail-type'].join(', ')} -> ${route.target}`,
      });
    }
    this.addRule('churn-nightly', props.functions['churn-coordinator'], deliveryRetry, {
      schedule: events.Schedule.expression(props.churnSchedule),
      description: 'Nightly churn scoring',
    });
    this.addRule('guard-tick', props.functions.guard, tickRetry, {
      schedule: events.Schedule.rate(Duration.minutes(1)),
      description: 'ROI floors, pacing and budget alerts, every minute',
    });
  }

  private addRule(
    id: string,
    target: lambda.IFunction,
    retry: { retryAttempts: number; maxEventAge: Duration },
    props: events.RuleProps,
  ): void {
    const rule = new events.Rule(this, id, props);
    rule.addTarget(
      new targets.LambdaFunction(target, {
        ...retry,
        deadLetterQueue: new DeadLetterQueue(this, `${id}-dlq`),
      }),
    );
    this.rules[id] = rule;
  }
}

/**
 * The route's pattern; SES events are also narrowed to nudge's configuration set, because the
 * default bus carries the SES events of every application in the account.
 */
export const patternFor = (route: EventRoute, configurationSetName: string): events.EventPattern => ({
  source: route.pattern.source,
  detailType: route.pattern['detail-type'],
  ...(route.bus === 'default'
    ? { detail: { mail: { tags: { 'ses:configuration-set': [configurationSetName] } } } }
    : {}),
});
