import { describe, expect, it } from 'vitest';
import { parsePnlArgs, PNL_USAGE } from '../../../src/bot/parse/parse-pnl-args.js';

const accounts = ['paper', 'swing'];

describe('parsePnlArgs', () => {
  it('takes a period and an account in either order, any case, with or without @', () => {
    expect(parsePnlArgs('', accounts), 'today, every account').toEqual({ ok: true, value: { window: 'today', accountId: undefined } });
    expect(parsePnlArgs('30D', accounts), 'a period in capitals').toEqual({ ok: true, value: { window: '30d', accountId: undefined } });
    expect(parsePnlArgs('Swing all', accounts), 'the account first').toEqual({ ok: true, value: { window: 'all', accountId: 'swing' } });
    expect(parsePnlArgs(' @paper   7d ', accounts), '@account and extra blanks').toEqual({ ok: true, value: { window: '7d', accountId: 'paper' } });
  });

  it.each([
    ['9d', '"9d" is neither a period (today, 7d, 30d, all) nor an account (paper, swing).'],
    ['today 7d', 'Give one period, not two.'],
    ['paper swing', 'Give one account, or none for all of them.'],
    ['7d paper extra', 'Too many arguments.'],
  ])('%s → says what is wrong, then the usage', (text, error) => {
    expect(parsePnlArgs(text, accounts), 'the error and the valid forms').toEqual({ ok: false, error: `${error} ${PNL_USAGE}` });
  });

  it('shortens a long unknown word in the error', () => {
    const result = parsePnlArgs('x'.repeat(100), accounts);
    expect(result.ok === false && result.error.startsWith(`"${'x'.repeat(32)}…" is neither`), 'quoted, cut at 32 characters').toBe(true);
  });
});
