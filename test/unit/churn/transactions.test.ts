import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../functions/churn/calendar-day.js';
import { detectTransactionsFormat, parseCdnow, transactionsToCsv } from '../../../functions/churn/cdnow.js';
import { countHoldoutPurchaseDays, summariseRfm } from '../../../functions/churn/rfm.js';
import { parseTransactionsCsv, TransactionsFormatError } from '../../../functions/churn/transactions.js';

const day = (iso: string) => parseIsoDay(iso)!;

describe('parseTransactionsCsv', () => {
  it('reads customer_id, date and amount in any column order and ignores other columns', () => {
    const csv = 'order_id,amount,date,customer_id\r\n1,29.33,2024-01-05,c1\r\n2,"1,000.5",2024-01-06,c2\n';
    expect(() => parseTransactionsCsv(csv)).toThrow(/line 3: amount "1,000.5"/);
    const ok = parseTransactionsCsv('order_id,amount,date,customer_id\n1,29.33,2024-01-05,c1\n\n');
    expect(ok).toEqual([{ customerId: 'c1', day: day('2024-01-05'), amount: 2933 }]);
  });

  it('names the line and the problem on a bad row', () => {
    const csv = 'customer_id,date,amount\nc1,2024-01-05,10\nc2,2024-02-30,10\n';
    expect(() => parseTransactionsCsv(csv)).toThrow(TransactionsFormatError);
    expect(() => parseTransactionsCsv(csv)).toThrow('line 3: date "2024-02-30" is not a YYYY-MM-DD date');
    expect(() => parseTransactionsCsv('customer_id,date,amount\n,2024-01-05,1\n')).toThrow(
      'line 2: customer_id',
    );
    expect(() => parseTransactionsCsv('customer_id,date,amount\nc,2024-01-05,-1\n')).toThrow(
      'line 2: amount',
    );
  });

  it('says which required columns the header lacks', () => {
    expect(() => parseTransactionsCsv('customer,date,total\n')).toThrow(
      'line 1: header must name the columns customer_id, amount',
    );
  });
});

describe('parseCdnow', () => {
  it('reads the 5-column sample and the 4-column master with its header, keyed by master id', () => {
    const sample = ' 00004 0001 19970101  2   29.33\n 00004 0001 19970118  2   29.73\n';
    const master = ' customer_id  date number_of_cds  dollar_value\n 00004 19970101  2   29.33\n';
    expect(parseCdnow(sample)).toEqual([
      { customerId: '00004', day: day('1997-01-01'), amount: 2933 },
      { customerId: '00004', day: day('1997-01-18'), amount: 2973 },
    ]);
    expect(parseCdnow(master)).toEqual([{ customerId: '00004', day: day('1997-01-01'), amount: 2933 }]);
  });

  it('round-trips through the documented CSV format', () => {
    const transactions = parseCdnow(' 00004 0001 19970101  2   29.33\n 00021 0002 19970102  1   0.00\n');
    expect(parseTransactionsCsv(transactionsToCsv(transactions))).toEqual(transactions);
  });

  it('tells CSV from CDNOW by the first line', () => {
    expect(detectTransactionsFormat('customer_id,date,amount\n')).toBe('csv');
    expect(detectTransactionsFormat(' 00004 0001 19970101  2   29.33\n')).toBe('cdnow');
  });
});

describe('summariseRfm', () => {
  const transactions = [
    { customerId: 'a', day: day('2024-01-01'), amount: 1000 },
    { customerId: 'a', day: day('2024-01-01'), amount: 500 },
    { customerId: 'a', day: day('2024-01-15'), amount: 2000 },
    { customerId: 'a', day: day('2024-01-15'), amount: 1000 },
    { customerId: 'a', day: day('2024-01-29'), amount: 1000 },
    { customerId: 'a', day: day('2024-02-12'), amount: 9999 },
    { customerId: 'b', day: day('2024-01-22'), amount: 700 },
    { customerId: 'c', day: day('2024-02-05'), amount: 700 },
  ];
  const window = { calibrationEnd: day('2024-01-29'), timeUnit: 'week' as const };

  it('counts repeat purchase days, merging orders on one day and summing their spend', () => {
    const [a] = summariseRfm(transactions, window);
    expect(a).toEqual({ customerId: 'a', x: 2, tx: 4, T: 4, monetary: 2000 });
  });

  it('ignores purchases after calibration end and customers who start after it', () => {
    const ids = summariseRfm(transactions, window).map((c) => c.customerId);
    expect(ids).toEqual(['a', 'b']);
  });

  it('measures time in days when asked', () => {
    const b = summariseRfm(transactions, { ...window, timeUnit: 'day' }).find((c) => c.customerId === 'b');
    expect(b).toEqual({ customerId: 'b', x: 0, tx: 0, T: 7, monetary: 0 });
  });

  it('counts holdout purchase days strictly after calibration end up to holdout end', () => {
    const holdout = countHoldoutPurchaseDays(transactions, day('2024-01-29'), day('2024-02-12'));
    expect(Object.fromEntries(holdout)).toEqual({ a: 1, c: 1 });
  });
});
