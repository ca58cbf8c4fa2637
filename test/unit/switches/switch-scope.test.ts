import { describe, expect, it } from 'vitest';
import { switchScopeOf } from '../../../cli/commands/pause.js';
import { switchesForCampaign, switchScopeSchema } from '../../../functions/switches/switch-scope.js';

describe('switch scopes', () => {
  it('accepts global, channel:email and campaign switches, and nothing else', () => {
    const valid = ['global', 'channel:email', 'campaign:spring-sale'];
    const invalid = ['Global', 'channel:sms', 'campaign:', 'campaign:Spring', 'everything'];

    expect(valid.map((scope) => switchScopeSchema.safeParse(scope).success)).toEqual([true, true, true]);
    expect(invalid.map((scope) => switchScopeSchema.safeParse(scope).success)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('reads a bare campaign id on the command line as that campaign', () => {
    expect(switchScopeOf('spring-sale')).toBe('campaign:spring-sale');
    expect(switchScopeOf('channel:email')).toBe('channel:email');
    expect(() => switchScopeOf('channel:sms')).toThrow(/not a campaign id or a switch/);
  });

  it('needs the global, email and campaign switches all active for a campaign to spend', () => {
    expect(switchesForCampaign('recall')).toEqual(['global', 'channel:email', 'campaign:recall']);
  });
});
