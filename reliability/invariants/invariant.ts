/** One promise checked over a whole run: how many times it was checked and each way it was broken. */
export interface InvariantResult {
  name: string;
  checked: number;
  violations: string[];
}

/** Collects checks of one invariant. */
export class Invariant {
  readonly result: InvariantResult;

  constructor(name: string) {
    this.result = { name, checked: 0, violations: [] };
  }

  /** Counts one check; records `violation` when `holds` is false. */
  check(holds: boolean, violation: () => string): void {
    this.result.checked += 1;
    if (!holds) this.result.violations.push(violation());
  }
}

export type Item = Record<string, unknown>;

/** The tables as they are after the run, every item of each. */
export interface TablesSnapshot {
  customers: Item[];
  orders: Item[];
  messages: Item[];
  coupons: Item[];
  budgets: Item[];
  control: Item[];
}

/** What SES accepted, as the fake SES saw it (the outbox keeps one copy per message id, SES does not). */
export interface AcceptedSend {
  messageId: string;
  campaignId: string;
  customerId: string;
  step: number;
  to: string;
  /** Epoch ms, virtual time. */
  at: number;
}
