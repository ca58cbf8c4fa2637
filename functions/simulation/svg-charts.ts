/** Small inline SVG charts for the self-contained report: no script, no library, no network. */

export const escapeXml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 30 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
export const PALETTE = ['#2f6fde', '#1f8a4c', '#7b4bb7', '#b7791f', '#0f8b8d', '#5a6b8c'];

const frame = (
  title: string,
  body: string,
  yMax: number,
  formatY: (v: number) => string,
  xLabels: string,
) => `
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(title)}" xmlns="http://www.w3.org/2000/svg">
  <title>${escapeXml(title)}</title>
  ${[0, 0.25, 0.5, 0.75, 1]
    .map((share) => {
      const y = PAD.top + PLOT_H * (1 - share);
      return `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y}" y2="${y}" stroke="#e3e6ec"/><text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end" class="axis">${escapeXml(formatY(yMax * share))}</text>`;
    })
    .join('\n  ')}
  ${body}
  ${xLabels}
</svg>`;

const xTicks = (count: number, label: (index: number) => string, at: (index: number) => number) => {
  const every = Math.max(1, Math.ceil(count / 10));
  return Array.from({ length: count }, (_, index) => index)
    .filter((index) => index % every === 0)
    .map(
      (index) =>
        `<text x="${at(index)}" y="${HEIGHT - 10}" text-anchor="middle" class="axis">${escapeXml(label(index))}</text>`,
    )
    .join('');
};

/** Stacked bars, one per x; each series is drawn on top of the previous ones. */
export function stackedBars(
  title: string,
  series: Array<{ name: string; values: number[]; colour: string }>,
  options: { xLabel: (index: number) => string; formatY: (v: number) => string },
): string {
  const count = Math.max(0, ...series.map((s) => s.values.length));
  const totals = Array.from({ length: count }, (_, i) =>
    series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0),
  );
  const yMax = niceMax(Math.max(1, ...totals));
  const slot = PLOT_W / Math.max(1, count);
  const bars: string[] = [];
  for (let i = 0; i < count; i++) {
    let base = 0;
    for (const s of series) {
      const value = s.values[i] ?? 0;
      const h = (value / yMax) * PLOT_H;
      const y = PAD.top + PLOT_H - ((base + value) / yMax) * PLOT_H;
      if (value > 0) {
        bars.push(
          `<rect x="${(PAD.left + i * slot + slot * 0.12).toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.76).toFixed(1)}" height="${h.toFixed(1)}" fill="${s.colour}"><title>${escapeXml(`${options.xLabel(i)} ${s.name}: ${options.formatY(value)}`)}</title></rect>`,
        );
      }
      base += value;
    }
  }
  const ticks = xTicks(count, options.xLabel, (i) => PAD.left + i * slot + slot / 2);
  return frame(title, bars.join(''), yMax, options.formatY, ticks) + legend(series);
}

/** Lines over a shared x axis; a series with `dashed` draws as a dashed line (caps). */
export function lines(
  title: string,
  series: Array<{ name: string; points: Array<[number, number]>; colour: string; dashed?: boolean }>,
  options: { xMax: number; xLabel: (x: number) => string; formatY: (v: number) => string },
): string {
  const yMax = niceMax(Math.max(1, ...series.flatMap((s) => s.points.map(([, y]) => y))));
  const x = (value: number) => PAD.left + (value / Math.max(1, options.xMax)) * PLOT_W;
  const y = (value: number) => PAD.top + PLOT_H - (value / yMax) * PLOT_H;
  const paths = series
    .filter((s) => s.points.length > 0)
    .map(
      (s) =>
        `<polyline fill="none" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${s.points
          .map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`)
          .join(' ')}"><title>${escapeXml(s.name)}</title></polyline>`,
    )
    .join('');
  const tickCount = 7;
  const ticks = Array.from({ length: tickCount }, (_, i) => (options.xMax * i) / (tickCount - 1))
    .map(
      (value) =>
        `<text x="${x(value)}" y="${HEIGHT - 10}" text-anchor="middle" class="axis">${escapeXml(options.xLabel(value))}</text>`,
    )
    .join('');
  return frame(title, paths, yMax, options.formatY, ticks) + legend(series);
}

/** One row per campaign: the interval as a bar, the estimate as a dot, zero as a dashed line. */
export function forestPlot(
  title: string,
  rows: Array<{ label: string; estimate: number; lower: number; upper: number; verdict: string }>,
): string {
  const rowH = 34;
  const height = PAD.top + rows.length * rowH + 30;
  const left = 200;
  const plotW = WIDTH - left - PAD.right - 30;
  const span = Math.max(0.01, ...rows.flatMap((r) => [Math.abs(r.lower), Math.abs(r.upper)])) * 1.1;
  const x = (v: number) => left + ((v + span) / (2 * span)) * plotW;
  const colour = (verdict: string) =>
    verdict === 'positive' ? '#1f8a4c' : verdict === 'negative' ? '#c0392b' : '#b7791f';
  const body = rows
    .map((row, i) => {
      const cy = PAD.top + i * rowH + rowH / 2;
      return `<text x="${left - 8}" y="${cy + 4}" text-anchor="end" class="label">${escapeXml(row.label)}</text>
  <line x1="${x(row.lower).toFixed(1)}" x2="${x(row.upper).toFixed(1)}" y1="${cy}" y2="${cy}" stroke="${colour(row.verdict)}" stroke-width="4" stroke-linecap="round"/>
  <circle cx="${x(row.estimate).toFixed(1)}" cy="${cy}" r="6" fill="${colour(row.verdict)}"><title>${escapeXml(`${pp(row.estimate)} (95% CI ${pp(row.lower)} to ${pp(row.upper)})`)}</title></circle>`;
    })
    .join('\n  ');
  const ticks = [-span, -span / 2, 0, span / 2, span]
    .map(
      (v) =>
        `<text x="${x(v).toFixed(1)}" y="${height - 10}" text-anchor="middle" class="axis">${escapeXml(pp(v))}</text>`,
    )
    .join('');
  return `
<svg class="forest" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeXml(title)}" xmlns="http://www.w3.org/2000/svg">
  <title>${escapeXml(title)}</title>
  <line x1="${x(0)}" x2="${x(0)}" y1="${PAD.top - 6}" y2="${height - 26}" stroke="#98a2b3" stroke-dasharray="4 4"/>
  ${body}
  ${ticks}
</svg>`;
}

export const pp = (fraction: number): string =>
  `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} pp`;

function legend(series: Array<{ name: string; colour: string; dashed?: boolean }>): string {
  return `<p class="legend">${series
    .map(
      (s) =>
        `<span><i style="background:${s.colour}"></i>${escapeXml(s.name)}${s.dashed ? ' (dashed)' : ''}</span>`,
    )
    .join(' ')}</p>`;
}

function niceMax(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const steps = [1, 2, 2.5, 5, 10];
  return (steps.find((step) => step * magnitude >= value) ?? 10) * magnitude;
}
