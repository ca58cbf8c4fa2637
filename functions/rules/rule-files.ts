import { slug } from './schema/primitives.js';

/** What one file in a rules folder holds; the folder layout is described in docs/rules.md. */
export type RuleFileRole =
  | { kind: 'settings' }
  | { kind: 'offer'; id: string }
  | { kind: 'campaign'; id: string }
  | { kind: 'template'; id: string; locale: string; part: 'subject' | 'html' | 'text' }
  | { kind: 'ignored' }
  | { kind: 'misplaced'; message: string };

const templateParts = { json: 'subject', html: 'html', txt: 'text' } as const;

const LAYOUT_HINT =
  'a rules folder holds settings.json, offers/<offer-id>.json, campaigns/<campaign-id>.json and templates/<template-id>/<locale>.json|.html|.txt';

const badName = (name: string): string | undefined => {
  const result = slug().safeParse(name);
  return result.success ? undefined : `the file name "${name}" ${result.error.issues[0]?.message}`;
};

/** Normalises a path to forward slashes relative to the rules folder. */
export const normaliseRulePath = (path: string): string => path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');

export const classifyRuleFile = (path: string): RuleFileRole => {
  const parts = path.split('/');
  const base = parts[parts.length - 1] ?? '';
  if (parts.some((part) => part.startsWith('.')) || /\.md$/i.test(base)) return { kind: 'ignored' };
  if (path === 'settings.json') return { kind: 'settings' };
  const single = /^(offers|campaigns)\/([^/]+)\.json$/.exec(path);
  if (single) {
    const id = single[2]!;
    const problem = badName(id);
    if (problem) return { kind: 'misplaced', message: problem };
    return single[1] === 'offers' ? { kind: 'offer', id } : { kind: 'campaign', id };
  }
  const template = /^templates\/([^/]+)\/([^/]+)\.(json|html|txt)$/.exec(path);
  if (template) {
    const [, id, locale, extension] = template as unknown as [
      string,
      string,
      string,
      keyof typeof templateParts,
    ];
    const problem = badName(id);
    if (problem) return { kind: 'misplaced', message: problem.replace('file name', 'folder name') };
    return { kind: 'template', id, locale, part: templateParts[extension] };
  }
  return { kind: 'misplaced', message: `this file is not part of the rules: ${LAYOUT_HINT}` };
};

/** The file that holds a template part, e.g. templates/cart-reminder-1/zh-CN.html. */
export const templateFile = (id: string, locale: string, part: 'subject' | 'html' | 'text'): string =>
  `templates/${id}/${locale}.${part === 'subject' ? 'json' : part === 'html' ? 'html' : 'txt'}`;

/** Where a rule-set path lives on disk: the file and the path within it. */
export const locateInFiles = (
  path: ReadonlyArray<PropertyKey>,
  campaignFiles: readonly string[],
): { file: string; path: PropertyKey[] } => {
  const [area, key, ...rest] = path;
  if (area === 'settings') return { file: 'settings.json', path: path.slice(1) };
  if (area === 'offers' && key !== undefined) return { file: `offers/${String(key)}.json`, path: rest };
  if (area === 'campaigns' && typeof key === 'number') {
    return { file: campaignFiles[key] ?? `campaigns[${key}]`, path: rest };
  }
  if (area === 'templates' && key !== undefined) {
    const [locale, part, ...inner] = rest;
    if (locale === undefined) return { file: `templates/${String(key)}/`, path: [] };
    if (part === 'html' || part === 'text') {
      return { file: templateFile(String(key), String(locale), part), path: inner };
    }
    return {
      file: templateFile(String(key), String(locale), 'subject'),
      path: part === undefined ? [] : [part, ...inner],
    };
  }
  return { file: area === undefined ? '(rule set)' : `${String(area)}/`, path: path.slice(1) };
};
