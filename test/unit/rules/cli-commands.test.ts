import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPreview } from '../../../cli/commands/preview.js';
import { runValidate } from '../../../cli/commands/validate.js';
import type { CliIo } from '../../../cli/io.js';
import { EXAMPLE_RULES_DIR, exampleFiles } from './example-rules.js';

const captureIo = (cwd: string) => {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
    cwd,
  };
  return { io, out };
};

const writeFolder = async (dir: string, files: Record<string, string>) => {
  const { mkdir } = await import('node:fs/promises');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
};

describe('nudge validate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nudge-rules-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes on the example rules with exit code 0', async () => {
    const { io, out } = captureIo(join(EXAMPLE_RULES_DIR, '..'));

    const code = await runValidate(['rules'], io);

    expect(code).toBe(0);
    expect(out.stdout).toBe('rules is valid: 3 campaigns, 5 offers, 6 templates\n');
  });

  it('prints every problem with file and path and exits 1', async () => {
    const files = await exampleFiles();
    files['campaigns/cart-recall.json'] = files['campaigns/cart-recall.json']!.replace(
      '"holdoutPercent"',
      '"holdoutPercnt"',
    );
    files['offers/free-shipping.json'] = '{ "kind": "free_shipping", }';
    await writeFolder(dir, files);
    const { io, out } = captureIo(dir);

    const code = await runValidate(['.'], io);

    expect(code).toBe(1);
    expect(out.stderr).toBe(
      [
        'campaigns/cart-recall.json  $.holdoutPercnt  "holdoutPercnt" is not a setting here; did you mean "holdoutPercent"?',
        'offers/free-shipping.json:1:26  broken JSON at line 1, column 26: remove the comma before }: JSON does not allow a trailing comma',
        '',
        '2 problems in .',
        '',
      ].join('\n'),
    );
  });

  it('says so when the folder does not exist', async () => {
    const { io, out } = captureIo(dir);

    const code = await runValidate(['no-such-folder'], io);

    expect(code).toBe(1);
    expect(out.stderr).toMatch(/^Cannot read the rules folder .*no-such-folder/);
  });

  it('prints its usage for --help', async () => {
    const { io, out } = captureIo(dir);

    expect(await runValidate(['--help'], io)).toBe(0);
    expect(out.stdout).toMatch(/^Usage: nudge validate \[dir\]/);
  });
});

describe('nudge preview', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nudge-preview-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['en-US', 'en', 'Your cart is waiting, with 15% off (up to $20.00)', '15% off (up to $20.00)'],
    ['zh-Hans-CN', 'zh-CN', '购物车里的宝贝还在等您，专属优惠券已送达', '8.5 折（最多优惠 US$20.00）'],
  ])(
    'renders a cart reminder for %s with the %s template and writes the HTML',
    async (tag, locale, subject, value) => {
      const { io, out } = captureIo(join(EXAMPLE_RULES_DIR, '..'));
      const file = join(dir, `preview-${tag}.html`);

      const code = await runPreview(['cart-recall', '--step', '2', '--locale', tag, '--out', file], io);

      expect(code).toBe(0);
      expect(out.stdout).toBe(`Subject: ${subject}\nLocale: ${locale}\n${file}\n`);
      const html = await readFile(file, 'utf8');
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).toContain(value);
      expect(html).toContain('K7QM-3XD9-PW2H-T');
      expect(await readFile(file.replace(/\.html$/, '.txt'), 'utf8')).toContain(`Subject: ${subject}`);
    },
  );

  it('refuses a step the campaign does not have', async () => {
    const { io, out } = captureIo(join(EXAMPLE_RULES_DIR, '..'));

    const code = await runPreview(
      ['win-back-vip', '--step', '2', '--locale', 'en', '--out', join(dir, 'x.html')],
      io,
    );

    expect(code).toBe(1);
    expect(out.stderr).toBe('Campaign "win-back-vip" has 1 step; --step must be 1 to 1\n');
  });
});
