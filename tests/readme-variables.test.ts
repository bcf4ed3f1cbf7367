import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { variables } from '../src/config-variables.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('documents every environment variable the bot reads', () => {
    const missing = Object.keys(variables).filter((name) => !README.includes(`\`${name}\``));
    expect(missing, 'variables the README never names').toEqual([]);
  });
});
