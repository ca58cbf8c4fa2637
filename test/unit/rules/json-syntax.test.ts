import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../functions/rules/json-syntax.js';

describe('parseJson', () => {
  it('parses valid JSON, even with a byte-order mark', () => {
    expect(parseJson('\uFEFF{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it.each([
    [
      'a trailing comma',
      '{\n  "a": 1,\n}',
      2,
      9,
      'remove the comma before }: JSON does not allow a trailing comma',
    ],
    [
      'a missing comma',
      '{\n  "a": 1\n  "b": 2\n}',
      2,
      9,
      'a comma is missing at the end of this entry (or a } to close it)',
    ],
    ['single quotes', "{\n  'a': 1\n}", 2, 3, 'names must be in double quotes ("), not single quotes (\')'],
    ['an unquoted word', '{ "a": yes }', 1, 8, 'unexpected "yes": text must be in double quotes, e.g. "yes"'],
    [
      'a missing closing brace',
      '{ "a": [1, 2]',
      1,
      14,
      'the file ends too early: a closing } or ] or " is missing',
    ],
    ['two commas', '[1,, 2]', 1, 4, 'two commas in a row: remove one'],
    ['a missing colon', '{ "a" 1 }', 1, 7, 'a colon (:) is missing after the name'],
  ])('explains %s with line and column', (_name, source, line, column, message) => {
    expect(parseJson(source)).toEqual({ ok: false, line, column, message });
  });
});
