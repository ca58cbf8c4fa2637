import { parseIsoDay } from './calendar-day.js';

/** One order line of a purchase history; `amount` in minor units (cents). */
export interface Transaction {
  customerId: string;
  day: number;
  amount: number;
}

export class TransactionsFormatError extends Error {
  override name = 'TransactionsFormatError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

const REQUIRED_COLUMNS = ['customer_id', 'date', 'amount'] as const;

/** Decimal major units ("29.33") to integer minor units (2933). */
export function toMinorUnits(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return undefined;
  return Math.round(Number(text) * 100);
}

/** Parses a CSV with a header row naming at least customer_id, date (YYYY-MM-DD) and amount. */
export function parseTransactionsCsv(text: string): Transaction[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((name) => name.trim().toLowerCase());
  const index = Object.fromEntries(REQUIRED_COLUMNS.map((name) => [name, header.indexOf(name)]));
  const missing = REQUIRED_COLUMNS.filter((name) => index[name] === -1);
  if (missing.length > 0) {
    throw new TransactionsFormatError(`header must name the columns ${missing.join(', ')}`, 1);
  }
  const transactions: Transaction[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === '') return;
    const cells = splitCsvLine(line);
    const cell = (name: (typeof REQUIRED_COLUMNS)[number]) => (cells[index[name]!] ?? '').trim();
    transactions.push(toTransaction(cell('customer_id'), cell('date'), cell('amount'), i + 1));
  });
  return transactions;
}

export function toTransaction(
  customerId: string,
  date: string,
  amountText: string,
  line: number,
): Transaction {
  if (customerId === '') throw new TransactionsFormatError('customer_id is empty', line);
  const day = parseIsoDay(date);
  if (day === undefined) throw new TransactionsFormatError(`date "${date}" is not a YYYY-MM-DD date`, line);
  const amount = toMinorUnits(amountText);
  if (amount === undefined || amount < 0) {
    throw new TransactionsFormatError(`amount "${amountText}" is not a non-negative number`, line);
  }
  return { customerId, day, amount };
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(current);
      current = '';
    } else current += ch;
  }
  cells.push(current);
  return cells;
}
