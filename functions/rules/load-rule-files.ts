import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const MAX_FILES = 2000;
const MAX_FILE_BYTES = 1_000_000;

export class RulesFolderError extends Error {
  override name = 'RulesFolderError';
}

/** Reads a rules folder into { relative path: content }, skipping hidden files and folders. */
export const loadRuleFiles = async (dir: string): Promise<Record<string, string>> => {
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch (error) {
    throw new RulesFolderError(`Cannot read the rules folder ${dir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const paths = entries
    .map((path) => relative(dir, path).split(sep).join('/'))
    .filter((path) => !path.split('/').some((part) => part.startsWith('.') || part === 'node_modules'));
  if (paths.length > MAX_FILES)
    throw new RulesFolderError(`${dir} has more than ${MAX_FILES} files; is it the rules folder?`);
  const files: Record<string, string> = {};
  for (const path of paths.sort()) {
    const content = await readFile(join(dir, path));
    if (content.byteLength > MAX_FILE_BYTES) {
      throw new RulesFolderError(
        `${path} is larger than 1 MB; rule files and templates should be far smaller`,
      );
    }
    files[path] = content.toString('utf8');
  }
  return files;
};
