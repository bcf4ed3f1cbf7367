import { describe, expect, it } from 'vitest';
import { parseResearchArgs } from '../../../src/bot/parse/parse-research-args.js';

const accounts = ['steady', 'spicy'];

describe('parseResearchArgs', () => {
  it.each([
    ['', { action: 'run' }],
    ['run', { action: 'run' }],
    ['steady', { action: 'run', accountId: 'steady' }],
    ['@Spicy btc/usdt eth/usdt', { action: 'run', accountId: 'spicy', symbols: ['BTC/USDT', 'ETH/USDT'] }],
    ['run steady AAPL, MSFT AAPL', { action: 'run', accountId: 'steady', symbols: ['AAPL', 'MSFT'] }],
    ['aapl', { action: 'run', symbols: ['AAPL'] }],
    ['cost', { action: 'cost' }],
    ['STATS', { action: 'stats' }],
  ])('reads %j', (text, value) => {
    expect(parseResearchArgs(text, accounts), 'the action the registry gated').toEqual({ ok: true, value });
  });

  it.each([
    ['cost today', '/research cost takes nothing after it.'],
    ['@nobody', 'Unknown account "nobody"'],
    ['steady $$$', 'is not a symbol like AAPL or BTC/USDT.'],
  ])('refuses %j with a sentence', (text, part) => {
    const parsed = parseResearchArgs(text, accounts);
    expect(!parsed.ok && parsed.error, 'says what was wrong').toContain(part);
  });
});
