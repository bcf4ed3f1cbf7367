import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../src/store/deep-freeze.js';
import { createDocumentStringifier } from '../../src/store/stringify-document.js';

describe('the store document serializer', () => {
  it('writes what JSON.stringify writes, undefined, functions, dates and odd keys included', () => {
    const stringify = createDocumentStringifier();
    const value = { a: 1, b: [1, undefined, 'x', { c: null }, () => 1], d: undefined, e: { 'f"g': 'h\n', n: -0.5e-7 }, at: new Date(0), f: () => 2, frozen: deepFreeze({ list: [{ z: true }] }) };
    expect(stringify(value).text).toBe(JSON.stringify(value));
    expect(stringify(value).text, 'the second time, from the cache where frozen').toBe(JSON.stringify(value));
    expect(stringify(undefined).text, 'as JSON.stringify(undefined)').toBeUndefined();
  });

  it('never reuses the text of an object that is frozen only on the outside', () => {
    const stringify = createDocumentStringifier();
    const inner = { n: 1 };
    const document = { record: Object.freeze({ inner }) };
    stringify(document);
    inner.n = 2;
    expect(stringify(document).text, 'the edit inside is written').toBe('{"record":{"inner":{"n":2}}}');
  });

  it('reuses the text of a record frozen all the way down', () => {
    const stringify = createDocumentStringifier();
    const record = deepFreeze({ id: 'p1', trace: { verdicts: [{ gate: 'cooldown' }] } });
    expect(stringify(record).sealed, 'sealed').toBe(true);
    expect(stringify({ record }).sealed, 'a container that is not frozen is not').toBe(false);
  });
});
