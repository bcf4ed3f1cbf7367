import { describe, expect, it } from 'vitest';
import { createSecretTokenCheck } from '../../src/server/check-secret-token.js';

describe('createSecretTokenCheck', () => {
  const isValid = createSecretTokenCheck('s3cret_TOKEN-1');

  it('accepts exactly the secret', () => {
    expect(isValid('s3cret_TOKEN-1'), 'the configured secret passes').toBe(true);
  });

  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    ['a different secret of the same length', 's3cret_TOKEN-2'],
    ['a prefix of the secret', 's3cret'],
    ['the secret with a suffix', 's3cret_TOKEN-1x'],
    ['a different case', 'S3CRET_TOKEN-1'],
    ['an array of headers', ['s3cret_TOKEN-1']],
  ])('refuses %s', (_name, header) => {
    expect(isValid(header), 'only the exact secret passes').toBe(false);
  });

  it('refuses to build a check for an empty secret', () => {
    expect(() => createSecretTokenCheck(''), 'an empty secret would admit everyone').toThrow(/must not be empty/);
  });
});
