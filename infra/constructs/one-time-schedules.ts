import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.js';

export interface OneTimeSchedulesProps {
  groupName: string;
  retain: boolean;
}

/**
 * The EventBridge Scheduler group that holds nudge's one-time schedules, the role Scheduler
 * assumes to invoke their targets, and the queue for invocations it finally gives up on.
 */
export class OneTimeSchedules extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly groupName: string;
  readonly role: iam.Role;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: OneTimeSchedulesProps) {
    super(scope, id);
    this.groupName = props.groupName;
    this.group = new scheduler.ScheduleGroup(this, 'Group', {
      scheduleGroupName: props.groupName,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `EventBridge Scheduler invokes nudge targets from group ${props.groupName}`,
    });
    this.deadLetterQueue = new DeadLetterQueue(this, 'Failures');
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }),
    );
  }

  /** Lets schedules in the group wake this function (the function ARN itself, no versions or aliases). */
  allowInvoke(functionArn: string): void {
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [functionArn] }),
    );
  }

  /** ARN pattern of every schedule in the group: names are business keys made at run time. */
  get scheduleArnPattern(): string {
    return `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${this.groupName}/*`;
  }
}
