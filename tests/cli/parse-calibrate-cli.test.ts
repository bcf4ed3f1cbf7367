import { describe, expect, it } from 'vitest';
import { parseCalibrateCli } from '../../src/cli/parse-calibrate-cli.js';

describe('npm run calibrate: the command line', () => {
  it('defaults to the simulated market the built-in table came from', () => {
    expect(parseCalibrateCli([]), 'seed 42, history up to 2026-01-01').toEqual({ ok: true, command: { kind: 'simulated', seed: 42, end: new Date('2026-01-01T00:00:00Z'), typescript: false } });
    expect(parseCalibrateCli(['--seed', '7', '--end', '2026-07-01', '--typescript']), 'another seed and end').toEqual({ ok: true, command: { kind: 'simulated', seed: 7, end: new Date('2026-07-01T00:00:00Z'), typescript: true } });
  });

  it('reads --bars with an optional venue and --save', () => {
    expect(parseCalibrateCli(['--bars', '--venue', 'sim', '--save']), 'the user\'s bars').toEqual({ ok: true, command: { kind: 'bars', venue: 'sim', save: true, typescript: false } });
    expect(parseCalibrateCli(['--help']), 'help is not an error').toEqual({ ok: true, command: { kind: 'help' } });
  });

  it('reports every problem at once', () => {
    expect(parseCalibrateCli(['--seed', 'x', '--end', 'May', '--save']), 'three problems').toEqual({
      ok: false,
      problems: ['--venue and --save go with --bars', '--seed must be a whole number, got "x"', '--end must be a day as YYYY-MM-DD, got "May"'],
    });
    expect(parseCalibrateCli(['--bars', '--seed', '7']), 'a seed means the simulated market').toEqual({ ok: false, problems: ['--seed and --end are for the simulated market, not with --bars'] });
    expect(parseCalibrateCli(['--nope']).ok, 'an unknown option').toBe(false);
  });
});
