import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsEnvSchema } from '../../functions/adapters/aws/aws-env.js';
import { eventRoutes, functionIds } from '../../functions/routes.js';
import { TTL_ATTRIBUTE, tableDefinitions } from '../../functions/store/tables.js';
import { lambdaLogicalId, resourcesOfType, type SynthesizedStack, synthesize } from './support/synth.js';

const getAtt = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

describe('the nudge stack', () => {
  let dev: SynthesizedStack;
  let prod: SynthesizedStack;

  beforeAll(() => {
    dev = synthesize();
    prod = synthesize({ stage: 'prod', churnSchedule: 'cron(30 2 * * ? *)', awsCostBudgetUsd: '50' });
  });

  describe('event rules', () => {
    it.each(eventRoutes.map((route) => [route.id, route] as const))(
      'routes %s events to their function on the right bus',
      (_id, route) => {
        const rules = dev.template.findResources('AWS::Events::Rule', {
          Properties: {
            EventPattern: { source: route.pattern.source, 'detail-type': route.pattern['detail-type'] },
          },
        });

        expect(Object.values(rules)).toHaveLength(1);
        const rule = Object.values(rules)[0]!;
        expect(rule.Properties.EventBusName).toEqual(
          route.bus === 'default' ? 'default' : { Ref: expect.any(String) },
        );
        expect(rule.Properties.Targets[0].Arn).toEqual(
          getAtt(lambdaLogicalId(dev.template, `nudge-dev-${route.target}`)),
        );
      },
    );

    it('puts the shop routes on the nudge bus', () => {
      dev.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'nudge-dev' });
      const busId = Object.keys(resourcesOfType(dev.template, 'AWS::Events::EventBus'))[0];
      const shopRules = dev.template.findResources('AWS::Events::Rule', {
        Properties: { EventPattern: { source: ['shop'] } },
      });

      expect(Object.values(shopRules).map((rule) => rule.Properties.EventBusName)).toEqual([
        { Ref: busId },
        { Ref: busId },
        { Ref: busId },
      ]);
    });

    it('takes only the SES events of nudge’s own configuration set from the default bus', () => {
      dev.template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: 'default',
        EventPattern: {
          source: ['aws.ses'],
          detail: { mail: { tags: { 'ses:configuration-set': ['nudge-dev'] } } },
        },
      });
    });

    it('gives every rule target a retry policy and a dead-letter queue of its own', () => {
      const targets = Object.values(resourcesOfType(dev.template, 'AWS::Events::Rule')).flatMap(
        (rule) =>
          rule.Properties.Targets as Array<Record<string, { Arn?: unknown; MaximumRetryAttempts?: number }>>,
      );
      const queues = Object.keys(resourcesOfType(dev.template, 'AWS::SQS::Queue'));

      expect(targets).toHaveLength(eventRoutes.length + 2);
      for (const target of targets) {
        expect(target.RetryPolicy?.MaximumRetryAttempts).toBeGreaterThan(0);
        const deadLetterArn = target.DeadLetterConfig?.Arn as { 'Fn::GetAtt': string[] } | undefined;
        expect(queues).toContain(deadLetterArn?.['Fn::GetAtt'][0]);
      }
      expect(new Set(targets.map((target) => JSON.stringify(target.DeadLetterConfig))).size).toBe(
        targets.length,
      );
    });

    it('wakes churn scoring on the schedule from the context and the guard every minute', () => {
      dev.template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'cron(0 3 * * ? *)',
        Targets: [
          Match.objectLike({ Arn: getAtt(lambdaLogicalId(dev.template, 'nudge-dev-churn-coordinator')) }),
        ],
      });
      prod.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(30 2 * * ? *)' });
      dev.template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(1 minute)',
        Targets: [Match.objectLike({ Arn: getAtt(lambdaLogicalId(dev.template, 'nudge-dev-guard')) })],
      });
    });
  });

  describe('tables', () => {
    it.each(tableDefinitions.map((definition) => [definition.id, definition] as const))(
      'declares the %s table on demand with point-in-time recovery, TTL and its indexes',
      (_id, definition) => {
        const matching = dev.template.findResources('AWS::DynamoDB::Table', {
          Properties: {
            BillingMode: 'PAY_PER_REQUEST',
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'sk', KeyType: 'RANGE' },
            ],
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
            GlobalSecondaryIndexes: definition.indexes.length
              ? definition.indexes.map((index) =>
                  Match.objectLike({
                    IndexName: index.name,
                    KeySchema: [
                      { AttributeName: index.partitionKey, KeyType: 'HASH' },
                      { AttributeName: index.sortKey, KeyType: 'RANGE' },
                    ],
                  }),
                )
              : Match.absent(),
          },
        });

        expect(
          Object.keys(matching).some((logicalId) => logicalId.startsWith(`Tables${definition.id}`)),
        ).toBe(true);
      },
    );

    it('keeps prod data when the stack is deleted and lets dev data go', () => {
      const devTables = Object.values(resourcesOfType(dev.template, 'AWS::DynamoDB::Table'));
      const prodTables = Object.values(resourcesOfType(prod.template, 'AWS::DynamoDB::Table')) as Array<
        Record<string, unknown> & { Properties: Record<string, unknown> }
      >;

      expect(devTables).toHaveLength(tableDefinitions.length);
      for (const table of devTables)
        expect((table as { DeletionPolicy?: string }).DeletionPolicy).toBe('Delete');
      for (const table of prodTables) {
        expect(table.DeletionPolicy).toBe('Retain');
        expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      }
    });
  });

  describe('functions', () => {
    it.each(functionIds)('runs %s on Node.js 22, arm64, traced, with the whole environment', (id) => {
      const lambda = dev.template.toJSON().Resources[lambdaLogicalId(dev.template, `nudge-dev-${id}`)];

      expect(lambda.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
      expect(Object.keys(lambda.Properties.Environment.Variables)).toEqual(
        expect.arrayContaining(Object.keys(awsEnvSchema.shape)),
      );
    });

    it('declares exactly one Lambda per function id', () => {
      const names = Object.values(resourcesOfType(dev.template, 'AWS::Lambda::Function')).map(
        (lambda) => lambda.Properties.FunctionName,
      );

      expect(names.sort()).toEqual(functionIds.map((id) => `nudge-dev-${id}`).sort());
    });

    it('sends asynchronous invocations that keep failing to a queue of the function’s own', () => {
      const configs = Object.values(resourcesOfType(dev.template, 'AWS::Lambda::EventInvokeConfig'));
      const queues = Object.keys(resourcesOfType(dev.template, 'AWS::SQS::Queue'));

      expect(configs).toHaveLength(functionIds.length);
      const destinations = configs.map(
        (config) =>
          (config.Properties.DestinationConfig as { OnFailure: { Destination: { 'Fn::GetAtt': string[] } } })
            .OnFailure.Destination['Fn::GetAtt'][0],
      );
      expect(new Set(destinations).size).toBe(functionIds.length);
      for (const destination of destinations) expect(queues).toContain(destination);
    });

    it('tells each function where to find tables, bus, scheduler and unsubscribe endpoint', () => {
      const lambda =
        dev.template.toJSON().Resources[lambdaLogicalId(dev.template, 'nudge-dev-campaign-step')];
      const variables = lambda.Properties.Environment.Variables;

      expect(variables).toMatchObject({
        TABLE_MESSAGES: { Ref: expect.stringMatching(/^Tablesmessages/) },
        EVENT_BUS_NAME: { Ref: expect.stringMatching(/^Bus/) },
        SCHEDULE_GROUP_NAME: 'nudge-dev',
        CHURN_WORKER_FUNCTION_NAME: 'nudge-dev-churn-worker',
        UNSUBSCRIBE_URL: {
          'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.any(String), 'ApiEndpoint'] }, '/unsubscribe']],
        },
      });
      expect(JSON.stringify(variables.CAMPAIGN_STEP_FUNCTION_ARN)).toContain(
        ':function:nudge-dev-campaign-step',
      );
    });
  });

  describe('scheduler and email', () => {
    it('creates the schedule group the functions name', () => {
      dev.template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'nudge-dev' });
    });

    it('publishes the SES events the routes listen for to the default bus', () => {
      dev.template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'nudge-dev' });
      dev.template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['send', 'delivery', 'bounce', 'complaint', 'open', 'click'],
          EventBridgeDestination: {
            EventBusArn: { 'Fn::Join': ['', Match.arrayWith([':event-bus/default'])] },
          },
        },
      });
    });
  });

  describe('HTTP API', () => {
    const routeTargets = (template: SynthesizedStack['template']) =>
      Object.fromEntries(
        Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route')).map((route) => [
          route.Properties.RouteKey,
          route.Properties.AuthorizationType,
        ]),
      );

    it('requires IAM authorization for the admin API and dashboard, and none for unsubscribe', () => {
      expect(routeTargets(dev.template)).toEqual({
        'ANY /api/{proxy+}': 'AWS_IAM',
        'GET /': 'AWS_IAM',
        'GET /unsubscribe': 'NONE',
        'POST /unsubscribe': 'NONE',
      });
    });

    it('sends admin routes to admin-api and unsubscribe routes to unsubscribe', () => {
      const integrations = resourcesOfType(dev.template, 'AWS::ApiGatewayV2::Integration');
      const functionOf = (routeKey: string) => {
        const route = Object.values(resourcesOfType(dev.template, 'AWS::ApiGatewayV2::Route')).find(
          (candidate) => candidate.Properties.RouteKey === routeKey,
        )!;
        const integrationId = JSON.stringify(route.Properties.Target).match(/"Ref":"([^"]+)"/)![1]!;
        return (integrations[integrationId]!.Properties.IntegrationUri as { 'Fn::GetAtt': string[] })[
          'Fn::GetAtt'
        ][0];
      };

      expect(functionOf('ANY /api/{proxy+}')).toBe(lambdaLogicalId(dev.template, 'nudge-dev-admin-api'));
      expect(functionOf('GET /')).toBe(lambdaLogicalId(dev.template, 'nudge-dev-admin-api'));
      expect(functionOf('POST /unsubscribe')).toBe(lambdaLogicalId(dev.template, 'nudge-dev-unsubscribe'));
    });

    it('logs access and throttles on the default stage', () => {
      dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      });
    });
  });

  describe('cost guard', () => {
    it('subscribes cost-alert to the cost alert topic, with a queue for failed deliveries', () => {
      dev.template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'lambda',
        Endpoint: getAtt(lambdaLogicalId(dev.template, 'nudge-dev-cost-alert')),
        RedrivePolicy: { deadLetterTargetArn: Match.anyValue() },
      });
    });

    it('creates an AWS Budgets budget notifying the topic only when awsCostBudgetUsd is set', () => {
      dev.template.resourceCountIs('AWS::Budgets::Budget', 0);
      prod.template.hasResourceProperties('AWS::Budgets::Budget', {
        Budget: { BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 50, Unit: 'USD' } },
        NotificationsWithSubscribers: [
          {
            Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 100 }),
            Subscribers: [
              { SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('^CostCostAlerts') } },
            ],
          },
        ],
      });
    });

    it('lets only AWS Budgets of this account publish to the topic', () => {
      dev.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: 'sns:Publish',
              Principal: { Service: 'budgets.amazonaws.com' },
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            }),
          ]),
        },
      });
    });
  });

  describe('queues and secrets', () => {
    it('encrypts every queue and refuses plain HTTP to it', () => {
      const queues = Object.keys(resourcesOfType(dev.template, 'AWS::SQS::Queue'));
      const policies = Object.values(resourcesOfType(dev.template, 'AWS::SQS::QueuePolicy'));

      for (const queue of Object.values(resourcesOfType(dev.template, 'AWS::SQS::Queue'))) {
        expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      }
      for (const queue of queues) {
        const policy = policies.find((candidate) =>
          JSON.stringify(candidate.Properties.Queues).includes(queue),
        );
        expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
      }
    });

    it('keeps the unsubscribe keyring in Secrets Manager, its first key generated and never in the template', () => {
      const secrets = resourcesOfType(dev.template, 'AWS::SecretsManager::Secret');
      const [seedId] = Object.entries(secrets).find(([, secret]) => secret.Properties.GenerateSecretString)!;
      const keyring = Object.values(secrets).find((secret) => secret.Properties.SecretString)!;

      const [, parts] = (keyring.Properties.SecretString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
      const json = parts
        .map((part) => (typeof part === 'string' ? part : `<${(part as { Ref: string }).Ref}>`))
        .join('');
      expect(JSON.parse(json)).toEqual({
        current: 'k1',
        keys: [
          {
            id: 'k1',
            secret: `{{resolve:secretsmanager:<${seedId}>:SecretString:::}}`,
            createdAt: '2025-01-01T00:00:00.000Z',
          },
        ],
      });
    });
  });

  describe('stage', () => {
    it('names the stack and its resources after the stage from the context', () => {
      expect(prod.stack.stackName).toBe('nudge-prod');
      prod.template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: 'nudge-prod-campaign-step',
      });
      prod.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'nudge-prod' });
    });

    it('refuses a stage name that cannot name AWS resources, saying which value is wrong', () => {
      expect(() => synthesize({ stage: 'Prod Shop' })).toThrow(/stage: lower-case letters/);
    });

    it('refuses a sender that is not an email address', () => {
      expect(() => synthesize({ senderAddress: 'shop.example' })).toThrow(/senderAddress/);
    });
  });
});
