import { describe, expect, it } from 'vitest';
import { JOBS } from '../../schedules/index.js';
import { createResearchJob, RESEARCH_OFF, researchJob } from '../../schedules/research.js';
import type { JobDeps } from '../../src/jobs/job-deps.js';

const depsAt = (iso: string) => ({ clock: () => new Date(iso) }) as unknown as JobDeps;

describe('the research job', () => {
  it('is listed, and off, without a key', async () => {
    expect(JOBS.find((j) => j.name === 'research'), 'the default slot').toBe(researchJob);
    expect([researchJob.enabled, researchJob.description], 'off, saying what to set').toEqual([false, RESEARCH_OFF]);
    expect(RESEARCH_OFF, 'no internal wording').toBe('off: set ANTHROPIC_API_KEY');
    expect(await researchJob.run(depsAt('2026-11-20T13:00:00Z')), 'even when forced on, in words a trader reads').toBe('Research is off: set ANTHROPIC_API_KEY and restart.');
  });

  it('runs at 08:00 New York on NYSE trading days once a key is set', async () => {
    let runs = 0;
    const job = createResearchJob({ runScheduled: async () => `run ${++runs}` });
    expect([job.rule, job.tz, job.enabled], 'before the open, in New York time').toEqual(['0 8 * * 1-5', 'America/New_York', true]);
    expect(await job.run(depsAt('2026-11-20T13:00:00Z')), 'a Friday: it runs').toBe('run 1');
    expect(await job.run(depsAt('2026-11-26T13:00:00Z')), 'Thanksgiving: nothing to do').toBe('not an NYSE trading day');
  });
});
