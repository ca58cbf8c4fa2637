// Makes docs/dashboard.png and docs/report.png: runs a small simulation on a private runtime,
// opens the dashboard on it in Debian's Chromium, then renders the simulation report.
//   npx tsx scripts/dashboard-screenshots.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { MemoryLog } from '../functions/shared/logger.js';
import { activateMissingSwitches } from '../functions/simulation/activate-switches.js';
import { simulationConfigSchema } from '../functions/simulation/config.js';
import { renderReport } from '../functions/simulation/report-html.js';
import { runSimulation } from '../functions/simulation/run-simulation.js';
import { httpShopRuntime } from '../functions/simulation/runtime-client.js';
import { startLocalRuntime } from '../local/runtime.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const customers = Number(process.env.SCREENSHOT_CUSTOMERS ?? 400);
const days = Number(process.env.SCREENSHOT_DAYS ?? 10);
const config = simulationConfigSchema.parse({ customers, days, seed: 1 });
const dataDir = mkdtempSync(join(tmpdir(), 'nudge-shots-'));
const runtime = await startLocalRuntime({
  port: 0,
  clock: 'virtual',
  start: new Date(config.start),
  rulesDir: join(root, 'rules'),
  demo: false,
  dataDir,
  fresh: true,
  tablePrefix: 'nudge-shots',
  log: new MemoryLog(),
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  await activateMissingSwitches(runtime.deps, runtime.url);
  const summary = await runSimulation(
    config,
    httpShopRuntime(runtime.url, (offset) => runtime.outbox.list().slice(offset)),
  );
  const page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
  await page.goto(runtime.url);
  await page.locator('[data-testid="campaign"]').first().waitFor();
  // An English email: machines that make these screenshots often lack CJK fonts.
  await page
    .locator('[data-testid="message-row"]', { hasText: /You left|Your cart/ })
    .first()
    .click()
    .catch(() => {});
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(root, 'docs/dashboard.png'), fullPage: true });
  const reportFile = join(dataDir, 'report.html');
  writeFileSync(reportFile, renderReport(summary));
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`file://${reportFile}`);
  await page.screenshot({ path: join(root, 'docs/report.png'), fullPage: true });
  process.stdout.write('wrote docs/dashboard.png and docs/report.png\n');
} finally {
  await browser.close();
  await runtime.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
