import { createHash } from 'node:crypto';

export interface MimeEmail {
  from: { name: string; email: string };
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets, e.g. `3f2a...@nudge.example.com`. */
  messageId: string;
  date: Date;
  /** https URL with the signed token; mail clients POST `List-Unsubscribe=One-Click` to it (RFC 8058). */
  unsubscribeUrl: string;
  configurationSet?: string;
  /** SES message tags; values are made tag-safe here. */
  tags: Record<string, string>;
}

const CRLF = '\r\n';
const isAscii = (value: string): boolean => /^[\x20-\x7e]*$/.test(value);

/** RFC 2047 encoded-words short enough that even the first fits a 78-character line, never splitting a character's UTF-8 bytes. */
export const encodeWords = (value: string): string => {
  if (isAscii(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const character of value) {
    if (Buffer.byteLength(chunk + character) > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
};

const mailbox = (name: string, email: string): string => {
  if (!isAscii(name)) return `${encodeWords(name)} <${email}>`;
  return `"${name.replace(/["\\]/g, (character) => `\\${character}`)}" <${email}>`;
};

/** RFC 5322 date, e.g. `Tue, 04 Mar 2025 10:00:00 +0000`. */
export const rfc5322Date = (date: Date): string => date.toUTCString().replace(/GMT$/, '+0000');

const base64Lines = (value: string): string =>
  (
    Buffer.from(value, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join(CRLF);

/** SES tag values allow letters, digits, `_` and `-` only. */
export const tagSafe = (value: string): string => value.replace(/[^A-Za-z0-9_-]/g, '_');

const withoutLineBreaks = (value: string): string => value.replace(/[\r\n]+/g, ' ');

/** A multipart/alternative message (text, then HTML), UTF-8, base64 bodies, ready for SendRawEmail. */
export const buildMime = (email: MimeEmail): string => {
  // `=_` never occurs in base64, so the boundary cannot collide with a body.
  const boundary = `=_nudge_${createHash('sha256').update(email.messageId).digest('hex').slice(0, 16)}`;
  const tags = Object.entries(email.tags)
    .map(([name, value]) => `${tagSafe(name)}=${tagSafe(value)}`)
    .join(', ');
  const headers: Array<[string, string | undefined]> = [
    ['From', mailbox(withoutLineBreaks(email.from.name), email.from.email)],
    ['To', email.to],
    ['Reply-To', email.replyTo],
    ['Subject', encodeWords(withoutLineBreaks(email.subject))],
    ['Date', rfc5322Date(email.date)],
    ['Message-ID', `<${email.messageId}>`],
    ['MIME-Version', '1.0'],
    ['List-Unsubscribe', `<${email.unsubscribeUrl}>`],
    ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
    ['X-SES-CONFIGURATION-SET', email.configurationSet],
    ['X-SES-MESSAGE-TAGS', tags || undefined],
    ['Content-Type', `multipart/alternative; boundary="${boundary}"`],
  ];
  const part = (type: string, body: string): string =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=UTF-8`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(body),
    ].join(CRLF);
  return [
    ...headers.filter(([, value]) => value !== undefined).map(([name, value]) => `${name}: ${value}`),
    '',
    part('text/plain', email.text),
    part('text/html', email.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
};
