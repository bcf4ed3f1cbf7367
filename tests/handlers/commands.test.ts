import { describe, expect, it } from 'vitest';
import { badge } from '../../src/bot/messages/badge.js';
import { sentTexts } from '../helpers/record-api.js';
import { APPROVER, OWNER, VIEWER, createTestBot } from '../helpers/test-bot.js';
import { textUpdate } from '../helpers/updates.js';

describe('/start', () => {
  it('says what this is, the mode, the role, with PAPER badge and shortcut buttons', async () => {
    const { calls, texts } = await createTestBot().say('/start', APPROVER);
    expect(texts[0]).toContain('📄 <b>PAPER</b>');
    expect(texts[0]).toContain('Mode: <b>POLLING</b>');
    expect(texts[0]).toContain('Your role: <b>approver</b>');
    const markup = calls[0]?.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    expect(markup.inline_keyboard.flat().map((b) => b.callback_data), 'buttons carry only an opaque id').toEqual(['nav:help', 'nav:status']);
    expect(calls[0]?.payload.parse_mode).toBe('HTML');
  });

  it('escapes the user’s own name', async () => {
    const harness = createTestBot();
    const update = textUpdate(OWNER, '/start');
    update.message!.from.first_name = '<b>&Co';
    await harness.bot.handleUpdate(update);
    expect(sentTexts(harness.calls)[0], 'HTML in a name is shown as text').toContain('Hello &lt;b&gt;&amp;Co.');
  });
});

describe('/help', () => {
  it('lists only what the role may use', async () => {
    const viewer = (await createTestBot().say('/help', VIEWER)).texts[0] ?? '';
    const owner = (await createTestBot().say('/help', OWNER)).texts[0] ?? '';
    expect(viewer).toContain('/status');
    expect(viewer, 'a viewer does not see owner commands').not.toContain('/users');
    expect(owner).toContain('/users — Who may use this bot');
    expect(owner, 'the local #N hint only shows in local mode').not.toContain('#1');
  });

  it('describes every command in plain words, without the terms of the code', async () => {
    const owner = (await createTestBot().say('/help', OWNER)).text;
    for (const term of ['breaker', 'outbox', 'intent', 'shadow', 'dedupe', 'slot']) {
      expect(owner.toLowerCase(), `no "${term}" in /help`).not.toContain(term);
    }
    expect(owner, '/health says what it shows').toContain('/health — Jobs, connections, data freshness, alerts waiting to be sent, memory, event loop, heartbeat');
  });

  it('shows each sub-command the role may use, and which role one needs beyond its command', async () => {
    const viewer = (await createTestBot().say('/help', VIEWER)).text;
    const approver = (await createTestBot().say('/help', APPROVER)).text;
    expect(viewer, 'a viewer may list a watchlist').toContain('/watch list [@account] — Show a watchlist');
    expect(viewer, 'but is not offered to change one').not.toContain('/watch add');
    expect(approver, 'an approver is, with the role named').toContain('/watch add SYMBOL … [@account] — Add symbols to a watchlist (approver)');
    expect(approver, 'and remove too').toContain('/watch remove SYMBOL … [@account] — Remove symbols from a watchlist (approver)');
  });

  it('lists a command that works without its sub-commands before them', async () => {
    const owner = (await createTestBot().say('/help', OWNER)).text;
    expect(owner, '/webhooks alone shows the panel').toContain('/webhooks — Outgoing webhooks and incoming signals: backlog, last success and last failure\n/webhooks test ID — Send a test event to an endpoint now\n/webhooks resume ID');
  });
});

describe('/status', () => {
  it('shows mode, badge, uptime, version, store and pending work', async () => {
    const text = (await createTestBot().say('/status', VIEWER)).texts[0] ?? '';
    expect(text).toContain('📄 <b>PAPER</b> · <b>Status</b>');
    expect(text).toContain('Mode: <b>POLLING</b> · PAPER');
    expect(text).toContain('Version: 9.9.9');
    expect(text, 'uptime from the injected clock').toContain('Uptime: 1h 0m 0s (since Fri, Nov 20, 11:00 UTC)');
    expect(text, 'nothing stops trading').toContain('Trading: active');
    expect(text).toContain('Store: <code>/data/countersign.json</code> (2.0 kB)');
    expect(text).toContain('background tasks: 0');
  });

  it('status shows paused or halted, with who by name and when', async () => {
    const h = createTestBot();
    await h.say('/pause', APPROVER);
    const paused = (await h.say('/status', VIEWER)).texts[0] ?? '';
    expect(paused, 'the pause, by name, not user id, with the time').toContain(`⏸ <b>Paused</b> by User${APPROVER}, Fri, Nov 20, 12:00 UTC: new proposals are blocked and approvals refused until /resume`);
    expect(paused.indexOf('Paused'), 'first thing after the header').toBeLessThan(paused.indexOf('Mode:'));
    h.clock.advance(5 * 60_000);
    await h.say('/halt', OWNER);
    await h.say('HALT', OWNER);
    const halted = (await h.say('/status', VIEWER)).texts[0] ?? '';
    expect(halted, 'the kill switch, by its owner, five minutes later').toContain(`🛑 <b>HALTED</b> by User${OWNER}, Fri, Nov 20, 12:05 UTC: every approval is refused until /resume`);
    expect(halted, 'and the pause still holds').toContain('⏸ <b>Paused</b>');
    await h.say('/resume', OWNER);
    expect((await h.say('/status', VIEWER)).texts[0], 'active again, and who resumed').toContain(`Trading: active (resumed by User${OWNER}, Fri, Nov 20, 12:05 UTC)`);
  });

  it('shows WEBHOOK mode when configured so', async () => {
    const text = (await createTestBot({ WEBHOOK_URL: 'https://x.example/hook', WEBHOOK_SECRET: 'abc' }).say('/status', OWNER)).texts[0] ?? '';
    expect(text).toContain('Mode: <b>WEBHOOK</b>');
  });
});

describe('/users', () => {
  it('lists every user with their role and marks the caller', async () => {
    const text = (await createTestBot().say('/users', OWNER)).texts[0] ?? '';
    expect(text).toContain('<b>Users</b> (3)');
    expect(text).toContain(`<code>${OWNER}</code> — owner (you)`);
    expect(text).toContain(`<code>${APPROVER}</code> — approver`);
    expect(text).toContain(`<code>${VIEWER}</code> — viewer`);
  });
});

describe('unknown input', () => {
  it('hints /help for an unknown command', async () => {
    expect((await createTestBot().say('/nope')).texts).toEqual(['Unknown command /nope. Send /help for the commands you can use.']);
  });

  it('answers a command addressed to this bot and ignores one for another bot', async () => {
    expect((await createTestBot().say('/status@countersign_test_bot')).texts[0]).toContain('Status');
    expect((await createTestBot().say('/nope@other_bot')).texts, 'not ours to answer').toEqual([]);
  });

  it('hints at commands for plain text in a private chat', async () => {
    expect((await createTestBot().say('what now?')).texts).toEqual(['I understand commands. Send /help for the list.']);
  });
});

describe('badge', () => {
  it('says PAPER or LIVE unmistakably', () => {
    expect(badge('paper').value).toBe('📄 <b>PAPER</b>');
    expect(badge('live').value).toBe('🔴 <b>LIVE</b>');
  });
});
