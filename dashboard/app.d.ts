// Types for the parts of app.js that unit tests import; the browser needs none of this.
export function lineDiff(
  before: string,
  after: string,
): Array<{ kind: 'same' | 'added' | 'removed'; text: string }>;
export function t(key: string, values?: Record<string, unknown>): string;
