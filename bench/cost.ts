import type { FunctionId } from '../functions/routes.js';
import { functionSpecs } from '../infra/function-specs.js';
import { prices } from './prices.js';
import type { PerCart } from './recalled-cart.js';
import { type BenchResult, ratioOf, round } from './result.js';

/** Lambda bills duration in 1 ms steps at the function's memory size. */
const gbSeconds = (id: FunctionId, totalMs: number): number =>
  (functionSpecs[id].memoryMb / 1024) * (totalMs / 1000);

const CARTS = 1_000;

/**
 * `cost-per-1000-carts`: the per-cart counts priced at us-east-1 list prices. Lambda duration is the
 * handler time measured in-process here (DynamoDB Local and the outbox standing in for the network).
 */
export const costPer1000Carts = (perCart: PerCart): BenchResult => {
  const { counts } = perCart;
  const functions = Object.entries(counts.functions) as Array<
    [FunctionId, { runs: number; totalMs: number }]
  >;
  const invocations = functions.reduce((sum, [, runs]) => sum + runs.runs, 0);
  const lambdaGbSeconds = functions.reduce((sum, [id, runs]) => sum + gbSeconds(id, runs.totalMs), 0);
  const items = {
    ses: counts.emails * prices.sesPerEmail,
    lambdaRequests: invocations * prices.lambdaPerRequest,
    lambdaDuration: lambdaGbSeconds * prices.lambdaArmPerGbSecond,
    dynamoWrites: perCart.writeUnits * prices.dynamoPerWriteUnit,
    dynamoReads: perCart.readUnits * prices.dynamoPerReadUnit,
    eventBridge: (counts.shopEvents + counts.nudgeEvents + counts.sesEvents) * prices.eventBridgePerEvent,
    scheduler: counts.schedulesFired * prices.schedulerPerInvocation,
  };
  const perThousand = (dollars: number) => round(dollars * CARTS, 6);
  const total = Object.values(items).reduce((sum, dollars) => sum + dollars, 0);
  const sesAlone = items.ses;
  return {
    name: 'cost-per-1000-carts',
    value: perThousand(total),
    unit: 'USD per 1,000 recalled carts (us-east-1 list prices)',
    baseline: perThousand(sesAlone),
    ratio: ratioOf(total, sesAlone),
    notes: {
      target: 'ratio <= 1.15',
      baselineMeaning: 'SES alone for the same emails',
      dollarsPer1000Carts: Object.fromEntries(
        Object.entries(items).map(([name, dollars]) => [name, perThousand(dollars)]),
      ),
      sharePercent: Object.fromEntries(
        Object.entries(items).map(([name, dollars]) => [
          name,
          total === 0 ? 0 : round((dollars / total) * 100, 1),
        ]),
      ),
      emailsPerCart: round(counts.emails, 2),
      lambdaGbSecondsPerCart: round(lambdaGbSeconds, 5),
      memoryMbByFunction: Object.fromEntries(functions.map(([id]) => [id, functionSpecs[id].memoryMb])),
      prices,
      durationNote:
        'handler time measured in-process on this machine against DynamoDB Local; AWS network latency differs',
      sesEventsNote:
        "SES's Send and Delivery events are charged as EventBridge events (conservative: AWS may not bill service events on the default bus); their ses-events runs and writes are counted like any other",
      notCounted:
        'CloudWatch Logs, X-Ray, SQS dead-letter queues, data transfer, free tiers, SES open and click events',
    },
  };
};
