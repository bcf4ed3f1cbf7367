import { describe, expect, it } from 'vitest';
import { parseScanArgs } from '../../../src/bot/parse/parse-scan-args.js';

const accounts = ['steady', 'spicy'];

describe('parseScanArgs', () => {
  it('scans every account, or the one named (with or without @)', () => {
    expect(parseScanArgs('', accounts), 'every account').toEqual({ ok: true, value: { accountId: undefined } });
    expect(parseScanArgs('SPICY', accounts), 'any case').toEqual({ ok: true, value: { accountId: 'spicy' } });
    expect(parseScanArgs('@steady', accounts), 'as @account').toEqual({ ok: true, value: { accountId: 'steady' } });
  });

  it.each([
    ['nope', 'Unknown account "nope": choose one of steady, spicy.'],
    ['steady spicy', 'Name one account or none (got "steady spicy"). Usage: /scan [account]'],
  ])('%s → a clear error', (text, error) => {
    expect(parseScanArgs(text, accounts), 'names the accounts there are').toEqual({ ok: false, error });
  });
});
