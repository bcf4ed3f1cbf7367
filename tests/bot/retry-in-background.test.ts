import { GrammyError } from 'grammy';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { retryInBackground } from '../../src/bot/retry-in-background.js';

function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) });
  return { logger, lines };
}

function failingTimes(n: number, error: () => Error = () => new Error('Bad Gateway')) {
  let calls = 0;
  const attempt = () => {
    calls += 1;
    return calls <= n ? Promise.reject(error()) : Promise.resolve();
  };
  return { attempt, calls: () => calls };
}

describe('retryInBackground', () => {
  it('retries after each failure with a warning, until it succeeds', async () => {
    const { logger, lines } = recordingLogger();
    const work = failingTimes(2);
    const retry = retryInBackground({ what: 'Setting the menu', attempt: work.attempt, logger, delaysMs: [10, 10, 10] });
    expect(await retry.settled, 'the third attempt went through').toBe('succeeded');
    expect(work.calls(), 'two failures, one success').toBe(3);
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg), 'each failure is a warning').toEqual([
      'Setting the menu failed; retrying in the background',
      'Setting the menu failed; retrying in the background',
    ]);
  });

  it('gives up once the delays are used up', async () => {
    const { logger, lines } = recordingLogger();
    const work = failingTimes(Number.POSITIVE_INFINITY);
    const retry = retryInBackground({ what: 'Setting the menu', attempt: work.attempt, logger, delaysMs: [5, 5] });
    expect(await retry.settled, 'bounded: no endless retries against a server without the method').toBe('gave_up');
    expect(work.calls(), 'the first try and one per delay').toBe(3);
    expect(lines.at(-1)?.msg, 'the last line says it gave up').toBe('Setting the menu failed; giving up until the next start');
  });

  it('honours a longer wait the failure asks for', async () => {
    const { logger } = recordingLogger();
    const tooMany = () => new GrammyError('Too Many Requests', { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 0.2 } }, 'setMyCommands', {});
    const work = failingTimes(1, tooMany);
    const started = performance.now();
    const retry = retryInBackground({
      what: 'Setting the menu',
      attempt: work.attempt,
      logger,
      delaysMs: [5],
      retryAfterMs: (error) => (error instanceof GrammyError ? (error.parameters.retry_after ?? 0) * 1000 : undefined),
    });
    expect(await retry.settled).toBe('succeeded');
    expect(performance.now() - started, 'waited retry_after (200 ms), not the 5 ms backoff').toBeGreaterThanOrEqual(190);
  });

  it('stops at once during a wait and aborts an attempt in flight', async () => {
    const { logger } = recordingLogger();
    const waiting = retryInBackground({ what: 'x', attempt: () => Promise.reject(new Error('down')), logger, delaysMs: [60_000] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    expect(await waiting.stop(), 'a stop during the minute-long wait').toBe('stopped');
    expect(performance.now() - started, 'without waiting it out').toBeLessThan(100);

    let sawAbort = false;
    const hanging = retryInBackground({
      what: 'x',
      attempt: (signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(new Error('aborted'));
          }),
        ),
      logger,
      delaysMs: [10],
    });
    expect(await hanging.stop(), 'a stop during a hanging attempt').toBe('stopped');
    expect(sawAbort, 'the attempt was told to stop').toBe(true);
  });
});
