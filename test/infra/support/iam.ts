import { CfnResource, type Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { resourcesOfType } from './synth.js';

/** Construct path of every resource by logical id, without the stack name and the trailing `/Resource`. */
export const constructPaths = (stack: Stack): Map<string, string> => {
  const paths = new Map<string, string>();
  for (const construct of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(construct)) continue;
    const path = construct.node.path.replace(`${stack.node.id}/`, '').replace(/\/Resource$/, '');
    paths.set(stack.resolve(construct.logicalId) as string, path);
  }
  return paths;
};

/** Renders a CloudFormation value readably: `<Tables/carts>.Arn`, `arn:${Partition}:...`. */
export const render = (value: unknown, paths: Map<string, string>): string => {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if ('Ref' in object) {
    const ref = object.Ref as string;
    return ref.startsWith('AWS::') ? `\${${ref.slice(5)}}` : `<${paths.get(ref) ?? ref}>`;
  }
  if ('Fn::GetAtt' in object) {
    const [logicalId, attribute] = object['Fn::GetAtt'] as [string, string];
    return `<${paths.get(logicalId) ?? logicalId}>.${attribute}`;
  }
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => render(part, paths)).join(separator);
  }
  return JSON.stringify(value);
};

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/**
 * Every permission a role's inline policies grant, one `action resource [condition]` line each,
 * so a test can compare them with an explicit allow-list.
 */
export const grantsOfRole = (template: Template, stack: Stack, roleLogicalId: string): string[] => {
  const paths = constructPaths(stack);
  const lines: string[] = [];
  for (const policy of Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))) {
    const roles = (policy.Properties.Roles as Array<{ Ref: string }>).map((role) => role.Ref);
    if (!roles.includes(roleLogicalId)) continue;
    const document = policy.Properties.PolicyDocument as { Statement: Statement[] };
    for (const statement of document.Statement) {
      const condition = statement.Condition
        ? ` if ${Object.entries(statement.Condition)
            .flatMap(([operator, pairs]) =>
              Object.entries(pairs).map(([key, expected]) => `${operator} ${key}=${render(expected, paths)}`),
            )
            .join(' & ')}`
        : '';
      for (const action of asArray(statement.Action)) {
        for (const resource of asArray(statement.Resource)) {
          lines.push(
            `${statement.Effect === 'Allow' ? '' : 'DENY '}${action} ${render(resource, paths)}${condition}`,
          );
        }
      }
    }
  }
  return lines.sort();
};
