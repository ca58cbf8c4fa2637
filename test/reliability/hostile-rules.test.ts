import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateRuleSetFiles } from '../../functions/rules/validate.js';
import { exampleFiles } from '../unit/rules/example-rules.js';

const examples = await exampleFiles();
const jsonPaths = Object.keys(examples).filter((path) => path.endsWith('.json'));

/** Every problem names a file, a place in it and what is wrong, in words. */
const isExplained = (problem: { file: string; path: string; message: string }) =>
  problem.file.length > 0 && problem.path.length > 0 && problem.message.trim().length > 0;

const validates = (files: Record<string, string>) => {
  const result = validateRuleSetFiles(files);
  return result.ok || (result.problems.length > 0 && result.problems.every(isExplained));
};

const hostileValue = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(-1, 0.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, 'javascript:alert(1)', 'P-1D', '', null),
);

/** A JSON value with one key set to something hostile, removed, or added, at any depth. */
const mutate = (value: unknown, path: number[], replacement: unknown, action: 'set' | 'delete'): unknown => {
  if (typeof value !== 'object' || value === null) return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0 || path.length === 0) return action === 'set' ? replacement : value;
  const key = keys[path[0]! % keys.length]!;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as never) : { ...value };
  if (path.length === 1 && action === 'delete') delete copy[key];
  else copy[key] = mutate((value as Record<string, unknown>)[key], path.slice(1), replacement, action);
  return copy;
};

describe('rule files generated to be wrong', () => {
  it('get validation problems that say where and what, never a crash, when a value is changed or removed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...jsonPaths),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        hostileValue,
        fc.constantFrom('set' as const, 'delete' as const),
        (file, path, replacement, action) => {
          const files = {
            ...examples,
            [file]: JSON.stringify(mutate(JSON.parse(examples[file]!), path, replacement, action)),
          };
          expect(validates(files)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('report broken JSON, odd Unicode and huge files as problems', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...jsonPaths),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }).map((text) => `{"name": "${text}`),
          fc.constant(`{"name": "${'\u202e'.repeat(10)}${'x'.repeat(300_000)}"`),
        ),
        (file, content) => {
          const result = validateRuleSetFiles({ ...examples, [file]: content });
          expect(result.ok).toBe(false);
          expect(validates({ ...examples, [file]: content })).toBe(true);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });

  it('never crash on folders of arbitrary file names and contents', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 200 }), {
          maxKeys: 8,
        }),
        (files) => {
          expect(validates(files)).toBe(true);
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});
