import { describe, expect, it } from 'vitest';
import { parseUpdate } from '../../src/server/parse-update.js';

const parse = (text: string): unknown => parseUpdate(Buffer.from(text, 'utf8'));

describe('parseUpdate', () => {
  it('returns the update when update_id is an integer', () => {
    expect(parse('{"update_id": 7, "message": {"text": "hi"}}'), 'the whole object is kept').toEqual({
      update_id: 7,
      message: { text: 'hi' },
    });
  });

  it.each([
    ['invalid JSON', '{"update_id": 7'],
    ['an empty body', ''],
    ['null', 'null'],
    ['a number', '7'],
    ['an array', '[{"update_id": 7}]'],
    ['no update_id', '{"message": {}}'],
    ['a string update_id', '{"update_id": "7"}'],
    ['a fractional update_id', '{"update_id": 7.5}'],
    ['an unsafe integer update_id', '{"update_id": 9007199254740993}'],
  ])('returns undefined for %s', (_name, text) => {
    expect(parse(text), 'not an update the deduper can key on').toBeUndefined();
  });
});
