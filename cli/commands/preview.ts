import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { renderEmail } from '../../functions/templates/render-email.js';
import { sampleEmailData } from '../../functions/templates/sample-data.js';
import type { CliIo, ExitCode } from '../io.js';
import { loadAndValidate, parseCommandArgs, reportProblems } from './validate.js';

const USAGE = `Usage: nudge preview <campaign> --step <n> --locale <tag> [--rules <dir>] [--out <file>]

Renders one email of a campaign with sample data and writes the HTML (and a .txt next
to it). Steps count from 1. The locale falls back as for customers: en-US uses en,
zh-Hans-CN uses zh-CN, anything else the default locale of settings.json.

  --rules <dir>   rules folder (default: rules/)
  --out <file>    where to write the HTML (default: a file in the system temp folder)
`;

export const runPreview = async (argv: string[], io: CliIo): Promise<ExitCode> => {
  const args = parseCommandArgs(
    argv,
    {
      step: { type: 'string' },
      locale: { type: 'string' },
      rules: { type: 'string' },
      out: { type: 'string' },
    },
    USAGE,
    io,
  );
  if (!args) return 1;
  if (args.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [campaignId] = args.positionals;
  const step = Number(args.values.step ?? 1);
  const locale = args.values.locale ?? 'en';
  if (!campaignId || !Number.isInteger(step) || step < 1) {
    io.stderr(`preview needs a campaign id and a step number from 1\n\n${USAGE}`);
    return 1;
  }
  const validation = await loadAndValidate(resolve(io.cwd, args.values.rules ?? 'rules'), io);
  if (!validation) return 1;
  if (!validation.ok) return reportProblems(io, validation, '; fix them before previewing');
  const { ruleSet } = validation;
  const campaign = ruleSet.campaigns.find((candidate) => candidate.id === campaignId);
  if (!campaign) {
    io.stderr(`No campaign "${campaignId}"; there are: ${ruleSet.campaigns.map((c) => c.id).join(', ')}\n`);
    return 1;
  }
  const stepRule = campaign.steps[step - 1];
  if (!stepRule) {
    const count = campaign.steps.length;
    io.stderr(
      `Campaign "${campaignId}" has ${count} step${count === 1 ? '' : 's'}; --step must be 1 to ${count}\n`,
    );
    return 1;
  }
  const data = sampleEmailData(ruleSet, stepRule.offer, locale, new Date());
  const email = renderEmail(ruleSet, stepRule.template, locale, data);
  const out = args.values.out
    ? resolve(io.cwd, args.values.out)
    : join(tmpdir(), 'nudge-preview', `${campaignId}-step-${step}.${email.locale}.html`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, email.html);
  await writeFile(`${out.replace(/\.html?$/i, '')}.txt`, `Subject: ${email.subject}\n\n${email.text}`);
  io.stdout(`Subject: ${email.subject}\nLocale: ${email.locale}\n${out}\n`);
  return 0;
};
