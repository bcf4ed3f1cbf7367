import { describe, expect, it } from 'vitest';
import { OWNER, STRANGER, VIEWER, createTestBot } from '../helpers/test-bot.js';
import { waitFor } from '../helpers/wait-for.js';

describe('/alerts', () => {
  it('shows and changes quiet hours and per-type modes of the chat, durably', async () => {
    const h = createTestBot();
    expect((await h.say('/alerts')).text, 'the settings as they are').toContain('Quiet hours: off');
    expect((await h.say('/alerts quiet 22-7 Europe/Berlin')).text, 'quiet hours set, hours on two digits').toContain('Quiet hours: 22:00–07:00 Europe/Berlin');
    expect((await h.say('/alerts job_stale silent')).text, 'a type set, quiet hours kept').toContain('Types: job_stale silent');
    expect(h.document.data.alerts.chats[String(OWNER)], 'stored in the store file').toEqual({
      quietHours: { startHour: 22, endHour: 7, tz: 'Europe/Berlin' },
      types: { job_stale: 'silent' },
    });
    expect((await h.say('/alerts quiet off')).text, 'quiet hours off again').toContain('Quiet hours: off');
  });

  it.each([
    ['/alerts quiet 25-3', 'Quiet hours are START-END'],
    ['/alerts quiet 7-7', 'Quiet hours are START-END'],
    ['/alerts quiet 22-7 Mars/Olympus', 'is not a time zone'],
    ['/alerts job_stale loud', 'Usage: /alerts'],
    ['/alerts nonsense', 'is neither "quiet" nor an alert type'],
    ['/alerts nosuchtype silent', 'The types: halt_incomplete, order_unresolved, reconcile_mismatch,'],
  ])('%s → a clear error and nothing changed', async (line, expected) => {
    const h = createTestBot();
    expect((await h.say(line)).text, 'says what is wrong').toContain(expected);
    expect(h.document.data.alerts.chats[String(OWNER)], 'nothing stored').toBeUndefined();
  });

  it('an unknown alert type is refused with the valid types, and nothing is stored', async () => {
    const h = createTestBot();
    const answer = (await h.say('/alerts nosuchtype silent')).text;
    expect(answer, 'names the word and lists every type').toBe(
      '"nosuchtype" is neither "quiet" nor an alert type. The types: halt_incomplete, order_unresolved, reconcile_mismatch, breaker_open, breaker_closed, job_failed, job_stale, job_recovered, health_condition, health_condition_cleared, daily_health_summary, threshold_reverted, approval_rate_out_of_band, webhook_failed, webhook_paused, research_budget_spent, research_billing, research_authentication, research_permission, research_invalid_request.',
    );
    expect(h.document.data.alerts.chats[String(OWNER)], 'nothing stored').toBeUndefined();
  });

  it('is for the owner', async () => {
    const h = createTestBot();
    expect((await h.say('/alerts quiet 22-7', VIEWER)).text, 'refused, naming the role').toBe('/alerts needs the owner role; you are viewer.');
  });
});

describe('CRITICAL alerts and Acknowledge', () => {
  it('carries an Acknowledge button; a stranger’s press does nothing, a viewer’s acknowledges and is recorded', async () => {
    const h = createTestBot();
    h.alerts.start();
    await h.alerts.raise({ severity: 'CRITICAL', type: 'broker_down', title: 'Broker <paper> unreachable' });
    await waitFor(() => h.calls.some((c) => c.method === 'sendMessage' && String(c.payload.text).includes('CRITICAL')), 'the CRITICAL message');
    const message = h.calls.find((c) => c.method === 'sendMessage' && String(c.payload.text).includes('CRITICAL'));
    expect(message?.payload.chat_id, 'to the owner').toBe(OWNER);
    expect(String(message?.payload.text), 'outside text is escaped').toContain('Broker &lt;paper&gt; unreachable');
    const button = (message?.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat()[0];
    expect(button?.text, 'the button').toContain('Acknowledge');

    expect((await h.press(button?.callback_data ?? '', STRANGER)).calls, 'a stranger gets nothing and changes nothing').toEqual([]);
    expect(h.alerts.pending().awaitingAcknowledgement, 'still awaiting acknowledgement').toBe(1);

    await h.press(button?.callback_data ?? '', VIEWER);
    expect(h.alerts.pending().awaitingAcknowledgement, 'acknowledged').toBe(0);
    expect(JSON.stringify(h.document.data.alerts), 'who acknowledged is recorded').toContain(String(VIEWER));
    h.alerts.stop();
  });
});
