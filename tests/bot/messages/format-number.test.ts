import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatSignedMoney,
  quoteCurrencies,
  quoteCurrencyOf,
} from '../../../src/bot/messages/format-number.js';
import { countOf, withArticle } from '../../../src/engine/text/count-of.js';

describe('the number formatter', () => {
  it('shows prices at the tick with thousands separators, so 68238.18 and 68,382.7 never sit side by side', () => {
    expect(formatPrice('68238.18', '0.01'), 'grouped').toBe('68,238.18');
    expect(formatPrice('68382.7', '0.01'), 'the tick decides the decimals, trailing zero kept').toBe('68,382.70');
    expect(formatPrice('0.000012345', '0.00000001'), 'a small tick').toBe('0.00001235');
    expect(formatPrice('187.5'), 'no tick known: two decimals from 1 up').toBe('187.50');
    expect(formatPrice('0.123456'), 'below 1: four significant digits').toBe('0.1235');
    expect(formatPrice('0.00001234'), 'far below 1 still shows its digits').toBe('0.00001234');
  });

  it('never writes a quantity in exponent notation nor rounds a real amount to 0', () => {
    expect(formatQuantity(1e-9), 'size 1e-9 was shown before').toBe('0.000000001');
    expect(formatQuantity('1234.5'), 'grouped').toBe('1,234.5');
    expect(formatQuantity('0.0100', 5), 'no trailing zeros').toBe('0.01');
    expect(formatQuantity('-0.000000001', 2), 'the sign of a tiny negative stays').toBe('-0.000000001');
    expect(formatQuantity('0'), 'zero').toBe('0');
  });

  it('shows money with two decimals and its currency', () => {
    expect(formatMoney('1250', 'USDT'), 'with currency').toBe('1,250.00 USDT');
    expect(formatMoney('0.6997'), 'without').toBe('0.70');
    expect(formatMoney('0.001441', 'USDT'), 'an amount under a cent is not 0.00').toBe('0.0014 USDT');
    expect(formatMoney('0'), 'zero stays plain').toBe('0.00');
    expect(formatSignedMoney('-1.049', 'USD'), 'signed loss').toBe('-1.05 USD');
    expect(formatSignedMoney('-0.001'), 'rounds to zero: no minus sign').toBe('+0.00');
    expect(formatSignedMoney('12345.678'), 'signed gain, grouped').toBe('+12,345.68');
  });

  it('keeps absurd percentages readable instead of 6.8e+27%', () => {
    expect(formatPercent(6.8e25), 'a share of a near-zero equity').toBe('> 10,000%');
    expect(formatPercent(-3e9), 'and the other way').toBe('< -10,000%');
    expect(formatPercent(0.4567), 'one decimal by default').toBe('45.7%');
    expect(formatPercent(12.3456, 0), 'grouped when large').toBe('1,235%');
    expect(formatPercent(Number.NaN), 'no number: a dash').toBe('—');
    expect([formatPercent(0.0000119), formatPercent(-0.0000119), formatPercent(0)], 'a tiny share is not 0.0%').toEqual(['< 0.1%', '> -0.1%', '0.0%']);
  });

  it('knows the quote currency of a symbol', () => {
    expect(quoteCurrencyOf('BTC/USDT'), 'a crypto pair').toBe('USDT');
    expect(quoteCurrencyOf('AAPL'), 'a US stock').toBe('USD');
    expect(quoteCurrencies(['BTC/USDT', 'AAPL', 'ETH/USDT']), 'each once, sorted').toEqual(['USD', 'USDT']);
  });

  it('says 1 symbol and 2 symbols, an order and a symbol', () => {
    expect([countOf(1, 'symbol'), countOf(2, 'symbol'), countOf(1, 'series', 'series'), countOf(1200, 'bar')], 'plurals').toEqual(['1 symbol', '2 symbols', '1 series', '1,200 bars']);
    expect([withArticle('order'), withArticle('account'), withArticle('symbol')], 'articles').toEqual(['an order', 'an account', 'a symbol']);
  });
});
