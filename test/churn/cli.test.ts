import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChurn } from '../../cli/commands/churn.js';
import { CDNOW_DIR } from '../support/cdnow.js';

async function run(argv: string[], cwd = CDNOW_DIR) {
  let stdout = '';
  let stderr = '';
  const code = await runChurn(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

function csvFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nudge-churn-'));
  const path = join(dir, 'orders.csv');
  writeFileSync(path, text);
  return path;
}

describe('nudge churn fit', () => {
  it('prints exactly one JSON object with the documented fields', async () => {
    const { code, stdout, stderr } = await run([
      'fit',
      '--transactions',
      'CDNOW_sample.txt',
      '--calibration-end',
      '1997-09-30',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const output = JSON.parse(stdout);
    expect(Object.keys(output)).toEqual([
      'model',
      'params',
      'logLikelihood',
      'customers',
      'calibrationEnd',
      'timeUnit',
    ]);
    expect(Object.keys(output.params)).toEqual(['r', 'alpha', 'a', 'b']);
    expect(output).toMatchObject({
      model: 'bgnbd',
      customers: 2357,
      calibrationEnd: '1997-09-30',
      timeUnit: 'week',
    });
    expect(output.params.r).toBeCloseTo(0.243, 2);
    expect(output.logLikelihood).toBeCloseTo(-9582.4, 0);
  });

  it('reads the documented CSV and fits in days when asked', async () => {
    const rows = ['customer_id,date,amount,currency'];
    for (let c = 0; c < 40; c++) {
      for (let k = 0; k <= c % 5; k++)
        rows.push(`c${c},2024-0${1 + k}-${String(1 + (c % 27)).padStart(2, '0')},12.50,EUR`);
    }
    const path = csvFile(`${rows.join('\n')}\n`);
    const { code, stdout } = await run([
      'fit',
      '--transactions',
      path,
      '--calibration-end',
      '2024-06-30',
      '--time-unit',
      'day',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      customers: 40,
      timeUnit: 'day',
      calibrationEnd: '2024-06-30',
    });
  });

  it('explains the parameters in text without --json', async () => {
    const { code, stdout } = await run([
      'fit',
      '--transactions',
      'CDNOW_sample.txt',
      '--calibration-end',
      '1997-09-30',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('BG/NBD fitted to 2357 customers');
    expect(stdout).toContain('log-likelihood     -9582.43');
  });
});

describe('nudge churn report', () => {
  it('compares predicted with actual holdout purchases and names the better ranking', async () => {
    const { code, stdout } = await run([
      'report',
      '--transactions',
      'CDNOW_sample.txt',
      '--calibration-end',
      '1997-09-30',
      '--holdout-end',
      '1998-06-30',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/total\s+2357\s+1653\.4\s+1882/);
    expect(stdout).toContain('P(alive) against recency: recency wins');
    expect(stdout).toContain('Expected purchases against recency: the model wins');
  });

  it('prints the whole report as JSON and defaults the holdout end to the last purchase', async () => {
    const { code, stdout } = await run([
      'report',
      '--transactions',
      'CDNOW_sample.txt',
      '--calibration-end',
      '1997-09-30',
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      calibrationEnd: '1997-09-30',
      holdoutEnd: '1998-06-30',
      timeUnit: 'week',
    });
    expect(report.byFrequency).toHaveLength(8);
    expect(Object.keys(report.auc.all)).toEqual(['pAlive', 'expectedPurchases', 'recency']);
  });
});

describe('nudge churn user errors', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'a missing --transactions',
      ['fit', '--calibration-end', '1997-09-30'],
      /--transactions <file> is required/,
    ],
    [
      'a missing --calibration-end',
      ['fit', '--transactions', 'CDNOW_sample.txt'],
      /--calibration-end <YYYY-MM-DD> is required/,
    ],
    [
      'a bad date',
      ['fit', '--transactions', 'CDNOW_sample.txt', '--calibration-end', '30/09/1997'],
      /must be a date as YYYY-MM-DD, not "30\/09\/1997"/,
    ],
    [
      'an unreadable file',
      ['fit', '--transactions', 'nope.csv', '--calibration-end', '1997-09-30'],
      /cannot read --transactions .*nope\.csv: ENOENT/,
    ],
    [
      'an unknown time unit',
      [
        'fit',
        '--transactions',
        'CDNOW_sample.txt',
        '--calibration-end',
        '1997-09-30',
        '--time-unit',
        'month',
      ],
      /--time-unit must be week or day/,
    ],
    ['an unknown flag', ['fit', '--transaction', 'CDNOW_sample.txt'], /Unknown option '--transaction'/],
    [
      'a calibration end before any purchase',
      ['fit', '--transactions', 'CDNOW_sample.txt', '--calibration-end', '1990-01-01'],
      /no purchases on or before/,
    ],
    [
      'a holdout that ends before it starts',
      [
        'report',
        '--transactions',
        'CDNOW_sample.txt',
        '--calibration-end',
        '1997-09-30',
        '--holdout-end',
        '1997-09-01',
      ],
      /--holdout-end must be after --calibration-end/,
    ],
    ['an unknown subcommand', ['predict'], /unknown subcommand "predict"/],
  ];
  for (const [what, argv, message] of cases) {
    it(`exits 1 and says what to fix on ${what}`, async () => {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    });
  }

  it('names the file and line of a bad CSV row', async () => {
    const path = csvFile('customer_id,date,amount\nc1,2024-01-01,10\nc2,2024-13-01,10\n');
    const { code, stderr } = await run(['fit', '--transactions', path, '--calibration-end', '2024-06-30']);
    expect(code).toBe(1);
    expect(stderr).toContain(`${path} line 3: date "2024-13-01" is not a YYYY-MM-DD date`);
  });
});

describe('nudge churn --help', () => {
  it('describes each subcommand and exits 0', async () => {
    for (const argv of [['--help'], ['fit', '--help'], ['report', '--help']]) {
      const { code, stdout } = await run(argv);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: nudge churn/);
    }
    expect((await run(['report', '--help'])).stdout).toContain('--holdout-end');
  });
});
