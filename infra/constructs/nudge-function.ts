import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../function-specs.js';
import { acknowledge } from '../nag.js';
import { DeadLetterQueue } from './dead-letter-queue.js';

/** How function code is produced: esbuild bundles for real; placeholders exist only for fast template tests. */
export type CodeMode = 'bundle' | 'placeholder';

export interface NudgeFunctionProps {
  functionName: string;
  spec: FunctionSpec;
  environment: Record<string, string>;
  repositoryRoot: string;
  codeMode: CodeMode;
  retainLogs: boolean;
}

// Some CommonJS dependencies call require() for Node built-ins; ESM output has no require of its own.
const requireBanner =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * One Lambda: Node.js 22 on arm64, its own role (no managed policies), its own log group and a
 * failure destination (an SQS queue) for asynchronous invocations that still fail after Lambda's
 * retries; the destination record keeps the event and the error.
 */
export class NudgeFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: NudgeFunctionProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Role of ${props.functionName}`,
    });
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(this.role);
    this.deadLetterQueue = new DeadLetterQueue(this, 'AsyncFailures');

    const common = {
      functionName: props.functionName,
      description: props.spec.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.spec.memoryMb,
      timeout: Duration.seconds(props.spec.timeoutSeconds),
      role: this.role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment: props.environment,
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
      retryAttempts: 2,
    } satisfies Partial<lambda.FunctionProps>;

    this.function =
      props.codeMode === 'bundle'
        ? new nodejs.NodejsFunction(this, 'Function', {
            ...common,
            environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
            entry: path.join(props.repositoryRoot, props.spec.entry),
            handler: 'handler',
            projectRoot: props.repositoryRoot,
            depsLockFilePath: path.join(props.repositoryRoot, 'package-lock.json'),
            bundling: {
              minify: true,
              sourceMap: true,
              target: 'node22',
              format: nodejs.OutputFormat.ESM,
              mainFields: ['module', 'main'],
              banner: requireBanner,
              // Bundle the AWS SDK too: the runtime's copy is not pinned to the version we test.
              externalModules: [],
              logLevel: nodejs.LogLevel.ERROR,
            },
          })
        : new lambda.Function(this, 'Function', {
            ...common,
            code: lambda.Code.fromInline(
              'exports.handler = async () => { throw new Error("placeholder code"); };',
            ),
            handler: 'index.handler',
          });

    for (const rule of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion']) {
      acknowledge(
        this.function,
        rule,
        'DESIGN.md fixes Node.js 22 (an LTS runtime Lambda supports into 2027); moving to 24 is a deliberate upgrade.',
      );
    }
    acknowledge(
      this.function,
      'Serverless-LambdaDLQ',
      'The on-failure destination replaces a dead-letter queue: it keeps the event and the error, a DLQ only the event.',
    );
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
    );
  }
}
