import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.js';
import { launchChromium } from '../support/chromium.js';
import { startTestRuntime } from '../support/local-runtime.js';

describe('the dashboard in a browser', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    runtime = await startTestRuntime();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('pauses a campaign with its button, a reason and a confirmation, and shows the new status', async () => {
    await page.goto(runtime.url);
    const card = page.locator('[data-testid="campaign"][data-campaign="cart-recall"]');
    await card.waitFor();

    await card.locator('[data-testid="pause-campaign:cart-recall"]').click();
    await page.locator('[data-testid="switch-reason"]').fill('Checking the new template before it goes out');
    await page.locator('[data-testid="switch-confirm"]').click();

    await expect.poll(() => card.locator('[data-testid="campaign-status"]').textContent()).toBe('Paused');
    expect(await card.locator('[data-testid="campaign-reason"]').textContent()).toContain(
      'Checking the new template',
    );
    const switches = (await (await fetch(`${runtime.url}/api/switches`)).json()) as Array<{
      scope: string;
      state: string;
    }>;
    expect(switches.find((entry) => entry.scope === 'campaign:cart-recall')?.state).toBe('paused');
  });

  it('does not pause when the confirmation is cancelled', async () => {
    const card = page.locator('[data-testid="campaign"][data-campaign="win-back"]');
    const before = await card.locator('[data-testid="campaign-status"]').textContent();

    await card.locator('[data-testid="pause-campaign:win-back"]').click();
    await page.locator('[data-testid="switch-reason"]').fill('changed my mind');
    await page.locator('[data-testid="switch-cancel"]').click();

    expect(await page.locator('[data-testid="switch-dialog"]').isVisible()).toBe(false);
    const switches = (await (await fetch(`${runtime.url}/api/switches`)).json()) as Array<{
      scope: string;
      state: string;
    }>;
    expect(switches.find((entry) => entry.scope === 'campaign:win-back')?.state ?? 'missing').not.toBe(
      'paused',
    );
    expect(await card.locator('[data-testid="campaign-status"]').textContent()).toBe(before);
  });

  it('switches its language to Simplified Chinese', async () => {
    await page.locator('[data-testid="language"]').selectOption('zh-CN');

    await expect.poll(() => page.locator('#campaigns-title').textContent()).toBe('活动');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('breaks no rule of its content security policy and throws no error', () => {
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
