import type { ReliabilityReport } from './harness.js';

const pad = (text: string, width: number) => text.padEnd(width);
const num = (value: number, width: number) => String(value).padStart(width);

const table = (rows: Array<[string, ...number[]]>, header: [string, ...string[]]): string => {
  const width = Math.max(header[0].length, ...rows.map(([label]) => label.length));
  const lines = [
    `  ${pad(header[0], width)}  ${header
      .slice(1)
      .map((title) => title.padStart(10))
      .join('  ')}`,
    ...rows.map(
      ([label, ...values]) => `  ${pad(label, width)}  ${values.map((value) => num(value, 10)).join('  ')}`,
    ),
  ];
  return lines.join('\n');
};

const listed = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([key, count]) => `${key} ${count}`)
    .join(', ') || 'none';

/** The table `npm run reliability` prints. */
export const formatReport = (
  report: ReliabilityReport,
  settings: { seed: number; faultRate: number },
): string => {
  const { figures } = report;
  const jobs = Object.values(figures.replay.jobRedeliveries).reduce((sum, count) => sum + count, 0);
  const faults = Object.values(report.faults).reduce((sum, count) => sum + count, 0);
  const checked = report.invariants.reduce((sum, invariant) => sum + invariant.checked, 0);
  return [
    `nudge reliability: ${figures.customers} customers, ${figures.days} days of traffic, seed ${settings.seed}, fault rate ${Math.round(settings.faultRate * 100)}% (${report.seconds.toFixed(1)} s)`,
    '',
    `events replayed: ${figures.replay.originalEvents} events delivered ${figures.replay.eventDeliveries} times through PutEvents (each twice, a tenth three times, shuffled within 5-minute windows)`,
    `scheduled jobs: ${figures.replay.scheduledJobs} scheduled, ${jobs} redelivered after they ran (${listed(figures.replay.jobRedeliveries)})`,
    `SES accepted ${figures.sesAccepted}; messages by state: ${listed(figures.messages)}`,
    `coupons by state: ${listed(figures.coupons)}; permanent bounces injected ${figures.bouncesInjected}; budget pauses resumed ${figures.campaignsResumed}`,
    `dead letters: ${figures.deadLetters} (${listed(figures.deadLetterReasons)}); log lines scanned ${figures.logLines}`,
    '',
    'faults injected',
    table(
      [
        ...Object.entries(report.faults).map(([kind, count]): [string, number] => [kind, count]),
        ['total', faults],
      ],
      ['kind', 'count'],
    ),
    '',
    'invariants',
    table(
      [
        ...report.invariants.map((invariant): [string, number, number] => [
          invariant.name,
          invariant.checked,
          invariant.violations.length,
        ]),
        ['total', checked, report.violations],
      ],
      ['invariant', 'checked', 'violations'],
    ),
    ...report.invariants.flatMap((invariant) =>
      invariant.violations.slice(0, 5).map((violation) => `  VIOLATION ${invariant.name}: ${violation}`),
    ),
    '',
    report.violations === 0 ? 'violations: 0' : `violations: ${report.violations}`,
    '',
  ].join('\n');
};
