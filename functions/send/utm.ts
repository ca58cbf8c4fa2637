/** Every link to the shop carries these, so the shop's analytics credit the right campaign and step. */
export const withUtm = (link: string, campaignId: string, step: number): string => {
  const url = new URL(link);
  url.searchParams.set('utm_source', 'nudge');
  url.searchParams.set('utm_medium', 'email');
  url.searchParams.set('utm_campaign', campaignId);
  url.searchParams.set('utm_content', `step-${step}`);
  return url.toString();
};
