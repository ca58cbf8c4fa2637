import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';

export interface HttpApiProps {
  apiName: string;
  throttle: { rateLimit: number; burstLimit: number };
}

const accessLogFormat = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  user: '$context.identity.userArn',
  requestTime: '$context.requestTime',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  integrationError: '$context.integrationErrorMessage',
});

/**
 * One HTTP API: the admin API and dashboard behind IAM authorization, and the public unsubscribe
 * endpoint (its token is the credential). The API exists before the functions so they can
 * carry its URL; routes are added once the functions exist.
 */
export class HttpApi extends Construct {
  readonly api: apigwv2.HttpApi;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.api = new apigwv2.HttpApi(this, 'Api', { apiName: props.apiName, createDefaultStage: false });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(accessLogFormat),
      },
    });
  }

  get url(): string {
    return `${this.api.apiEndpoint}/`;
  }

  routeAdmin(adminApi: lambda.IFunction): void {
    const integration = new HttpLambdaIntegration('AdminApi', adminApi);
    const authorizer = new HttpIamAuthorizer();
    this.api.addRoutes({ path: '/api/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration, authorizer });
    this.api.addRoutes({ path: '/', methods: [apigwv2.HttpMethod.GET], integration, authorizer });
  }

  routeUnsubscribe(unsubscribe: lambda.IFunction): void {
    const integration = new HttpLambdaIntegration('Unsubscribe', unsubscribe);
    const routes = this.api.addRoutes({
      path: '/unsubscribe',
      methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST],
      integration,
    });
    for (const route of routes) {
      acknowledge(
        route,
        'AwsSolutions-APIG4',
        'Unsubscribe must work from any mail client without signing in; the signed token in the link is the credential (RFC 8058).',
      );
    }
  }
}
