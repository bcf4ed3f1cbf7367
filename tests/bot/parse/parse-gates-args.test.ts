import { describe, expect, it } from 'vitest';
import { parseGatesArgs } from '../../../src/bot/parse/parse-gates-args.js';

describe('parseGatesArgs', () => {
  it('defaults to the last 500 decisions', () => {
    expect(parseGatesArgs(''), 'the default').toEqual({ ok: true, value: 500 });
    expect(parseGatesArgs(' 200 '), 'a number').toEqual({ ok: true, value: 200 });
  });

  it.each(['abc', '0', '-5', '1.5', '100001', '1e3', '5 6'])('%s → a clear error', (text) => {
    expect(parseGatesArgs(text), 'quotes the input and gives the range').toEqual({
      ok: false,
      error: `"${text.trim()}" is not a number of decisions: give a whole number from 1 to 100000, e.g. /gates 200.`,
    });
  });
});
