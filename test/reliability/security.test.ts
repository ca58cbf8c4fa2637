import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isInHoldout } from '../../functions/send/holdout.js';
import { MemoryLog } from '../../functions/shared/logger.js';
import { StartupError, startLocalRuntime } from '../../local/runtime.js';
import { startTestRuntime } from '../support/local-runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SCRIPT = '<script>alert(document.cookie)</script>';

describe('customer data in emails', () => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  beforeAll(async () => {
    runtime = await startTestRuntime(new Date('2030-03-04T09:00:00Z'));
  });
  afterAll(async () => {
    await runtime.stop();
  });

  const put = async (detailType: string, detail: Record<string, unknown>) => {
    const response = await fetch(`${runtime.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: JSON.stringify({
        Entries: [{ Source: 'shop', DetailType: detailType, Detail: JSON.stringify(detail) }],
      }),
    });
    expect(((await response.json()) as { FailedEntryCount: number }).FailedEntryCount).toBe(0);
  };

  it('escapes a <script> first name and item name in the HTML of a real reminder', async () => {
    const customerId = Array.from({ length: 50 }, (_, n) => `mallory-${n}`).find(
      (id) => !isInHoldout(id, 'cart-recall', 10),
    )!;
    await put('Customer Upserted', {
      customerId,
      email: `${customerId}@example.com`,
      locale: 'en-US',
      timeZone: 'UTC',
      consent: { email: 'opted_in', updatedAt: '2030-01-01T00:00:00Z', source: 'checkout' },
      firstName: SCRIPT,
    });
    await put('Cart Updated', {
      cartId: `cart-${customerId}`,
      customerId,
      currency: 'USD',
      items: [{ sku: 'X-1', name: `<img src=x onerror=alert(1)>`, unitPrice: 2500, quantity: 1 }],
      subtotal: 2500,
      checkoutUrl: 'https://maplemoss.example/checkout/1',
      updatedAt: '2030-03-04T09:00:00.000Z',
    });
    await runtime.idle();

    await runtime.advanceTo(new Date('2030-03-04T14:00:00Z'));
    const [message] = runtime.outbox.list();

    expect(message?.customerId).toBe(customerId);
    expect(message!.html).not.toContain('<script>');
    expect(message!.html).not.toContain('<img src=x');
    expect(message!.html).toContain('&lt;script&gt;');
  });
});

describe('the local runtime beyond loopback', () => {
  const dynamoEndpoint = () => inject('dynamoEndpoint');
  const dataDir = mkdtempSync(join(tmpdir(), 'nudge-security-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start on a non-loopback address without an admin token', async () => {
    const saved = process.env.NUDGE_ADMIN_TOKEN;
    delete process.env.NUDGE_ADMIN_TOKEN;
    try {
      await expect(
        startLocalRuntime({
          host: '0.0.0.0',
          port: 0,
          dataDir,
          dynamoEndpoint: dynamoEndpoint(),
          rulesDir: null,
          log: new MemoryLog(),
        }),
      ).rejects.toBeInstanceOf(StartupError);
    } finally {
      if (saved !== undefined) process.env.NUDGE_ADMIN_TOKEN = saved;
    }
  });

  it('asks every admin API call for the bearer token when listening beyond 127.0.0.1', async () => {
    // 127.0.0.2 is still this machine, but it is not the address nudge treats as private.
    const runtime = await startLocalRuntime({
      host: '127.0.0.2',
      port: 0,
      adminToken: 'a-long-random-secret-for-this-test',
      dataDir,
      fresh: true,
      tablePrefix: `sec${Date.now()}`,
      dynamoEndpoint: dynamoEndpoint(),
      rulesDir: null,
      nightlyScoringAt: false,
      log: new MemoryLog(),
    });
    try {
      const call = (authorization?: string) =>
        fetch(`${runtime.url}/api/switches`, { headers: authorization ? { authorization } : {} });

      const [none, wrong, right] = await Promise.all([
        call(),
        call('Bearer a-long-random-secret-for-this-tesT'),
        call('Bearer a-long-random-secret-for-this-test'),
      ]);

      expect([none.status, wrong.status, right.status]).toEqual([401, 401, 200]);
      expect(await none.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    } finally {
      await runtime.stop();
    }
  });
});
