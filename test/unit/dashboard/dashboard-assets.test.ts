import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../dashboard/app.js';
import { dashboardAssets } from '../../../functions/admin/dashboard-assets.js';
import { createRouter } from '../../../functions/admin/router.js';
import { DASHBOARD_CSP, dashboardRoutes } from '../../../functions/admin/routes/dashboard.js';
import { renderDashboardAssetsModule } from '../../../scripts/inline-dashboard.js';

const request = (path: string) => ({ method: 'GET', path, query: {}, headers: {}, body: undefined });

describe('embedded dashboard assets', () => {
  it('match the files in dashboard/ (run `npx tsx scripts/inline-dashboard.ts` after editing them)', () => {
    for (const [name, asset] of Object.entries(dashboardAssets)) {
      expect(asset.body, `${name} is stale`).toBe(
        readFileSync(new URL(`../../../dashboard/${name}`, import.meta.url), 'utf8'),
      );
    }
    expect(renderDashboardAssetsModule()).toContain('export const dashboardAssets');
  });
});

describe('dashboard routes', () => {
  const router = createRouter(dashboardRoutes());

  it('serves the page at / with a strict content security policy', async () => {
    const response = await router(request('/'));

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toContain('<script type="module" src="/dashboard/app.js"></script>');
  });

  it('serves the script and the stylesheet with their content types', async () => {
    const script = await router(request('/dashboard/app.js'));
    const styles = await router(request('/dashboard/styles.css'));

    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(styles.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(script.body).toBe(dashboardAssets['app.js']!.body);
  });

  it('answers 404 in the error format for a file it does not have', async () => {
    const response = await router(request('/dashboard/secrets.json'));

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('allows nothing from other origins and no inline code', () => {
    expect(DASHBOARD_CSP).toMatch(/default-src 'none'/);
    expect(DASHBOARD_CSP).toMatch(/frame-ancestors 'none'/);
    expect(DASHBOARD_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  it('references no asset from the internet', () => {
    for (const [name, asset] of Object.entries(dashboardAssets)) {
      expect(asset.body, name).not.toMatch(/(src|href)=["']?https?:/);
      expect(asset.body, name).not.toMatch(/@import|url\(\s*['"]?https?:/);
    }
  });
});

describe('rule version diff', () => {
  it('marks removed and added lines and keeps the common ones', () => {
    const before = JSON.stringify({ holdoutPercent: 10, enabled: true }, null, 2);
    const after = JSON.stringify({ holdoutPercent: 5, enabled: true }, null, 2);

    const lines = lineDiff(before, after);

    expect(lines).toEqual([
      { kind: 'same', text: '{' },
      { kind: 'removed', text: '  "holdoutPercent": 10,' },
      { kind: 'added', text: '  "holdoutPercent": 5,' },
      { kind: 'same', text: '  "enabled": true' },
      { kind: 'same', text: '}' },
    ]);
  });

  it('reports only common lines for identical texts', () => {
    expect(lineDiff('a\nb', 'a\nb').every((line) => line.kind === 'same')).toBe(true);
  });
});
