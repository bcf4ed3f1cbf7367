import { describe, expect, it } from 'vitest';
import { createConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    createConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('research configuration', () => {
  it('is off without a key, and on with only the key, with the documented defaults', () => {
    expect(createConfig({}).research.apiKey, 'no key, no research').toBeUndefined();
    const on = createConfig({ ANTHROPIC_API_KEY: 'sk-ant-api03-x' }).research;
    expect([on.model, on.maxTokens, on.output, on.effort, on.dailyBudgetUsd, on.dailyTokenBudget], 'the README defaults').toEqual(['claude-sonnet-5-5', 4000, 'structured', 'medium', '2', 300_000]);
    expect(on.prices['claude-sonnet-5-5'], 'the built-in price of the default model').toEqual({ input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 });
    expect(createConfig({ RESEARCH_EFFORT: 'model' }).research.effort, "model: the model's own default, nothing sent").toBeUndefined();
  });

  it('lays RESEARCH_PRICES over the table and keeps the rest', () => {
    const prices = createConfig({ RESEARCH_PRICES: '{"my-gateway-model":{"input":1,"output":4,"cacheWrite":1.25,"cacheRead":0.1},"claude-haiku-4-5":{"input":0.8,"output":4,"cacheWrite":1,"cacheRead":0.08}}' }).research.prices;
    expect(prices['my-gateway-model'], 'a new model').toEqual({ input: 1, output: 4, cacheWrite: 1.25, cacheRead: 0.1 });
    expect(prices['claude-haiku-4-5']?.input, 'an override').toBe(0.8);
    expect(prices['claude-opus-5-5']?.input, 'the others as they were').toBe(4);
  });

  it.each([
    [{ ANTHROPIC_BASE_URL: 'ftp://gateway' }, 'ANTHROPIC_BASE_URL'],
    [{ RESEARCH_MODEL: 'claude sonnet' }, 'RESEARCH_MODEL'],
    [{ RESEARCH_MAX_TOKENS: '100' }, 'RESEARCH_MAX_TOKENS'],
    [{ RESEARCH_MAX_TOKENS: 'lots' }, 'RESEARCH_MAX_TOKENS'],
    [{ RESEARCH_OUTPUT: 'xml' }, 'RESEARCH_OUTPUT'],
    [{ RESEARCH_EFFORT: 'extreme' }, 'RESEARCH_EFFORT'],
    [{ RESEARCH_DAILY_BUDGET_USD: '$2' }, 'RESEARCH_DAILY_BUDGET_USD'],
    [{ RESEARCH_DAILY_TOKEN_BUDGET: '-5' }, 'RESEARCH_DAILY_TOKEN_BUDGET'],
    [{ RESEARCH_PRICES: '{not json' }, 'RESEARCH_PRICES'],
    [{ RESEARCH_PRICES: '{"m":{"input":1,"output":4}}' }, 'RESEARCH_PRICES'],
    [{ RESEARCH_PRICES: '[1]' }, 'RESEARCH_PRICES'],
    [{ RESEARCH_PRICES: '{"m":{"input":1,"output":4,"cacheWrite":1,"cacheRead":0.1,"batch":0.5}}' }, 'RESEARCH_PRICES'],
  ])('reports %o on one line naming %s with an example, and starts nothing', (env, name) => {
    const problems = problemsOf(env);
    expect(problems, 'exactly one problem for one bad variable').toHaveLength(1);
    expect(problems[0], 'the line starts with the variable').toMatch(new RegExp(`^${name}: `));
    expect(problems[0], 'the line shows a good value').toContain(`for example ${name}=`);
  });

  it('says which model and field of RESEARCH_PRICES is wrong, in words', () => {
    expect(problemsOf({ RESEARCH_PRICES: '{"m":{"input":1,"output":4}}' })[0], 'the model, the field, what to give').toMatch(/^RESEARCH_PRICES: "m" cacheWrite is missing: give each model input, output, cacheWrite and cacheRead in USD per million tokens/);
    expect(problemsOf({ RESEARCH_PRICES: '{"m":{"input":"1","output":4,"cacheWrite":1,"cacheRead":0.1}}' })[0], 'a number, not text').toMatch(/^RESEARCH_PRICES: "m" input must be a number:/);
  });
});
