import Mustache from 'mustache';
import { closestMatch } from '../rules/suggest.js';
import { templateVariables, type VariableTree, variablePaths } from './variables.js';

type Node = VariableTree[string];
type Token = [string, string, number, number, Token[]?];

const lineAt = (source: string, index: number): number => source.slice(0, index).split('\n').length;

const lookup = (name: string, stack: VariableTree[]): Node | undefined => {
  const [head, ...rest] = name.split('.');
  for (let depth = stack.length - 1; depth >= 0; depth--) {
    let node: Node | undefined = stack[depth]![head!];
    if (node === undefined) continue;
    for (const part of rest) {
      node = typeof node === 'object' && !Array.isArray(node) ? node[part] : undefined;
      if (node === undefined) return undefined;
    }
    return node;
  }
  return undefined;
};

const unknownVariable = (name: string, line: number): string => {
  const guess = closestMatch(name, variablePaths());
  const hint = guess ? `did you mean {{${guess}}}?` : 'see the list of variables in docs/rules.md';
  return `line ${line}: {{${name}}} is not a known variable; ${hint}`;
};

const plainSyntaxError = (source: string, error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at (\d+)$/.exec(message);
  const line = at ? lineAt(source, Number(at[1])) : 1;
  const unclosed = /^Unclosed section "(.+)"/.exec(message);
  if (unclosed) return `line ${line}: {{#${unclosed[1]}}} is never closed; add {{/${unclosed[1]}}}`;
  const unopened = /^Unopened section "(.+)"/.exec(message);
  if (unopened) return `line ${line}: {{/${unopened[1]}}} closes a section that was never opened`;
  return `line ${line}: broken template tag (${message.replace(/ at \d+$/, '')}); tags look like {{name}}`;
};

/**
 * Problems in a template, in plain words: broken tags, unknown variables, and tags that would
 * print a value without HTML escaping or pull in another template.
 */
export const checkTemplateSource = (source: string): string[] => {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(source) as Token[];
  } catch (error) {
    return [plainSyntaxError(source, error)];
  }
  const problems: string[] = [];
  const walk = (list: Token[], stack: VariableTree[]) => {
    for (const [type, name, start, , children] of list) {
      const line = lineAt(source, start);
      if (type === '&') {
        problems.push(
          `line ${line}: {{{${name}}}} and {{& ${name}}} print without escaping; use {{${name}}}`,
        );
        continue;
      }
      if (type === '>') {
        problems.push(`line ${line}: {{> ${name}}} includes another template, which is not supported`);
        continue;
      }
      if (type !== 'name' && type !== '#' && type !== '^') continue;
      const node = name === '.' ? '' : lookup(name, stack);
      if (node === undefined) {
        problems.push(unknownVariable(name, line));
        continue;
      }
      if (type === '#' && children) {
        const pushed = Array.isArray(node) ? node[0] : typeof node === 'object' ? node : {};
        walk(children, [...stack, pushed]);
      } else if (children) {
        walk(children, stack);
      }
    }
  };
  walk(tokens, [templateVariables]);
  return problems;
};
