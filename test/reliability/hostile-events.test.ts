import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeadLetterStore, DEAD_LETTER_PK } from '../../functions/ingest/dead-letters.js';
import { readSnapshot } from '../../reliability/snapshot.js';
import { startTestRuntime } from '../support/local-runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

type Detail = Record<string, unknown>;
const fixture = (name: string) =>
  (
    JSON.parse(readFileSync(resolve(import.meta.dirname, `../events/${name}.json`), 'utf8')) as {
      detail: Detail;
    }
  ).detail;
const valid: Record<string, Detail> = {
  'Customer Upserted': fixture('customer-upserted'),
  'Cart Updated': fixture('cart-updated'),
  'Order Placed': fixture('order-placed'),
  'Customer Unsubscribed': fixture('customer-unsubscribed'),
};
const detailTypes = Object.keys(valid);
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

interface Hostile {
  detailType: string;
  detail: Detail;
  what: string;
}

const withField = (detailType: string, field: string, value: unknown, what: string): Hostile => ({
  detailType,
  detail: { ...valid[detailType]!, [field]: value },
  what,
});

const missingField = fc.constantFrom(...detailTypes).chain((detailType) =>
  fc
    .constantFrom(
      ...Object.keys(valid[detailType]!).filter(
        (key) => !['firstName', 'country', 'tier', 'cartId', 'margin'].includes(key),
      ),
    )
    .map((field): Hostile => {
      const { [field]: _, ...detail } = valid[detailType]!;
      return { detailType, detail, what: `without ${field}` };
    }),
);

const extraField = fc
  .tuple(fc.constantFrom(...detailTypes), fc.string({ minLength: 1, maxLength: 30 }), fc.jsonValue())
  .filter(([detailType, field]) => !(field in valid[detailType]!))
  .map(([detailType, field, value]) =>
    withField(detailType, field, value, `with an extra field ${JSON.stringify(field)}`),
  );

const wrongType = fc
  .tuple(
    fc.constantFrom(...detailTypes),
    fc.nat(),
    fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.string(),
    ),
  )
  .map(([detailType, index, value]) => {
    const keys = Object.keys(valid[detailType]!);
    return { detailType, field: keys[index % keys.length]!, value };
  })
  .filter(({ detailType, field, value }) => {
    const original = valid[detailType]![field];
    return (
      typeof original !== typeof value || Array.isArray(original) !== Array.isArray(value) || value === null
    );
  })
  .map(({ detailType, field, value }) =>
    withField(detailType, field, value, `with ${field} of the wrong type`),
  );

const hugeOrOddIdentifier = fc
  .tuple(
    fc.constantFrom(...detailTypes),
    fc.oneof(
      fc.integer({ min: 129, max: 100_000 }).map((length) => 'x'.repeat(length)),
      fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
        .filter((text) => !/^[\w.:@-]+$/.test(text)),
      fc.constantFrom('cus\u0000tomer', '\u202ecus_1', 'cus_😀', 'cus 1', '../../etc/passwd'),
    ),
  )
  .map(([detailType, id]) => withField(detailType, 'customerId', id, 'with a huge or odd customerId'));

const badMoney = fc
  .tuple(
    fc.constantFrom(['Cart Updated', 'subtotal'], ['Order Placed', 'total']),
    fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
    ),
  )
  .map(([[detailType, field], amount]) => withField(detailType!, field!, amount, `with ${field} ${amount}`));

const badItemPrice = fc
  .oneof(
    fc.integer({ max: -1 }),
    fc.double({ min: 0.001, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)),
  )
  .map((unitPrice): Hostile => {
    const cart = valid['Cart Updated']!;
    const items = cart.items as Detail[];
    return {
      detailType: 'Cart Updated',
      detail: { ...cart, items: [{ ...items[0], unitPrice }] },
      what: `unitPrice ${unitPrice}`,
    };
  });

const unknownCurrency = fc
  .oneof(
    fc.stringMatching(/^[A-Z]{3}$/).filter((code) => !knownCurrencies.has(code)),
    fc.constantFrom('usd', 'US$', 'EURO', ''),
  )
  .chain((currency) =>
    fc
      .constantFrom('Cart Updated', 'Order Placed')
      .map((detailType) => withField(detailType, 'currency', currency, `currency ${currency}`)),
  );

const scriptUrl = fc
  .tuple(
    fc.constantFrom(
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      ' javascript:void(0)',
      'data:text/html,<script>x</script>',
      'vbscript:x',
    ),
    fc.constantFrom('checkoutUrl', 'url', 'imageUrl'),
  )
  .map(([url, field]): Hostile => {
    const cart = valid['Cart Updated']!;
    if (field === 'checkoutUrl') return withField('Cart Updated', field, url, `checkoutUrl ${url}`);
    const items = cart.items as Detail[];
    return {
      detailType: 'Cart Updated',
      detail: { ...cart, items: [{ ...items[0], [field]: url }] },
      what: `${field} ${url}`,
    };
  });

const hostileEvents = fc.oneof(
  missingField,
  extraField,
  wrongType,
  hugeOrOddIdentifier,
  badMoney,
  badItemPrice,
  unknownCurrency,
  scriptUrl,
);

let runtime: Awaited<ReturnType<typeof startTestRuntime>>;

const putEvent = async (hostile: Hostile): Promise<string> => {
  const response = await fetch(`${runtime.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
    body: JSON.stringify({
      Entries: [{ Source: 'shop', DetailType: hostile.detailType, Detail: JSON.stringify(hostile.detail) }],
    }),
  });
  const body = (await response.json()) as { Entries: Array<{ EventId?: string }> };
  return body.Entries[0]!.EventId!;
};

const deadLetters = () => createDeadLetterStore(runtime.deps).list({ limit: 1000 });

/** Everything but the dead letters. */
const stateOf = async () => {
  const snapshot = await readSnapshot(runtime.deps);
  return { ...snapshot, control: snapshot.control.filter((item) => item.pk !== DEAD_LETTER_PK) };
};

describe('malformed shop events through PutEvents', () => {
  beforeAll(async () => {
    runtime = await startTestRuntime();
  });
  afterAll(async () => {
    await runtime.stop();
  });

  it('are each dead-lettered with a reason that names the field, and change nothing else', async () => {
    const before = await stateOf();
    let sent = 0;

    await fc.assert(
      fc.asyncProperty(hostileEvents, async (hostile) => {
        const eventId = await putEvent(hostile);
        await runtime.idle();
        sent += 1;
        const letter = (await deadLetters()).find((item) => (item.event as { id?: string }).id === eventId);
        expect(letter, hostile.what).toBeDefined();
        expect(String(letter!.reason), hostile.what).toMatch(/^detail(\.|\[|:)/);
      }),
      { numRuns: 120, seed: 8 },
    );

    expect(await stateOf()).toEqual(before);
    expect((await deadLetters()).length).toBe(sent);
    expect(runtime.outbox.list()).toEqual([]);
    expect(runtime.scheduler.pending()).toEqual([]);
  });
});
