import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  type TableDefinition,
  type TableId,
  TTL_ATTRIBUTE,
  tableDefinitions,
} from '../../functions/store/tables.js';
import type { TableAccess } from '../function-specs.js';

const readActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
];
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export const tableActions = (access: TableAccess): string[] =>
  access === 'read' ? readActions : [...readActions, ...writeActions];

export interface TablesProps {
  /** Keep the data (and refuse deletion) when the stack goes away. */
  retainData: boolean;
}

/** Every table of functions/store/tables.ts: on-demand, point-in-time recovery, TTL on `expiresAt`. */
export class Tables extends Construct {
  readonly byId = {} as Record<TableId, dynamodb.Table>;

  constructor(scope: Construct, id: string, props: TablesProps) {
    super(scope, id);
    for (const definition of tableDefinitions) {
      this.byId[definition.id] = this.createTable(definition, props);
    }
  }

  /** Grants exactly the item actions of `access` on the table and its declared indexes. */
  grant(grantee: iam.IGrantable, tableId: TableId, access: TableAccess): void {
    const table = this.byId[tableId];
    const definition = tableDefinitions.find((candidate) => candidate.id === tableId)!;
    const indexArns = definition.indexes.map((index) => `${table.tableArn}/index/${index.name}`);
    iam.Grant.addToPrincipal({
      grantee,
      actions: tableActions(access),
      resourceArns: [table.tableArn, ...indexArns],
    });
  }

  private createTable(definition: TableDefinition, props: TablesProps): dynamodb.Table {
    const table = new dynamodb.Table(this, definition.id, {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of definition.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }
}
