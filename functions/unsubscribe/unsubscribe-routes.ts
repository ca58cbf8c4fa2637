import { errorResponse, type Route } from '../admin/router.js';
import { withdrawnByUnsubscribe } from '../ingest/customer-profile.js';
import { createCustomerStore } from '../ingest/customer-store.js';
import { createCustomerReader } from '../send/customer-reader.js';
import type { Deps } from '../shared/deps.js';
import type { KeyringSource } from './keyring.js';
import { keyringFor } from './keyring-source.js';
import { verifyUnsubscribeToken } from './token.js';
import { confirmationPage, pageLocale, unsubscribedPage } from './unsubscribe-page.js';

const html = (body: string) => ({
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  body,
});

/** RFC 8058: the one-click POST carries `List-Unsubscribe=One-Click` as a form body. */
const isOneClick = (body: unknown): boolean =>
  typeof body === 'string' && new URLSearchParams(body).get('List-Unsubscribe') === 'One-Click';

/** `GET /unsubscribe?token=` asks; `POST /unsubscribe?token=` unsubscribes at once, idempotently. */
export const unsubscribeRoutes = (deps: Deps, keyring: KeyringSource = keyringFor(deps)): Route[] => {
  const customers = createCustomerStore(deps);
  const reader = createCustomerReader(deps);

  const verify = async (token: string | undefined) => {
    if (!token)
      return {
        error: errorResponse(400, 'missing_token', 'The link has no token; use the link from the email.'),
      };
    const check = verifyUnsubscribeToken(await keyring.load(), token, deps.clock.now());
    if (check.valid) return { claim: check.claim };
    return check.problem === 'malformed'
      ? {
          error: errorResponse(
            400,
            'malformed_token',
            'The unsubscribe link is damaged; use the link from the email.',
          ),
        }
      : { error: errorResponse(403, 'invalid_token', 'The unsubscribe link is not valid.') };
  };

  const localeOf = async (customerId: string) => pageLocale((await reader.read(customerId)).profile?.locale);

  return [
    {
      method: 'GET',
      path: '/unsubscribe',
      handle: async (request) => {
        const verified = await verify(request.query.token);
        if (!verified.claim) return verified.error;
        return html(confirmationPage(await localeOf(verified.claim.customerId), request.query.token!));
      },
    },
    {
      method: 'POST',
      path: '/unsubscribe',
      handle: async (request) => {
        const verified = await verify(request.query.token);
        if (!verified.claim) return verified.error;
        if (!isOneClick(request.body)) {
          return errorResponse(
            400,
            'not_one_click',
            'Send the form body List-Unsubscribe=One-Click (RFC 8058).',
          );
        }
        const { customerId, scope } = verified.claim;
        const now = deps.clock.now();
        if (scope === 'all')
          await customers.setConsent(customerId, withdrawnByUnsubscribe(now.toISOString()), now);
        else await customers.addUnsubscribedCampaign(customerId, scope, now);
        deps.log.info('customer unsubscribed', { customerId, scope, campaignId: verified.claim.campaignId });
        return html(unsubscribedPage(await localeOf(customerId)));
      },
    },
  ];
};
