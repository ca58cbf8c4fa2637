import { Aws } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.js';

export interface AwsCostBudget {
  /** Monthly AWS cost limit in whole US dollars. */
  monthlyLimitUsd: number;
  /** Percent of the limit at which the global switch flips (actual spend). */
  thresholdPercent: number;
}

export interface CostGuardProps {
  costAlert: lambda.IFunction;
  budgetName: string;
  awsCostBudget?: AwsCostBudget;
}

/** The topic AWS Budgets alerts go to; the cost-alert function flips the global switch. */
export class CostGuard extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: CostGuardProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'CostAlerts', { enforceSSL: true });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.topic.addSubscription(
      new subscriptions.LambdaSubscription(props.costAlert, {
        deadLetterQueue: new DeadLetterQueue(this, 'DeliveryFailures'),
      }),
    );
    if (props.awsCostBudget) this.addBudget(props.budgetName, props.awsCostBudget);
  }

  private addBudget(budgetName: string, budget: AwsCostBudget): void {
    new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetName,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: budget.monthlyLimitUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        {
          notification: {
            notificationType: 'ACTUAL',
            comparisonOperator: 'GREATER_THAN',
            threshold: budget.thresholdPercent,
            thresholdType: 'PERCENTAGE',
          },
          subscribers: [{ subscriptionType: 'SNS', address: this.topic.topicArn }],
        },
      ],
    });
  }
}
