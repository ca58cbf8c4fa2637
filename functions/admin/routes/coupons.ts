import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type StoredCoupon, storedCouponSchema } from '../../coupons/coupon-item.js';
import { presentCoupon } from '../../coupons/issued-coupon.js';
import type { Deps } from '../../shared/deps.js';
import { lazy } from '../../shared/lazy.js';
import * as z from '../../shared/zod.js';
import { json, type Route } from '../router.js';

const querySchema = lazy(() =>
  z.object({
    customer: z.optional(z.string().check(z.minLength(1))),
    campaign: z.optional(z.string().check(z.minLength(1))),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), 100),
  }),
);

const listCoupons = async (
  deps: Deps,
  query: z.infer<ReturnType<typeof querySchema>>,
): Promise<StoredCoupon[]> => {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = query.customer
      ? await deps.db.send(
          new QueryCommand({
            TableName: deps.tables.coupons,
            IndexName: 'byCustomer',
            KeyConditionExpression: query.campaign
              ? 'customerId = :customer AND campaignId = :campaign'
              : 'customerId = :customer',
            // The index also holds issue keys, live markers and redemption records of the customer.
            FilterExpression: 'sk = :sk',
            ExpressionAttributeValues: {
              ':sk': 'coupon',
              ':customer': query.customer,
              ...(query.campaign ? { ':campaign': query.campaign } : {}),
            },
            ExclusiveStartKey: startKey,
          }),
        )
      : await deps.db.send(
          // Without a customer there is no index to use; the admin lists are small and rare.
          new ScanCommand({
            TableName: deps.tables.coupons,
            FilterExpression: query.campaign ? 'sk = :sk AND campaignId = :campaign' : 'sk = :sk',
            ExpressionAttributeValues: {
              ':sk': 'coupon',
              ...(query.campaign ? { ':campaign': query.campaign } : {}),
            },
            ExclusiveStartKey: startKey,
          }),
        );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items
    .map((item) => storedCouponSchema.parse(item))
    .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))
    .slice(0, query.limit);
};

/** `GET /api/coupons?customer=&campaign=&limit=`: newest first. */
export const couponRoutes = (deps: Deps): Route[] => [
  {
    method: 'GET',
    path: '/api/coupons',
    handle: async (request) => {
      const coupons = await listCoupons(deps, querySchema().parse(request.query));
      return json(
        coupons.map((coupon) => ({
          ...presentCoupon(coupon),
          issuedAt: coupon.issuedAt,
          orderId: coupon.orderId,
          discount: coupon.discount,
          redeemedAt: coupon.redeemedAt,
          closedAt: coupon.closedAt,
          closedReason: coupon.closedReason,
        })),
      );
    },
  },
];
