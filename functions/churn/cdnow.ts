import { isoOfDay } from './calendar-day.js';
import { type Transaction, TransactionsFormatError, toTransaction } from './transactions.js';

/**
 * Parses the raw CDNOW files: whitespace-separated `master_id [sample_id] YYYYMMDD cds dollars`.
 * The master file has 4 columns and a header line, the 1/10 sample has 5 columns and none.
 * Customers are keyed by the master id in both, so the two files agree.
 */
export function parseCdnow(text: string): Transaction[] {
  const transactions: Transaction[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || (i === 0 && /[a-z]/i.test(line))) return;
    const cells = line.split(/\s+/);
    if (cells.length !== 4 && cells.length !== 5) {
      throw new TransactionsFormatError(
        `expected 4 or 5 whitespace-separated columns, got ${cells.length}`,
        i + 1,
      );
    }
    const [customerId, yyyymmdd, , dollars] = cells.length === 5 ? [cells[0], ...cells.slice(2)] : cells;
    const date = /^\d{8}$/.test(yyyymmdd ?? '')
      ? `${yyyymmdd!.slice(0, 4)}-${yyyymmdd!.slice(4, 6)}-${yyyymmdd!.slice(6)}`
      : (yyyymmdd ?? '');
    transactions.push(toTransaction(customerId ?? '', date, dollars ?? '', i + 1));
  });
  return transactions;
}

/** The same history as a `customer_id,date,amount` CSV, the format `nudge churn` documents. */
export function transactionsToCsv(transactions: readonly Transaction[]): string {
  const rows = transactions.map((t) => `${t.customerId},${isoOfDay(t.day)},${(t.amount / 100).toFixed(2)}`);
  return `customer_id,date,amount\n${rows.join('\n')}\n`;
}

/** CSV when the first line has a comma, CDNOW's whitespace columns otherwise. */
export function detectTransactionsFormat(text: string): 'csv' | 'cdnow' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes(',') ? 'csv' : 'cdnow';
}
