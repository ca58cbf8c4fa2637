import { Invariant, type InvariantResult } from './invariant.js';

export interface PersonalData {
  emails: string[];
  names: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name counts as found only as a whole word, so `Ben` does not match `Benchmark`. */
const namePattern = (name: string) =>
  /^[\p{Script=Han}]+$/u.test(name)
    ? new RegExp(escapeRegExp(name), 'u')
    : new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, 'u');

/** Logs carry ids only: no customer's email address or name may appear in any line. */
export const checkLogs = (lines: unknown[], personal: PersonalData): InvariantResult[] => {
  const clean = new Invariant('no email address or customer name in the logs');
  const emails = [...new Set(personal.emails.map((email) => email.toLowerCase()))];
  const names = [...new Set(personal.names)]
    .filter((name) => name.length > 0)
    .map((name) => ({ name, pattern: namePattern(name) }));
  for (const [index, line] of lines.entries()) {
    const text = JSON.stringify(line);
    const lower = text.toLowerCase();
    const email = emails.find((candidate) => lower.includes(candidate));
    const name = names.find((candidate) => candidate.pattern.test(text));
    clean.check(
      email === undefined && name === undefined,
      () =>
        `log line ${index} contains ${email ? 'an email address' : `the name "${name?.name}"`}: ${text.slice(0, 200)}`,
    );
  }
  return [clean.result];
};
