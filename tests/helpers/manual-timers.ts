import type { QuestionTimers } from '../../src/bot/conversations/question-deadlines.js';

/**
 * Timers a test moves by hand, for one component: global fake timers would also stop the
 * zero-delay timers the conversations plugin replays with.
 */
export function createManualTimers(): QuestionTimers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let sequence = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  return {
    setTimeout(run, ms) {
      due.set(++sequence, { at: now + ms, run });
      return sequence;
    },
    clearTimeout: (handle) => void due.delete(handle as number),
    advance(ms) {
      now += ms;
      const ready = [...due].filter(([, timer]) => timer.at <= now).sort(([, a], [, b]) => a.at - b.at);
      for (const [handle, timer] of ready) {
        due.delete(handle);
        timer.run();
      }
    },
    pending: () => due.size,
  };
}
