import { beforeAll, describe, expect, it } from 'vitest';
import { type FunctionId, functionIds } from '../../functions/routes.js';
import type { TableId } from '../../functions/store/tables.js';
import { grantsOfRole } from './support/iam.js';
import { lambdaLogicalId, resourcesOfType, type SynthesizedStack, synthesize } from './support/synth.js';

const arn = (service: string, resource: string) =>
  `arn:\${Partition}:${service}:\${Region}:\${AccountId}:${resource}`;
const readActions = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
];
const writeActions = [
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
];
const indexes: Partial<Record<TableId, string>> = {
  customers: 'statsByCustomer',
  messages: 'byCampaign',
  coupons: 'byCustomer',
};

const tableGrants = (tables: TableId[], actions: string[]) =>
  tables.flatMap((table) => {
    const resources = [`<Tables/${table}>.Arn`];
    if (indexes[table]) resources.push(`<Tables/${table}>.Arn/index/${indexes[table]}`);
    return actions.flatMap((action) => resources.map((resource) => `${action} ${resource}`));
  });

const sendEmail = [
  `ses:SendRawEmail ${arn('ses', 'configuration-set/<Email/ConfigurationSet>')} if StringEquals ses:FromAddress=news@shop.example`,
  `ses:SendRawEmail ${arn('ses', 'identity/news@shop.example')} if StringEquals ses:FromAddress=news@shop.example`,
  `ses:SendRawEmail ${arn('ses', 'identity/shop.example')} if StringEquals ses:FromAddress=news@shop.example`,
];
const schedules = [
  `scheduler:CreateSchedule ${arn('scheduler', 'schedule/nudge-dev/*')}`,
  `scheduler:DeleteSchedule ${arn('scheduler', 'schedule/nudge-dev/*')}`,
  'iam:PassRole <Schedules/Role>.Arn if StringEquals iam:PassedToService=scheduler.amazonaws.com',
];
const putEvents = ['events:PutEvents <Bus>.Arn'];
const readSecret = [
  'secretsmanager:DescribeSecret <UnsubscribeKeys/Keyring>',
  'secretsmanager:GetSecretValue <UnsubscribeKeys/Keyring>',
];

/** What every function may do with its own log group, traces and failure queue. */
const baseline = (id: FunctionId) => [
  `logs:CreateLogStream <Functions/${id}/Logs>.Arn`,
  `logs:PutLogEvents <Functions/${id}/Logs>.Arn`,
  // X-Ray has no resource-level permissions: "*" is the only resource AWS accepts.
  'xray:PutTelemetryRecords *',
  'xray:PutTraceSegments *',
  `sqs:GetQueueAttributes <Functions/${id}/AsyncFailures>.Arn`,
  `sqs:GetQueueUrl <Functions/${id}/AsyncFailures>.Arn`,
  `sqs:SendMessage <Functions/${id}/AsyncFailures>.Arn`,
];

/** The explicit allow-list: widening any function's role must change this file too. */
const allowed: Record<FunctionId, string[]> = {
  'customer-events': [...tableGrants(['customers', 'control'], [...readActions, ...writeActions])],
  'cart-events': [...tableGrants(['carts', 'control'], [...readActions, ...writeActions]), ...schedules],
  'order-events': [
    ...tableGrants(
      ['orders', 'carts', 'customers', 'messages', 'coupons', 'budgets', 'control'],
      [...readActions, ...writeActions],
    ),
    ...schedules,
    ...putEvents,
  ],
  'ses-events': [...tableGrants(['customers', 'control'], [...readActions, ...writeActions]), ...putEvents],
  'campaign-step': [
    ...tableGrants(['customers', 'carts'], readActions),
    ...tableGrants(['messages', 'coupons', 'budgets', 'control'], [...readActions, ...writeActions]),
    ...sendEmail,
    ...schedules,
    ...putEvents,
    ...readSecret,
  ],
  'coupon-expiry': [
    ...tableGrants(['coupons', 'budgets', 'control'], [...readActions, ...writeActions]),
    ...schedules,
  ],
  'churn-coordinator': [
    ...tableGrants(['customers'], readActions),
    ...tableGrants(['control'], [...readActions, ...writeActions]),
    `lambda:InvokeFunction ${arn('lambda', 'function:nudge-dev-churn-worker')}`,
  ],
  'churn-worker': [
    ...tableGrants(['customers', 'control'], [...readActions, ...writeActions]),
    ...schedules,
    ...putEvents,
  ],
  guard: [...tableGrants(['budgets', 'control'], [...readActions, ...writeActions]), ...putEvents],
  'admin-api': [
    ...tableGrants(['customers', 'carts', 'orders', 'messages', 'coupons', 'budgets'], readActions),
    ...tableGrants(['control'], [...readActions, ...writeActions]),
    ...putEvents,
  ],
  unsubscribe: [...tableGrants(['customers', 'control'], [...readActions, ...writeActions]), ...readSecret],
  'cost-alert': [...tableGrants(['control'], [...readActions, ...writeActions]), ...putEvents],
};

/** The only wildcard resources, each because AWS offers nothing narrower. */
const wildcardExceptions = new Set([
  '*', // X-Ray PutTraceSegments / PutTelemetryRecords
  arn('scheduler', 'schedule/nudge-dev/*'), // schedule names are business keys made at run time
]);

describe('IAM least privilege', () => {
  let synthesized: SynthesizedStack;
  const roleOf = (id: FunctionId): string => {
    const lambda =
      synthesized.template.toJSON().Resources[lambdaLogicalId(synthesized.template, `nudge-dev-${id}`)];
    return lambda.Properties.Role['Fn::GetAtt'][0];
  };

  beforeAll(() => {
    synthesized = synthesize();
  });

  it.each(functionIds)('grants %s exactly the actions and resources on its allow-list', (id) => {
    const grants = grantsOfRole(synthesized.template, synthesized.stack, roleOf(id));

    expect(grants).toEqual([...baseline(id), ...allowed[id]].sort());
  });

  it('gives every function its own role with no managed policies', () => {
    const roles = functionIds.map(roleOf);
    const roleResources = resourcesOfType(synthesized.template, 'AWS::IAM::Role');

    expect(new Set(roles).size).toBe(functionIds.length);
    for (const role of roles) expect(roleResources[role]?.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('lets the Scheduler role invoke only campaign-step and coupon-expiry and reach its own queue', () => {
    const role = Object.entries(resourcesOfType(synthesized.template, 'AWS::IAM::Role')).find(
      ([, resource]) =>
        JSON.stringify(resource.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    )!;

    const grants = grantsOfRole(synthesized.template, synthesized.stack, role[0]);

    expect(grants).toEqual(
      [
        `lambda:InvokeFunction ${arn('lambda', 'function:nudge-dev-campaign-step')}`,
        `lambda:InvokeFunction ${arn('lambda', 'function:nudge-dev-coupon-expiry')}`,
        'sqs:SendMessage <Schedules/Failures>.Arn',
      ].sort(),
    );
    expect(JSON.stringify(role[1].Properties.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
  });

  it('uses no wildcard action and no wildcard resource beyond the stated exceptions', () => {
    const roles = Object.keys(resourcesOfType(synthesized.template, 'AWS::IAM::Role'));

    const grants = roles.flatMap((role) => grantsOfRole(synthesized.template, synthesized.stack, role));
    const wildcardActions = grants.filter((grant) => grant.split(' ')[0]!.includes('*'));
    const wildcardResources = grants
      .map((grant) => grant.split(' ')[1]!)
      .filter((resource) => resource.includes('*') && !wildcardExceptions.has(resource));

    expect(grants.length).toBeGreaterThan(0);
    expect(wildcardActions).toEqual([]);
    expect(wildcardResources).toEqual([]);
  });
});
