import { crossCheckRuleSet } from './cross-check.js';
import { explainIssue } from './explain-issue.js';
import { toJsonPath } from './json-path.js';
import { parseJson } from './json-syntax.js';
import { classifyRuleFile, locateInFiles, normaliseRulePath } from './rule-files.js';
import { type RuleSet, ruleSetSchemas } from './schema/rule-set.js';

/** One thing wrong with a rules folder, in words a marketer understands. */
export interface RuleProblem {
  /** Path relative to the rules folder, e.g. campaigns/cart-recall.json. */
  file: string;
  /** JSON path within that file, e.g. $.steps[1].delay; $ for the file as a whole. */
  path: string;
  message: string;
  /** Set for broken JSON. */
  line?: number;
  column?: number;
}

export type RuleValidation =
  | { ok: true; ruleSet: RuleSet; problems: [] }
  | { ok: false; problems: RuleProblem[] };

type Raw = {
  settings?: unknown;
  offers: Record<string, unknown>;
  campaigns: unknown[];
  templates: Record<string, Record<string, Record<string, unknown>>>;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const withoutSchemaKey = (value: unknown): unknown => {
  if (!isRecord(value)) return value;
  const { $schema: _ignored, ...rest } = value;
  return rest;
};

const templateVersion = (raw: Raw, id: string, locale: string): Record<string, unknown> => {
  const versions = raw.templates[id] ?? {};
  raw.templates[id] = versions;
  const version = versions[locale] ?? {};
  versions[locale] = version;
  return version;
};

/** Reads every file into one raw rule set, remembering which files could not be read. */
const assemble = (files: Record<string, string>) => {
  const raw: Raw = { offers: {}, campaigns: [], templates: {} };
  const problems: RuleProblem[] = [];
  const brokenFiles = new Set<string>();
  const campaignFiles: string[] = [];
  const jsonOf = (file: string, source: string): { ok: boolean; value?: unknown } => {
    const parsed = parseJson(source);
    if (parsed.ok) {
      if (isRecord(parsed.value) && 'id' in parsed.value && /^(offers|campaigns)\//.test(file)) {
        problems.push({ file, path: '$.id', message: '"id" is not a setting here: the file name is the id' });
      }
      return { ok: true, value: withoutSchemaKey(parsed.value) };
    }
    brokenFiles.add(file);
    problems.push({
      file,
      path: '$',
      line: parsed.line,
      column: parsed.column,
      message: `broken JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`,
    });
    return { ok: false };
  };
  for (const file of Object.keys(files).sort()) {
    const source = files[file]!;
    const role = classifyRuleFile(file);
    if (role.kind === 'ignored') continue;
    if (role.kind === 'misplaced') {
      problems.push({ file, path: '$', message: role.message });
      continue;
    }
    if (role.kind === 'template' && role.part !== 'subject') {
      templateVersion(raw, role.id, role.locale)[role.part] = source;
      continue;
    }
    const json = jsonOf(file, source);
    if (role.kind === 'template') {
      if (!json.ok) continue;
      if (!isRecord(json.value)) {
        problems.push({ file, path: '$', message: 'must be an object like { "subject": "..." }' });
        continue;
      }
      const version = templateVersion(raw, role.id, role.locale);
      for (const [key, value] of Object.entries(json.value)) {
        if (key === 'html' || key === 'text') {
          const extension = key === 'html' ? 'html' : 'txt';
          problems.push({
            file,
            path: `$.${key}`,
            message: `"${key}" is not a setting here: the body goes in ${role.locale}.${extension} next to this file`,
          });
        } else {
          version[key] = value;
        }
      }
      continue;
    }
    if (!json.ok) continue;
    if (role.kind === 'settings') raw.settings = json.value;
    if (role.kind === 'offer')
      raw.offers[role.id] = isRecord(json.value) ? { ...json.value, id: role.id } : json.value;
    if (role.kind === 'campaign') {
      raw.campaigns.push(isRecord(json.value) ? { ...json.value, id: role.id } : json.value);
      campaignFiles.push(file);
    }
  }
  return { raw, problems, brokenFiles, campaignFiles };
};

const missingFileMessage = (file: string): string => {
  if (file === 'settings.json') return 'this file is missing: every rules folder needs settings.json';
  if (file.endsWith('.json')) return 'this file is missing: it holds the subject line';
  return 'this file is missing';
};

/**
 * Validates a rules folder given as { relative path: content } and reports every problem at once:
 * broken JSON, unknown or misspelt settings, values out of range, and references between files.
 * Pure, so the CLI and the admin API validate an uploaded set the same way.
 */
export const validateRuleSetFiles = (input: Record<string, string>): RuleValidation => {
  const files = Object.fromEntries(
    Object.entries(input).map(([path, source]) => [normaliseRulePath(path), source]),
  );
  const { raw, problems, brokenFiles, campaignFiles } = assemble(files);
  const brokenTemplateIds = new Set([...brokenFiles].map((file) => /^templates\/([^/]+)\//.exec(file)?.[1]));

  const place = (path: PropertyKey[], message: string, isMissing: boolean) => {
    const located = locateInFiles(path, campaignFiles);
    if (brokenFiles.has(located.file)) return;
    const absent = !(located.file in files) && !located.file.endsWith('/') && located.file !== '(rule set)';
    if (absent && isMissing) {
      problems.push({ file: located.file, path: '$', message: missingFileMessage(located.file) });
    } else {
      problems.push({ file: located.file, path: toJsonPath(located.path), message });
    }
  };

  const { ruleSetShape, ruleSet } = ruleSetSchemas();
  const shape = ruleSetShape.safeParse(raw, { reportInput: true });
  const explained = (shape.error?.issues ?? []).flatMap((issue) =>
    explainIssue(issue, ruleSetShape, raw).map((item) => ({
      ...item,
      isMissing: issue.code === 'invalid_type' && issue.input === undefined,
    })),
  );
  const misspelt = new Set(explained.flatMap((item) => (item.meant ? [toJsonPath(item.meant)] : [])));
  for (const item of explained) {
    if (item.isMissing && misspelt.has(toJsonPath(item.path))) continue;
    place(item.path, item.message, item.isMissing);
  }
  for (const issue of crossCheckRuleSet(raw)) {
    const ref = issue.missingRef;
    if (ref?.kind === 'offer' && brokenFiles.has(`offers/${ref.id}.json`)) continue;
    if (ref?.kind === 'template' && brokenTemplateIds.has(ref.id)) continue;
    place(issue.path, issue.message, false);
  }

  if (problems.length === 0) {
    const parsed = ruleSet.safeParse(raw);
    if (parsed.success) return { ok: true, ruleSet: parsed.data, problems: [] };
    for (const issue of parsed.error.issues) place([...issue.path], issue.message, false);
  }
  return { ok: false, problems: dedupeAndSort(problems) };
};

const dedupeAndSort = (problems: RuleProblem[]): RuleProblem[] => {
  const seen = new Set<string>();
  return problems
    .filter((problem) => {
      const key = `${problem.file}\u0000${problem.path}\u0000${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => a.problem.file.localeCompare(b.problem.file) || a.order - b.order)
    .map(({ problem }) => problem);
};

/** One line per problem: `campaigns/cart-recall.json  $.steps[1].delay  must be ...`. */
export const formatProblem = (problem: RuleProblem): string =>
  problem.line === undefined
    ? `${problem.file}  ${problem.path}  ${problem.message}`
    : `${problem.file}:${problem.line}:${problem.column}  ${problem.message}`;
