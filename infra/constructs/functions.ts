import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { AwsEnvName } from '../../functions/adapters/aws/aws-env.js';
import { type FunctionId, functionIds } from '../../functions/routes.js';
import { type TableId, tableEnvVar, tableIds } from '../../functions/store/tables.js';
import { type FunctionSpec, functionSpecs } from '../function-specs.js';
import { acknowledge } from '../nag.js';
import { type CodeMode, NudgeFunction } from './nudge-function.js';
import type { OneTimeSchedules } from './one-time-schedules.js';
import type { Tables } from './tables.js';

export interface FunctionsProps {
  stage: string;
  tables: Tables;
  bus: events.IEventBus;
  configurationSetName: string;
  senderAddress: string;
  schedules: OneTimeSchedules;
  unsubscribeSecret: secretsmanager.ISecret;
  unsubscribeUrl: string;
  repositoryRoot: string;
  codeMode: CodeMode;
  retainLogs: boolean;
}

export const functionName = (stage: string, id: FunctionId): string => `nudge-${stage}-${id}`;

/** Every Lambda of `functionIds`, each granted exactly what its spec in function-specs.ts declares. */
export class Functions extends Construct {
  readonly byId = {} as Record<FunctionId, NudgeFunction>;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: FunctionsProps,
  ) {
    super(scope, id);
    const environment = this.commonEnvironment();
    for (const functionId of functionIds) {
      const spec = functionSpecs[functionId];
      const nudgeFunction = new NudgeFunction(this, functionId, {
        functionName: functionName(props.stage, functionId),
        spec,
        environment: { ...environment, ...spec.environment },
        repositoryRoot: props.repositoryRoot,
        codeMode: props.codeMode,
        retainLogs: props.retainLogs,
      });
      this.byId[functionId] = nudgeFunction;
      this.grant(nudgeFunction.role, spec);
    }
    props.schedules.allowInvoke(this.functionArn('campaign-step'));
    props.schedules.allowInvoke(this.functionArn('coupon-expiry'));
  }

  /**
   * Built from the deterministic function name rather than a reference, so a function may carry
   * its own ARN (or a sibling's) in its environment without a dependency cycle.
   */
  functionArn(id: FunctionId): string {
    return Stack.of(this).formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: functionName(this.props.stage, id),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  private commonEnvironment(): Record<AwsEnvName, string> {
    const { props } = this;
    const tableNames = Object.fromEntries(
      tableIds.map((tableId: TableId) => [tableEnvVar(tableId), props.tables.byId[tableId].tableName]),
    ) as Record<`TABLE_${Uppercase<TableId>}`, string>;
    return {
      ...tableNames,
      EVENT_BUS_NAME: props.bus.eventBusName,
      SES_CONFIGURATION_SET: props.configurationSetName,
      SCHEDULE_GROUP_NAME: props.schedules.groupName,
      SCHEDULER_ROLE_ARN: props.schedules.role.roleArn,
      SCHEDULE_DEAD_LETTER_QUEUE_ARN: props.schedules.deadLetterQueue.queueArn,
      CAMPAIGN_STEP_FUNCTION_ARN: this.functionArn('campaign-step'),
      COUPON_EXPIRY_FUNCTION_ARN: this.functionArn('coupon-expiry'),
      CHURN_WORKER_FUNCTION_NAME: functionName(props.stage, 'churn-worker'),
      UNSUBSCRIBE_URL: props.unsubscribeUrl,
      UNSUBSCRIBE_SECRET_ARN: props.unsubscribeSecret.secretArn,
    };
  }

  private grant(role: iam.Role, spec: FunctionSpec): void {
    const { props } = this;
    for (const [tableId, access] of Object.entries(spec.tables)) {
      props.tables.grant(role, tableId as TableId, access);
    }
    if (spec.sendsEmail) this.grantSendEmail(role);
    if (spec.schedules) this.grantSchedules(role);
    if (spec.publishesEvents) props.bus.grantPutEventsTo(role);
    if (spec.readsUnsubscribeSecret) props.unsubscribeSecret.grantRead(role);
    for (const target of spec.invokes ?? []) {
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [this.functionArn(target)],
        }),
      );
    }
  }

  /** SES checks the send against both the sender identity and the configuration set. */
  private grantSendEmail(role: iam.Role): void {
    const { senderAddress, configurationSetName } = this.props;
    const domain = senderAddress.split('@')[1]!;
    const sesArn = (resource: string) =>
      `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [
          sesArn(`identity/${senderAddress}`),
          sesArn(`identity/${domain}`),
          sesArn(`configuration-set/${configurationSetName}`),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': senderAddress } },
      }),
    );
  }

  private grantSchedules(role: iam.Role): void {
    const { schedules } = this.props;
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [schedules.scheduleArnPattern],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [schedules.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${schedules.groupName}/*]`,
      'Schedule names are business keys created at run time; the wildcard stays inside nudge’s own schedule group.',
    );
  }
}
