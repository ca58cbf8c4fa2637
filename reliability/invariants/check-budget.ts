import { MOVEMENT_HEADER_SK, movementHeaderSchema, UNLIMITED } from '../../functions/budget/ledger-items.js';
import { COUPON_SK } from '../../functions/coupons/coupon-item.js';
import { Invariant, type InvariantResult, type Item, type TablesSnapshot } from './invariant.js';

interface Line {
  movementKey: string;
  scope: string;
  amount: number;
  state: 'reserved' | 'settled' | 'released';
  settledAmount: number;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** What each line of a movement must look like, given the coupon or message it pays for. */
const expectedLines = (
  movementKey: string,
  coupons: Map<string, Item>,
  claims: Map<string, Item>,
): { allowed: Array<Line['state']>; object: string } | undefined => {
  if (movementKey.startsWith('coupon:')) {
    const coupon = coupons.get(movementKey.slice('coupon:'.length));
    const state = String(coupon?.state ?? 'missing');
    const allowed: Record<string, Array<Line['state']>> = {
      live: ['reserved'],
      redeemed: ['settled'],
      expired: ['released'],
      aborted: ['released'],
      // An issue that crashed half way: its expiry job releases what it holds.
      reserving: ['reserved', 'released'],
    };
    return allowed[state] ? { allowed: allowed[state]!, object: `coupon ${state}` } : undefined;
  }
  if (movementKey.startsWith('send:')) {
    const claim = claims.get(movementKey.slice('send:'.length));
    const state = String(claim?.state ?? 'missing');
    const allowed: Record<string, Array<Line['state']>> = {
      sent: ['settled'],
      unknown: ['settled'],
      // SES took it and the function died before recording it: the cost stays held, never lost.
      sending: ['reserved', 'settled'],
      // A run that died before sending: a later delivery takes the claim over and settles or releases.
      // A send's cost is committed (settled) when reserved, and refunded (released) if it is not sent.
      claimed: ['reserved', 'settled', 'released'],
      failed: ['released'],
      skipped: ['released'],
    };
    return allowed[state] ? { allowed: allowed[state]!, object: `message ${state}` } : undefined;
  }
  return undefined;
};

/**
 * The ledger, scope by scope: reserved + settled never above the cap; each shard's figures add
 * up; a scope holds exactly what its movement lines say; and every movement's lines agree with
 * the live, redeemed or expired coupon or the sent, failed or skipped message it pays for.
 */
export const checkBudget = (
  snapshot: Pick<TablesSnapshot, 'budgets' | 'coupons' | 'messages'>,
): InvariantResult[] => {
  const underCap = new Invariant('reserved + settled <= cap, every scope');
  const addsUp = new Invariant('shard figures add up (remaining = cap - reserved - settled)');
  const matchesLines = new Invariant('scope reserved and settled equal its movement lines');
  const matchesObjects = new Invariant('every movement matches its coupon or message');
  const paidFor = new Invariant('every live or redeemed coupon and sent message is paid for');

  const shards = snapshot.budgets.filter((item) => String(item.sk).startsWith('shard#'));
  const lines: Line[] = snapshot.budgets
    .filter((item) => String(item.pk).startsWith('movement#') && item.sk === MOVEMENT_HEADER_SK)
    .map((item) => movementHeaderSchema.parse(item))
    .filter((header) => header.state !== 'refused')
    .flatMap((header) =>
      Object.entries(header.lines).map(([scope, line]) => ({
        movementKey: header.movementKey,
        scope,
        amount: line.amount,
        state: header.state as Line['state'],
        settledAmount: header.settledAmount ?? 0,
      })),
    );

  const scopes = new Set([...shards.map((shard) => String(shard.scope)), ...lines.map((line) => line.scope)]);
  for (const scope of scopes) {
    const scopeShards = shards.filter((shard) => shard.scope === scope);
    for (const shard of scopeShards) {
      const [cap, reserved, settled, remaining] = [
        shard.cap,
        shard.reserved,
        shard.settled,
        shard.remaining,
      ].map(Number) as [number, number, number, number];
      addsUp.check(
        remaining === cap - reserved - settled && reserved >= 0 && settled >= 0,
        () =>
          `${scope} ${String(shard.sk)}: cap ${cap}, reserved ${reserved}, settled ${settled}, remaining ${remaining}`,
      );
      underCap.check(
        reserved + settled <= cap,
        () => `${scope} ${String(shard.sk)}: ${reserved + settled} over cap ${cap}`,
      );
    }
    const cap = sum(scopeShards.map((shard) => Number(shard.cap)));
    const reserved = sum(scopeShards.map((shard) => Number(shard.reserved)));
    const settled = sum(scopeShards.map((shard) => Number(shard.settled)));
    if (scopeShards.every((shard) => Number(shard.cap) !== UNLIMITED)) {
      underCap.check(reserved + settled <= cap, () => `${scope}: ${reserved + settled} over cap ${cap}`);
    }
    const scopeLines = lines.filter((line) => line.scope === scope);
    const linesReserved = sum(
      scopeLines.filter((line) => line.state === 'reserved').map((line) => line.amount),
    );
    const linesSettled = sum(
      scopeLines.filter((line) => line.state === 'settled').map((line) => line.settledAmount),
    );
    matchesLines.check(
      linesReserved === reserved && linesSettled === settled,
      () =>
        `${scope}: shards hold ${reserved} reserved / ${settled} settled, lines say ${linesReserved} / ${linesSettled}`,
    );
  }

  const coupons = new Map(
    snapshot.coupons.filter((item) => item.sk === COUPON_SK).map((coupon) => [String(coupon.code), coupon]),
  );
  const claims = new Map(
    snapshot.messages
      .filter((item) => String(item.sk).startsWith('claim#'))
      .map((claim) => [`${String(claim.pk)}#${String(claim.sk)}`, claim]),
  );
  for (const line of lines) {
    const expected = expectedLines(line.movementKey, coupons, claims);
    matchesObjects.check(
      expected?.allowed.includes(line.state) === true,
      () =>
        `${line.movementKey} in ${line.scope} is ${line.state}, but it pays for ${expected?.object ?? 'nothing known'}`,
    );
  }

  const withLines = new Set(lines.map((line) => line.movementKey));
  for (const coupon of coupons.values()) {
    if (coupon.state !== 'live' && coupon.state !== 'redeemed') continue;
    paidFor.check(
      withLines.has(`coupon:${String(coupon.code)}`),
      () => `coupon ${String(coupon.code)} has no reservation`,
    );
  }
  for (const [key, claim] of claims) {
    if (claim.state !== 'sent' && claim.state !== 'unknown') continue;
    paidFor.check(
      withLines.has(`send:${key}`),
      () => `message ${String(claim.messageId)} has no send cost on the ledger`,
    );
  }
  return [underCap, addsUp, matchesLines, matchesObjects, paidFor].map((invariant) => invariant.result);
};
