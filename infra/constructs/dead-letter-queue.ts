import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag.js';

/** Keeps what could not be delivered for 14 days (the SQS maximum), encrypted, TLS only. */
export class DeadLetterQueue extends sqs.Queue {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    for (const rule of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
      acknowledge(this, rule, 'This queue is itself a dead-letter queue; nothing redrives from it.');
    }
  }
}
