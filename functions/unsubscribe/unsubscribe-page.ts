const copy = {
  en: {
    title: 'Unsubscribe',
    confirm: 'Stop all marketing emails to this address?',
    button: 'Unsubscribe',
    done: 'You are unsubscribed. You will get no more marketing emails from us.',
  },
  'zh-CN': {
    title: '退订',
    confirm: '要停止向此邮箱发送所有营销邮件吗？',
    button: '退订',
    done: '您已成功退订，今后不会再收到我们的营销邮件。',
  },
} as const;

type PageLocale = keyof typeof copy;

/** zh, zh-CN, zh-Hans-CN read Chinese; everything else English. */
export const pageLocale = (locale: string | undefined): PageLocale =>
  locale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const page = (locale: PageLocale, body: string): string =>
  `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<meta name="robots" content="noindex"><title>${copy[locale].title}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">${body}</body></html>`;

/** The page behind the link: mail scanners follow GET links, so GET only asks and POST unsubscribes. */
export const confirmationPage = (locale: PageLocale, token: string): string =>
  page(
    locale,
    `<h1>${copy[locale].title}</h1><p>${copy[locale].confirm}</p>` +
      `<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}">` +
      `<input type="hidden" name="List-Unsubscribe" value="One-Click">` +
      `<button type="submit">${copy[locale].button}</button></form>`,
  );

export const unsubscribedPage = (locale: PageLocale): string =>
  page(locale, `<h1>${copy[locale].title}</h1><p>${copy[locale].done}</p>`);
