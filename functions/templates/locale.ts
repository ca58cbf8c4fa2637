const maximize = (tag: string): Intl.Locale | undefined => {
  try {
    return new Intl.Locale(tag).maximize();
  } catch {
    return undefined;
  }
};

/**
 * Picks the template locale for a customer: the same language and script first (en-US -> en,
 * zh-Hans-CN and zh -> zh-CN), then the same language in another script (zh-TW -> zh-CN, still
 * readable), then the shop's default locale.
 */
export const resolveTemplateLocale = (
  requested: string | undefined,
  available: readonly string[],
  defaultLocale: string,
): string => {
  const wanted = requested ? maximize(requested) : undefined;
  if (wanted) {
    const candidates = available.map((tag) => ({ tag, full: maximize(tag) }));
    const exact = candidates.find(({ full }) => full?.baseName === wanted.baseName);
    const sameScript = candidates.find(
      ({ full }) => full?.language === wanted.language && full.script === wanted.script,
    );
    const sameLanguage = candidates.find(({ full }) => full?.language === wanted.language);
    const match = exact ?? sameScript ?? sameLanguage;
    if (match) return match.tag;
  }
  return available.includes(defaultLocale) ? defaultLocale : (available[0] ?? defaultLocale);
};

/**
 * The locale to format numbers and dates with: the customer's own tag when it speaks the
 * template's language (en-GB dates for an en template), else the template's locale, so an
 * English email never shows French number formats.
 */
export const formattingLocale = (requested: string | undefined, templateLocale: string): string => {
  const wanted = requested ? maximize(requested) : undefined;
  const template = maximize(templateLocale);
  return wanted && template && wanted.language === template.language ? wanted.toString() : templateLocale;
};
