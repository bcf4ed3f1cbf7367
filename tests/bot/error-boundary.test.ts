import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/errors.js';
import { createTestBot } from '../helpers/test-bot.js';

/** A bot whose engine fails while building /status. */
function failingBot(error: Error) {
  return createTestBot({}, { failStatusWith: error });
}

describe('error boundary', () => {
  it('logs the failure with context and tells the user a reference, never the internals', async () => {
    const h = failingBot(new Error('internal detail at /srv/app.ts:42'));
    const { texts } = await h.say('/status');
    expect(texts, 'one message').toHaveLength(1);
    expect(texts[0], 'a reference to quote').toMatch(/^Something went wrong on our side \(ref [0-9a-f]{8}\)\./);
    expect(texts[0], 'no internal detail').not.toContain('/srv/app.ts');
    const ref = /ref ([0-9a-f]{8})/.exec(texts[0] ?? '')?.[1];
    const errorLine = h.logLines.find((l) => l.includes('"update failed"'));
    expect(errorLine, 'the log line carries the same reference').toContain(`"cid":"${ref}"`);
    expect(errorLine, 'and the detail for the operator').toContain('internal detail');
  });

  it('shows the message of a user-facing error', async () => {
    const h = failingBot(new UserFacingError('The store is being moved; try again in a minute.'));
    expect((await h.say('/status')).texts, 'its own words, meant for the person').toEqual(['The store is being moved; try again in a minute.']);
  });

  it('tells the chat when a button fails', async () => {
    const { calls, texts } = await failingBot(new Error('nope')).press('nav:status');
    const methods = calls.map((c) => c.method);
    expect(methods[0], 'the button is answered at once').toBe('answerCallbackQuery');
    expect(methods.at(-1), 'then the failure is told in the chat').toBe('sendMessage');
    expect(texts[0], 'with a reference').toMatch(/^Something went wrong/);
  });
});
