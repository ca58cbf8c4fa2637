import type * as z from '../shared/zod.js';
import { knownKeysAt } from './known-keys.js';
import { closestMatch } from './suggest.js';

export interface ExplainedIssue {
  path: PropertyKey[];
  message: string;
  /** For a misspelt key: the path of the key it probably meant, whose "missing" issue is then noise. */
  meant?: PropertyKey[];
}

type Issue = z.core.$ZodIssue;

/** Why a required field matters, said once here so every "is missing" message can explain it. */
const whyRequired: Record<string, string> = {
  maxDiscount:
    'a percent-off offer needs a cap on its discount in cents (e.g. 2000 for 20.00) so the budget can reserve the most one coupon can cost',
  postalAddress: 'anti-spam laws require the shop postal address in every marketing email',
  currency: 'every amount in the rules is in this currency, e.g. "USD"',
  sender: 'emails need a sender name and address',
  minSpend: 'the ROI floor is judged only once this much has been spent',
  enabled: 'say true to run the campaign or false to keep it off',
};

const describeValue = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `the text "${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
};

const expectedWords: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text in double quotes',
  boolean: 'true or false',
  array: 'a list in [ ]',
  object: 'an object in { }',
};

const isZodDefault = (message: string) => /^(Invalid|Too small|Too big|Unrecognized)/.test(message);
const found = (input: unknown) =>
  typeof input === 'number' || (typeof input === 'string' && input.length <= 60 && !input.includes('\n'))
    ? ` (found ${JSON.stringify(input)})`
    : '';

const lastKey = (path: PropertyKey[]) => String(path[path.length - 1] ?? 'value');

const unknownKey = (path: PropertyKey[], key: string, known: string[]): ExplainedIssue => {
  const allowed = known.filter((name) => name !== '$schema' && name !== 'id');
  const guess = closestMatch(key, allowed);
  if (guess) {
    return {
      path: [...path, key],
      message: `"${key}" is not a setting here; did you mean "${guess}"?`,
      meant: [...path, guess],
    };
  }
  return {
    path: [...path, key],
    message: allowed.length
      ? `"${key}" is not a setting here; allowed here: ${allowed.join(', ')}`
      : `"${key}" is not a setting here`,
  };
};

const sizeMessage = (issue: Issue & { code: 'too_small' | 'too_big' }): string => {
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const word = issue.code === 'too_small' ? 'at least' : 'at most';
  if (issue.origin === 'array') return `must list ${word} ${bound} entries`;
  if (issue.origin === 'string') return `must be ${word} ${bound} characters long`;
  return `must be ${word} ${bound}`;
};

/** A zod issue in words a marketer understands; an unknown-keys issue becomes one message per key. */
export const explainIssue = (issue: Issue, schema: z.core.$ZodType, root: unknown): ExplainedIssue[] => {
  const path = [...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path, root);
      return issue.keys.map((key) => unknownKey(path, key, known));
    }
    case 'invalid_type': {
      if (issue.input === undefined) {
        const key = lastKey(path);
        const why = whyRequired[key];
        return [{ path, message: `"${key}" is missing${why ? `: ${why}` : ''}` }];
      }
      if (!isZodDefault(issue.message))
        return [{ path, message: `${issue.message}, not ${describeValue(issue.input)}` }];
      const expected = expectedWords[issue.expected] ?? issue.expected;
      return [{ path, message: `must be ${expected}, not ${describeValue(issue.input)}` }];
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (discriminator && options) {
        const input = (issue.input as Record<string, unknown> | undefined)?.[discriminator];
        const choices = options.join(', ');
        if (input === undefined)
          return [{ path, message: `"${discriminator}" is missing: use one of ${choices}` }];
        return [{ path, message: `must be one of ${choices}${found(input)}` }];
      }
      return [{ path, message: 'does not match any allowed form' }];
    }
    case 'invalid_value':
      return [
        {
          path,
          message: `${isZodDefault(issue.message) ? `must be one of ${issue.values.map(String).join(', ')}` : issue.message}${found(issue.input)}`,
        },
      ];
    case 'invalid_key': {
      const inner = issue.issues[0]?.message;
      return [{ path, message: `the name ${inner && !isZodDefault(inner) ? inner : 'is not allowed here'}` }];
    }
    case 'too_small':
    case 'too_big':
      return [
        {
          path,
          message: `${isZodDefault(issue.message) ? sizeMessage(issue) : issue.message}${found(issue.input)}`,
        },
      ];
    default:
      return [
        {
          path,
          message: `${isZodDefault(issue.message) ? 'is not valid' : issue.message}${found(issue.input)}`,
        },
      ];
  }
};
