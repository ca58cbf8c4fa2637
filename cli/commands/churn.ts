import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fitBgNbd } from '../../functions/churn/bgnbd.js';
import { parseIsoDay, type TimeUnit } from '../../functions/churn/calendar-day.js';
import { detectTransactionsFormat, parseCdnow } from '../../functions/churn/cdnow.js';
import { fitGammaGamma } from '../../functions/churn/gamma-gamma.js';
import { buildHoldoutReport, type HoldoutReport } from '../../functions/churn/holdout-report.js';
import { summariseRfm } from '../../functions/churn/rfm.js';
import {
  parseTransactionsCsv,
  type Transaction,
  TransactionsFormatError,
} from '../../functions/churn/transactions.js';

export interface ChurnIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

class UsageError extends Error {
  override name = 'UsageError';
}

const COMMON_FLAGS = `  --transactions <file>      order history: CSV with a header naming customer_id,date,amount
                             (date YYYY-MM-DD, amount in currency units), or a raw CDNOW file
  --calibration-end <date>   last day (YYYY-MM-DD) of the history the model learns from
  --time-unit week|day       unit of the model's time parameters (default week)
  --format csv|cdnow         input format (default: csv when the first line has a comma)
  --json                     print one JSON object instead of text`;

const USAGE = {
  churn: `Usage: nudge churn <fit|report> [options]

  fit      fit the BG/NBD churn model to an order history
  report   fit on a calibration period and check its predictions on the holdout that follows

Run "nudge churn fit --help" or "nudge churn report --help" for their options.
`,
  fit: `Usage: nudge churn fit --transactions <file> --calibration-end <YYYY-MM-DD> [options]

Fits BG/NBD (Fader, Hardie & Lee 2005) by maximum likelihood to the purchases on or before
the calibration end. Several orders on one day count as one purchase.

${COMMON_FLAGS}
`,
  report: `Usage: nudge churn report --transactions <file> --calibration-end <YYYY-MM-DD> [options]

Fits on the calibration period, then compares predicted with actual repeat purchases in the
holdout (the day after calibration end to the holdout end), in total and by calibration
frequency, and how well P(alive) ranks who buys again against recency alone (AUC).

${COMMON_FLAGS}
  --holdout-end <date>       last day of the holdout (default: the last purchase in the file)
`,
};

const OPTIONS = {
  transactions: { type: 'string' },
  'calibration-end': { type: 'string' },
  'holdout-end': { type: 'string' },
  'time-unit': { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `nudge churn ...`: returns the exit code, 1 on a user error with a message saying what to fix. */
export async function runChurn(argv: string[], io: ChurnIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
    (subcommand === undefined ? io.stderr : io.stdout)(USAGE.churn);
    return subcommand === undefined ? 1 : 0;
  }
  if (subcommand !== 'fit' && subcommand !== 'report') {
    io.stderr(`nudge churn: unknown subcommand "${subcommand}"; use fit or report.\n\n${USAGE.churn}`);
    return 1;
  }
  try {
    const { values } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: false });
    if (values.help) {
      io.stdout(USAGE[subcommand]);
      return 0;
    }
    if (subcommand === 'report') return runReport(values, io);
    return runFit(values, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(
        `nudge churn ${subcommand}: ${(error as Error).message}\nRun "nudge churn ${subcommand} --help".\n`,
      );
      return 1;
    }
    throw error;
  }
}

type Flags = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean;
};

function runFit(flags: Flags, io: ChurnIo): number {
  const { transactions, calibrationEnd, timeUnit } = readInputs(flags, io.cwd);
  const customers = summariseRfm(transactions, { calibrationEnd, timeUnit });
  if (customers.length === 0) {
    throw new UsageError(`no purchases on or before --calibration-end ${flags['calibration-end']}`);
  }
  const started = performance.now();
  const result = fitBgNbd(customers);
  const seconds = (performance.now() - started) / 1000;
  if (!result.converged)
    io.stderr('warning: the optimiser stopped before converging; treat the fit with care\n');
  if (flags.json) {
    const output = {
      model: 'bgnbd',
      params: result.params,
      logLikelihood: result.logLikelihood,
      customers: result.customers,
      calibrationEnd: flags['calibration-end'],
      timeUnit,
    };
    io.stdout(`${JSON.stringify(output)}\n`);
    return 0;
  }
  const { r, alpha, a, b } = result.params;
  const lines = [
    `BG/NBD fitted to ${result.customers} customers, calibration end ${flags['calibration-end']}, time in ${timeUnit}s (${seconds.toFixed(2)} s)`,
    `  purchase rate      r = ${fmt(r)}, alpha = ${fmt(alpha)}  (mean ${fmt(r / alpha)} purchases per ${timeUnit} while active)`,
    `  dropout            a = ${fmt(a)}, b = ${fmt(b)}  (mean dropout chance ${fmt(a / (a + b))} after each purchase)`,
    `  log-likelihood     ${result.logLikelihood.toFixed(2)}`,
  ];
  if (customers.some((c) => c.x > 0 && c.monetary > 0)) {
    const spend = fitGammaGamma(customers);
    const { p, q, v } = spend.params;
    const mean = q > 1 ? `, population mean ${money((p * v) / (q - 1))} per purchase` : '';
    lines.push(
      `Gamma-Gamma spend on ${spend.customers} customers with a paid repeat purchase: p = ${fmt(p)}, q = ${fmt(q)}, v = ${fmt(v / 100)}${mean}`,
    );
  }
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

function runReport(flags: Flags, io: ChurnIo): number {
  const { transactions, calibrationEnd, timeUnit } = readInputs(flags, io.cwd);
  const holdoutEnd =
    flags['holdout-end'] === undefined
      ? transactions.reduce((last, t) => Math.max(last, t.day), Number.NEGATIVE_INFINITY)
      : requireDate(flags['holdout-end'], '--holdout-end');
  if (!(holdoutEnd > calibrationEnd)) {
    throw new UsageError(
      '--holdout-end must be after --calibration-end (no purchases after it in the file?)',
    );
  }
  if (!transactions.some((t) => t.day <= calibrationEnd)) {
    throw new UsageError(`no purchases on or before --calibration-end ${flags['calibration-end']}`);
  }
  const started = performance.now();
  const result = buildHoldoutReport(transactions, { calibrationEnd, holdoutEnd, timeUnit });
  const seconds = (performance.now() - started) / 1000;
  io.stdout(flags.json ? `${JSON.stringify(result)}\n` : formatReport(result, seconds));
  return 0;
}

function formatReport(report: HoldoutReport, seconds: number): string {
  const { fit, total, auc } = report;
  const { r, alpha, a, b } = fit.params;
  const row = (cells: string[]) =>
    `  ${cells[0]!.padEnd(20)}${cells
      .slice(1)
      .map((c) => c.padStart(11))
      .join('')}`;
  const better = (p: number, q: number, pName: string, qName: string) =>
    p === q ? `${pName} and ${qName} tie` : p > q ? `${pName} wins` : `${qName} wins`;
  return `${[
    `BG/NBD calibrated on ${fit.customers} customers up to ${report.calibrationEnd}; holdout to ${report.holdoutEnd} (${fmt(report.holdoutLength)} ${report.timeUnit}s); ${seconds.toFixed(2)} s`,
    `  r = ${fmt(r)}, alpha = ${fmt(alpha)}, a = ${fmt(a)}, b = ${fmt(b)}, log-likelihood ${fit.logLikelihood.toFixed(2)}`,
    '',
    'Repeat purchases (purchase days) in the holdout',
    row(['x in calibration', 'customers', 'predicted', 'actual']),
    ...report.byFrequency.map((f) =>
      row([f.x, String(f.customers), f.predicted.toFixed(1), String(f.actual)]),
    ),
    row(['total', String(fit.customers), total.predicted.toFixed(1), String(total.actual)]),
    '',
    'Ranking who buys again in the holdout (AUC)',
    row(['', 'all', 'x >= 1']),
    row(['P(alive)', fmt(auc.all.pAlive), fmt(auc.repeatCustomers.pAlive)]),
    row(['expected purchases', fmt(auc.all.expectedPurchases), fmt(auc.repeatCustomers.expectedPurchases)]),
    row(['recency (baseline)', fmt(auc.all.recency), fmt(auc.repeatCustomers.recency)]),
    `P(alive) against recency: ${better(auc.all.pAlive, auc.all.recency, 'P(alive)', 'recency')} (P(alive) is 1 for every customer without a repeat purchase).`,
    `Expected purchases against recency: ${better(auc.all.expectedPurchases, auc.all.recency, 'the model', 'recency')}.`,
  ].join('\n')}\n`;
}

function readInputs(
  flags: Flags,
  cwd: string,
): { transactions: Transaction[]; calibrationEnd: number; timeUnit: TimeUnit } {
  if (flags.transactions === undefined) throw new UsageError('--transactions <file> is required');
  const calibrationEnd = requireDate(flags['calibration-end'], '--calibration-end');
  const timeUnit = flags['time-unit'] ?? 'week';
  if (timeUnit !== 'week' && timeUnit !== 'day') {
    throw new UsageError(`--time-unit must be week or day, not "${timeUnit}"`);
  }
  if (flags.format !== undefined && flags.format !== 'csv' && flags.format !== 'cdnow') {
    throw new UsageError(`--format must be csv or cdnow, not "${flags.format}"`);
  }
  const path = resolve(cwd, flags.transactions);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read --transactions ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  const format = flags.format ?? detectTransactionsFormat(text);
  try {
    const transactions = format === 'cdnow' ? parseCdnow(text) : parseTransactionsCsv(text);
    return { transactions, calibrationEnd, timeUnit };
  } catch (error) {
    if (error instanceof TransactionsFormatError)
      throw new UsageError(`${path} ${error.message}`, { cause: error });
    throw error;
  }
}

function requireDate(value: string | undefined, flag: string): number {
  if (value === undefined) throw new UsageError(`${flag} <YYYY-MM-DD> is required`);
  const day = parseIsoDay(value);
  if (day === undefined) throw new UsageError(`${flag} must be a date as YYYY-MM-DD, not "${value}"`);
  return day;
}

const isParseArgsError = (error: unknown) =>
  error instanceof TypeError && String((error as { code?: string }).code ?? '').startsWith('ERR_PARSE_ARGS');

const fmt = (value: number) => (Number.isFinite(value) ? value.toPrecision(4) : String(value));
const money = (minorUnits: number) => (minorUnits / 100).toFixed(2);
