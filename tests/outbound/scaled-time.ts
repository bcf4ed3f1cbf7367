import type { Timers } from '../../src/outbox/timers.js';

/**
 * Time that runs `factor` times faster than the wall clock, for the delivery loop's clock
 * and backoff timers while the HTTP underneath stays real: a 60 s outage with 5-40 s
 * retries takes 0.6 s at ×100.
 */
export function createScaledTime(factor: number, start = Date.now()) {
  const realStart = Date.now();
  const nowMs = () => start + (Date.now() - realStart) * factor;
  const timers: Timers = {
    setTimeout: (run, ms) => setTimeout(run, Math.max(0, ms / factor)),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  return { clock: () => new Date(nowMs()), nowMs, timers, sleep: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms / factor)) };
}
