import { describe, expect, it } from 'vitest';
import { parseRunArgs } from '../../../src/bot/parse/parse-run-args.js';

const jobs = ['scan', 'check_orders'];

describe('parseRunArgs', () => {
  it('names one job, in any case', () => {
    expect(parseRunArgs(' Scan ', jobs), 'normalized').toEqual({ ok: true, value: 'scan' });
  });

  it.each([
    ['', 'Name the job, e.g. /run scan. Jobs: scan, check_orders.'],
    ['nope', 'Unknown job "nope". Jobs: scan, check_orders.'],
    ['scan check_orders', 'Name one job (got "scan check_orders"). Jobs: scan, check_orders.'],
  ])('%s → a clear error with the jobs there are', (text, error) => {
    expect(parseRunArgs(text, jobs), 'what was wrong and the jobs').toEqual({ ok: false, error });
  });
});
