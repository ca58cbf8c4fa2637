import { beforeEach, describe, expect, it } from 'vitest';
import { validateRuleSetFiles } from '../../../functions/rules/validate.js';
import { editJson, exampleFiles } from './example-rules.js';

type Json = Record<string, unknown>;
const steps = (campaign: Json) => campaign.steps as Json[];

describe('validateRuleSetFiles', () => {
  let files: Record<string, string>;

  beforeEach(async () => {
    files = await exampleFiles();
  });

  it('accepts the example rules and applies the defaults', () => {
    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ruleSet.campaigns.map((campaign) => campaign.id).sort()).toEqual([
      'cart-recall',
      'win-back',
      'win-back-vip',
    ]);
    expect(result.ruleSet.offers['cart-spend-save']).toMatchObject({
      id: 'cart-spend-save',
      validFor: 'P3D',
    });
  });

  it('suggests the intended name for a misspelt key deep inside a campaign', () => {
    editJson(files, 'campaigns/cart-recall.json', (campaign) => {
      const step = steps(campaign)[1]!;
      step.templat = step.template;
      delete step.template;
    });

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'campaigns/cart-recall.json',
        path: '$.steps[1].templat',
        message: '"templat" is not a setting here; did you mean "template"?',
      },
    ]);
  });

  it('suggests holdoutPercent for holdoutPercnt and lists the allowed names when nothing is close', () => {
    editJson(files, 'campaigns/win-back.json', (campaign) => {
      campaign.holdoutPercnt = 10;
      delete campaign.holdoutPercent;
    });
    editJson(files, 'settings.json', (settings) => {
      (settings.quietHours as Json).timezone = 'UTC';
    });

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'campaigns/win-back.json',
        path: '$.holdoutPercnt',
        message: '"holdoutPercnt" is not a setting here; did you mean "holdoutPercent"?',
      },
      {
        file: 'settings.json',
        path: '$.quietHours.timezone',
        message: '"timezone" is not a setting here; allowed here: start, end',
      },
    ]);
  });

  it('refuses broken JSON with the file, line and column', () => {
    files['offers/free-shipping.json'] = '{\n  "kind": "free_shipping",\n  "shippingCost": 800,\n}\n';

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'offers/free-shipping.json',
        path: '$',
        line: 3,
        column: 22,
        message:
          'broken JSON at line 3, column 22: remove the comma before }: JSON does not allow a trailing comma',
      },
    ]);
  });

  it('refuses a negative amount', () => {
    editJson(files, 'offers/win-back-amount-off.json', (offer) => {
      offer.amount = -500;
    });

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'offers/win-back-amount-off.json',
        path: '$.amount',
        message: 'must not be negative (found -500)',
      },
    ]);
  });

  it('refuses an amount written as a fraction of the currency', () => {
    editJson(files, 'settings.json', (settings) => {
      (settings.budget as Json).monthly = 1000.5;
    });

    const result = validateRuleSetFiles(files);

    expect(result.problems[0]).toMatchObject({ file: 'settings.json', path: '$.budget.monthly' });
    expect(result.problems[0]?.message).toMatch(/whole number of cents/);
  });

  it('refuses a template without its zh-CN version', () => {
    for (const extension of ['json', 'html', 'txt']) delete files[`templates/win-back/zh-CN.${extension}`];

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'templates/win-back/',
        path: '$',
        message: 'has no zh-CN version: add templates/win-back/zh-CN.json, zh-CN.html and zh-CN.txt',
      },
    ]);
  });

  it('names the missing file when one part of a template is absent', () => {
    delete files['templates/cart-reminder-1/en.txt'];

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      { file: 'templates/cart-reminder-1/en.txt', path: '$', message: 'this file is missing' },
    ]);
  });

  it('refuses a reference to an offer that does not exist', () => {
    editJson(files, 'campaigns/cart-recall.json', (campaign) => {
      steps(campaign)[1]!.offer = 'cart-percent-51';
    });

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'campaigns/cart-recall.json',
        path: '$.steps[1].offer',
        message:
          'refers to offer "cart-percent-51", which does not exist (no file offers/cart-percent-51.json)',
      },
    ]);
  });

  it('does not blame a reference when the offer file exists but is broken JSON', () => {
    files['offers/cart-percent-15.json'] = '{ "kind": ';

    const result = validateRuleSetFiles(files);

    expect(result.problems.map((problem) => problem.file)).toEqual(['offers/cart-percent-15.json']);
  });

  it('refuses a first cart reminder sooner than one hour and delays that do not increase', () => {
    editJson(files, 'campaigns/cart-recall.json', (campaign) => {
      steps(campaign)[0]!.delay = 'PT30M';
      steps(campaign)[2]!.delay = 'PT24H';
    });

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'campaigns/cart-recall.json',
        path: '$.steps[0].delay',
        message:
          'the first cart reminder must wait at least 1 hour (PT1H), not 30 minutes: customers are often still shopping',
      },
      {
        file: 'campaigns/cart-recall.json',
        path: '$.steps[2].delay',
        message:
          'must be later than the step before it (PT24H); delays count from the same starting point, so each must be larger',
      },
    ]);
  });

  it('refuses a holdout above 50 percent and a delay that is not a duration', () => {
    editJson(files, 'campaigns/win-back.json', (campaign) => {
      campaign.holdoutPercent = 60;
      steps(campaign)[1]!.delay = '7 days';
    });

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'campaigns/win-back.json',
        path: '$.holdoutPercent',
        message:
          'must be at most 50: more than half the customers held out leaves too few to reach (found 60)',
      },
      {
        file: 'campaigns/win-back.json',
        path: '$.steps[1].delay',
        message:
          'must be a duration such as PT4H (4 hours), PT30M (30 minutes) or P3D (3 days) (found "7 days")',
      },
    ]);
  });

  it('refuses a percent offer without maxDiscount, explaining why, where it is defined and where it is used', () => {
    editJson(files, 'offers/cart-percent-15.json', (offer) => {
      delete offer.maxDiscount;
    });

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'campaigns/cart-recall.json',
        path: '$.steps[1].offer',
        message:
          'offer "cart-percent-15" is a percent offer without maxDiscount; a campaign with a budget needs it to know the most one coupon can cost',
      },
      {
        file: 'offers/cart-percent-15.json',
        path: '$.maxDiscount',
        message:
          '"maxDiscount" is missing: a percent-off offer needs a cap on its discount in cents (e.g. 2000 for 20.00) so the budget can reserve the most one coupon can cost',
      },
    ]);
  });

  it('refuses an unknown offer kind by listing the kinds', () => {
    editJson(files, 'offers/free-shipping.json', (offer) => {
      offer.kind = 'free-shipping';
    });

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'offers/free-shipping.json',
        path: '$.kind',
        message:
          'must be one of percent_off, amount_off, spend_threshold, free_shipping (found "free-shipping")',
      },
    ]);
  });

  it('refuses a misspelt template variable and unescaped output, with the line', () => {
    files['templates/win-back/en.html'] = '<p>Hi {{customer.firstNme}}</p>\n<p>{{{coupon.code}}}</p>\n';

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'templates/win-back/en.html',
        path: '$',
        message:
          'line 1: {{customer.firstNme}} is not a known variable; did you mean {{customer.firstName}}?',
      },
      {
        file: 'templates/win-back/en.html',
        path: '$',
        message:
          'line 2: {{{coupon.code}}} and {{& coupon.code}} print without escaping; use {{coupon.code}}',
      },
    ]);
  });

  it('reports every problem of a folder in one run, sorted by file', () => {
    files['settings.json'] = files['settings.json']!.replace('"currency": "USD",', '"currency": "USD"');
    editJson(files, 'offers/free-shipping.json', (offer) => {
      offer.shippingCost = -1;
    });
    editJson(files, 'campaigns/win-back-vip.json', (campaign) => {
      campaign.enabeld = true;
    });

    const result = validateRuleSetFiles(files);

    expect(result.problems.map((problem) => `${problem.file} ${problem.path}`)).toEqual([
      'campaigns/win-back-vip.json $.enabeld',
      'offers/free-shipping.json $.shippingCost',
      'settings.json $',
    ]);
    expect(result.problems[2]).toMatchObject({
      line: 11,
      column: 20,
      message:
        'broken JSON at line 11, column 20: a comma is missing at the end of this entry (or a } to close it)',
    });
  });

  it('refuses a file that does not belong in a rules folder and an id inside an offer file', () => {
    files['offers.json'] = '{}';
    editJson(files, 'offers/free-shipping.json', (offer) => {
      offer.id = 'free-shipping';
    });

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'offers.json',
        path: '$',
        message: expect.stringContaining('this file is not part of the rules'),
      },
      {
        file: 'offers/free-shipping.json',
        path: '$.id',
        message: '"id" is not a setting here: the file name is the id',
      },
    ]);
  });

  it('asks for settings.json when it is missing', () => {
    delete files['settings.json'];

    const result = validateRuleSetFiles(files);

    expect(result.problems).toEqual([
      {
        file: 'settings.json',
        path: '$',
        message: 'this file is missing: every rules folder needs settings.json',
      },
    ]);
  });
});
