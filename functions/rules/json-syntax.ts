export type JsonParseResult =
  | { ok: true; value: unknown }
  | { ok: false; line: number; column: number; message: string };

class JsonSyntaxProblem extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Finds where and why JSON is broken, in words for people who edit JSON by hand. JSON.parse
 * does the real parsing; this scanner only runs on failure, because V8's messages neither
 * always carry a position nor explain the usual slips (a trailing comma, a missing comma).
 */
const locate = (source: string): JsonSyntaxProblem => {
  let i = 0;
  const fail = (message: string, at = i) => new JsonSyntaxProblem(at, message);
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  const endOfFile = () => fail('the file ends too early: a closing } or ] or " is missing');
  const string = () => {
    i++;
    while (i < source.length) {
      const char = source[i]!;
      if (char === '"') {
        i++;
        return;
      }
      if (char === '\n')
        throw fail('text in quotes may not run over the end of the line; is a closing " missing?');
      i += char === '\\' ? 2 : 1;
    }
    throw endOfFile();
  };
  const literal = () => {
    const match = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(source.slice(i));
    if (match) {
      i += match[0].length;
      return;
    }
    if (source[i] === "'") throw fail('text must be in double quotes ("), not single quotes (\')');
    const word = /^[^\s,:{}[\]"]+/.exec(source.slice(i))?.[0] ?? source[i];
    throw fail(`unexpected ${JSON.stringify(word)}: text must be in double quotes, e.g. "${word}"`);
  };
  const entries = (close: '}' | ']', entry: () => void) => {
    i++;
    skipSpace();
    if (source[i] === close) {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (i >= source.length) throw endOfFile();
      entry();
      const afterEntry = i;
      skipSpace();
      if (i >= source.length) throw endOfFile();
      const char = source[i];
      if (char === close) {
        i++;
        return;
      }
      if (char !== ',') {
        throw fail(`a comma is missing at the end of this entry (or a ${close} to close it)`, afterEntry);
      }
      const comma = i;
      i++;
      skipSpace();
      if (source[i] === ',') throw fail('two commas in a row: remove one');
      if (source[i] === close)
        throw fail(`remove the comma before ${close}: JSON does not allow a trailing comma`, comma);
    }
  };
  const value = (): void => {
    skipSpace();
    if (i >= source.length) throw endOfFile();
    const char = source[i];
    if (char === '{') {
      entries('}', () => {
        if (source[i] === "'") throw fail('names must be in double quotes ("), not single quotes (\')');
        if (source[i] !== '"')
          throw fail(`expected a name in double quotes, e.g. "name": but found ${JSON.stringify(source[i])}`);
        string();
        skipSpace();
        if (source[i] !== ':') throw fail('a colon (:) is missing after the name');
        i++;
        value();
      });
    } else if (char === '[') {
      entries(']', value);
    } else if (char === '"') {
      string();
    } else {
      literal();
    }
  };
  try {
    value();
    skipSpace();
    if (i < source.length)
      return fail('unexpected text after the end of the JSON; is there an extra } or ]?');
    return fail('the JSON could not be read');
  } catch (error) {
    if (error instanceof JsonSyntaxProblem) return error;
    throw error;
  }
};

const lineAndColumn = (source: string, index: number) => {
  const before = source.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
};

/** Parses JSON; on failure says at which line and column and what to fix. */
export const parseJson = (input: string): JsonParseResult => {
  const source = input.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch {
    const problem = locate(source);
    return { ok: false, ...lineAndColumn(source, problem.index), message: problem.message };
  }
};
