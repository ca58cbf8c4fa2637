import { liftOf, money, verdictText } from './campaign-lift.js';
import type { SimulationSummary } from './summary.js';
import { escapeXml, forestPlot, lines, PALETTE, pp, stackedBars } from './svg-charts.js';

/** A self-contained HTML page: inline CSS and SVG, no script, nothing fetched. */
export function renderReport(summary: SimulationSummary): string {
  const { config, shop } = summary;
  const cash = (minor: number) => money(minor, config.currency);
  const startDay = Date.parse(config.start);
  const dayLabel = (index: number) => new Date(startDay + index * 86_400_000).toISOString().slice(5, 10);
  const campaignIds = [...new Set(summary.series.spend.map((point) => point.campaignId))];

  const spendCharts = campaignIds
    .map((id, index) => {
      const points = summary.series.spend.filter((point) => point.campaignId === id);
      const cap = points.at(-1)?.cap;
      const series = [
        {
          name: `${id}: reserved + settled`,
          points: points.map((p) => [p.hour, p.used] as [number, number]),
          colour: PALETTE[index % PALETTE.length]!,
        },
        ...(typeof cap === 'number'
          ? [
              {
                name: `${id}: cap`,
                points: [
                  [0, cap],
                  [config.days * 24, cap],
                ] as Array<[number, number]>,
                colour: '#c0392b',
                dashed: true,
              },
            ]
          : []),
      ];
      return `<figure>${lines(`Spend against cap: ${id}`, series, {
        xMax: config.days * 24,
        xLabel: (hour) => `d${Math.round(hour / 24)}`,
        formatY: cash,
      })}<figcaption>${escapeXml(id)}</figcaption></figure>`;
    })
    .join('');

  const measured = summary.measuredLift.lift;
  const measuredRows =
    measured.interval && measured.difference !== null
      ? [
          {
            label: `${summary.measuredLift.campaignId} (ground truth)`,
            estimate: measured.difference,
            lower: measured.interval.lower,
            upper: measured.interval.upper,
            verdict: measured.verdict,
          },
        ]
      : [];
  const liftRows = summary.campaigns.flatMap((campaign) => {
    const lift = liftOf(campaign);
    return lift?.interval && lift.difference !== null
      ? [
          {
            label: campaign.id,
            estimate: lift.difference,
            lower: lift.interval.lower,
            upper: lift.interval.upper,
            verdict: lift.verdict,
          },
        ]
      : [];
  });

  const campaignRows = summary.campaigns
    .map((campaign) => {
      const lift = liftOf(campaign);
      const treatment = lift?.treatment;
      const holdout = lift?.holdout;
      return `<tr>
  <td><code>${escapeXml(campaign.id)}</code></td><td>${escapeXml(campaign.type)}</td>
  <td>${escapeXml(campaign.state)}${campaign.reason ? ` <small>${escapeXml(campaign.reason)}</small>` : ''}</td>
  <td class="n">${campaign.sent}</td><td class="n">${campaign.conversions}</td>
  <td class="n">${cash(campaign.revenue)}</td><td class="n">${cash(campaign.spend)}</td>
  <td class="n">${treatment ? `${rate(treatment.conversionRate)} (${treatment.converters}/${treatment.customers})` : '–'}</td>
  <td class="n">${holdout ? `${rate(holdout.conversionRate)} (${holdout.converters}/${holdout.customers})` : '–'}</td>
  <td class="n">${lift?.interval ? `${pp(lift.difference!)} [${pp(lift.interval.lower)}, ${pp(lift.interval.upper)}]` : '–'}</td>
  <td>${lift ? escapeXml(verdictText[lift.verdict]) : 'not reported'}</td>
  <td class="n">${lift?.incrementalRevenue !== null && lift?.incrementalRevenue !== undefined ? cash(lift.incrementalRevenue) : '–'}</td>
  <td class="n">${lift?.incrementalRoi !== null && lift?.incrementalRoi !== undefined ? lift.incrementalRoi.toFixed(2) : '–'}</td>
</tr>`;
    })
    .join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nudge simulation: ${config.customers} customers, ${config.days} days, seed ${config.seed}</title>
<style>
  body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1d2433; margin: 0; background: #f6f7f9; }
  header { background: #1d2433; color: #fff; padding: 14px 24px; }
  header h1 { margin: 0; font-size: 20px; }
  header p { margin: 4px 0 0; color: #c7cdd8; }
  main { padding: 16px 24px 40px; display: grid; gap: 18px; max-width: 1400px; }
  section { background: #fff; border: 1px solid #e3e6ec; border-radius: 8px; padding: 14px 18px; }
  h2 { font-size: 16px; margin: 0 0 10px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 14px; }
  figure { margin: 0; }
  figcaption { font-size: 12px; color: #667085; }
  svg { width: 100%; height: auto; }
  svg.forest { max-width: 760px; display: block; }
  .axis { font-size: 10px; fill: #667085; }
  .label { font-size: 12px; fill: #1d2433; }
  .legend { font-size: 12px; color: #667085; display: flex; gap: 14px; margin: 4px 0 0; }
  .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { padding: 5px 8px; border-bottom: 1px solid #e3e6ec; text-align: left; }
  th { color: #667085; font-size: 12px; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px 16px; margin: 0; }
  dt { font-size: 11px; color: #667085; text-transform: uppercase; }
  dd { margin: 0; font-size: 18px; }
  .note { font-size: 12px; color: #667085; }
</style>
</head>
<body>
<header>
  <h1>nudge simulation</h1>
  <p>${config.customers} customers · ${config.days} days from ${escapeXml(config.start.slice(0, 10))} · seed ${config.seed} · reminder uplift ${config.upliftReminder} · coupon uplift ${config.upliftCoupon}</p>
</header>
<main>
<section>
  <h2>The shop</h2>
  <dl>
    <div><dt>Carts</dt><dd>${shop.carts}</dd></div>
    <div><dt>Abandoned</dt><dd>${shop.abandoned} (${shop.carts ? ((shop.abandoned / shop.carts) * 100).toFixed(1) : '–'}%)</dd></div>
    <div><dt>Came back on their own</dt><dd>${shop.naturalReturns}</dd></div>
    <div><dt>Bought after a reminder</dt><dd>${shop.reminderPurchases}</dd></div>
    <div><dt>Win-back orders</dt><dd>${shop.winBackOrders}</dd></div>
    <div><dt>Messages</dt><dd>${summary.messages.total}</dd></div>
    <div><dt>Coupons issued / redeemed</dt><dd>${summary.coupons.issued} / ${summary.coupons.redeemed}</dd></div>
    <div><dt>Unsubscribes</dt><dd>${shop.unsubscribes}</dd></div>
  </dl>
</section>
<section>
  <h2>Lift against holdout (95% Newcombe interval)</h2>
  ${measuredRows.length + liftRows.length ? forestPlot('Lift in conversion rate, treatment minus holdout', [...measuredRows, ...liftRows]) : '<p class="note">No campaign has both a treatment and a holdout group yet.</p>'}
  <p class="note">Ground truth: every customer whose first abandoned cart met ${escapeXml(summary.measuredLift.campaignId)}'s audience, split by nudge's own holdout hash; converted when the cart was bought within 7 days.
  ${escapeXml(summary.measuredLift.campaignId)}: treatment ${rate(measured.treatment.conversionRate)} (${measured.treatment.converters}/${measured.treatment.customers}), holdout ${rate(measured.holdout.conversionRate)} (${measured.holdout.converters}/${measured.holdout.customers}), ${escapeXml(verdictText[measured.verdict])}${measured.incrementalRevenue === null ? '' : `, incremental revenue ${cash(measured.incrementalRevenue)}`}${measured.incrementalRoi === null ? '' : `, incremental ROI ${measured.incrementalRoi.toFixed(2)}`}.</p>
  <p class="note">The rows below are what nudge reports through GET /api/campaigns: lift over distinct customers since each campaign began; sent, conversions, revenue and spend over the last 7 days.</p>
  <p class="note">Green: the interval excludes zero and the campaign works. Amber: the interval spans zero, so the lift is not yet significant.</p>
  <table>
    <thead><tr><th scope="col">Campaign</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Sent</th><th scope="col">Conversions</th><th scope="col">Revenue</th><th scope="col">Spend</th><th scope="col">Treatment</th><th scope="col">Holdout</th><th scope="col">Difference [95% CI]</th><th scope="col">Verdict</th><th scope="col">Incremental revenue</th><th scope="col">Incremental ROI</th></tr></thead>
    <tbody>
${campaignRows}
    </tbody>
  </table>
</section>
<section>
  <h2>Spend against cap</h2>
  <div class="grid">${spendCharts || '<p class="note">No campaign figures.</p>'}</div>
</section>
<section class="grid">
  <figure>
    <h2>Messages per day</h2>
    ${stackedBars('Messages per day', [{ name: 'messages', values: summary.messages.perDay, colour: PALETTE[0]! }], { xLabel: dayLabel, formatY: (v) => String(Math.round(v)) })}
  </figure>
  <figure>
    <h2>Recovered revenue per day</h2>
    ${stackedBars(
      'Recovered revenue per day',
      [
        {
          name: 'came back on their own',
          values: summary.series.recoveredByDay.map((d) => d.natural),
          colour: '#98a2b3',
        },
        {
          name: 'after a reminder',
          values: summary.series.recoveredByDay.map((d) => d.reminder),
          colour: PALETTE[1]!,
        },
      ],
      { xLabel: dayLabel, formatY: cash },
    )}
  </figure>
</section>
</main>
</body>
</html>
`;
}

const rate = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
