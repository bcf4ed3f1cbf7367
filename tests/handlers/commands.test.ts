import { describe, expect, it } from 'vitest';
import { badge } from '../../src/bot/messages/badge.js';
import { sentTexts } from '../helpers/record-api.js';
import { APPROVER, OWNER, VIEWER, createTestBot } from '../helpers/test-bot.js';
import { textUpdate } from '../helpers/updates.js';

async function ask(text: string, from = OWNER, env: Record<string, string> = {}) {
  const harness = createTestBot(env);
  await harness.bot.handleUpdate(textUpdate(from, text));
  return { ...harness, texts: sentTexts(harness.calls) };
}

describe('/start', () => {
  it('says what this is, the mode, the role, with PAPER badge and shortcut buttons', async () => {
    const { calls, texts } = await ask('/start', APPROVER);
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
    expect(sentTexts(harness.calls)[0]).toContain('Hello &lt;b&gt;&amp;Co.');
  });
});

describe('/help', () => {
  it('lists only what the role may use', async () => {
    const viewer = (await ask('/help', VIEWER)).texts[0] ?? '';
    const owner = (await ask('/help', OWNER)).texts[0] ?? '';
    expect(viewer).toContain('/status');
    expect(viewer, 'a viewer does not see owner commands').not.toContain('/users');
    expect(owner).toContain('/users — Who may use this bot');
    expect(owner, 'the local #N hint only shows in local mode').not.toContain('#1');
  });
});

describe('/status', () => {
  it('shows mode, badge, uptime, version, store and pending work', async () => {
    const text = (await ask('/status', VIEWER)).texts[0] ?? '';
    expect(text).toContain('📄 <b>PAPER</b> · <b>Status</b>');
    expect(text).toContain('Mode: <b>POLLING</b> · PAPER');
    expect(text).toContain('Version: 9.9.9');
    expect(text, 'uptime from the injected clock').toContain('Uptime: 1h 0m 0s (since 2026-11-20 11:00 UTC)');
    expect(text).toContain('Store: <code>/data/countersign.json</code> (2.0 kB)');
    expect(text).toContain('background tasks: 0');
  });

  it('shows WEBHOOK mode when configured so', async () => {
    const text = (await ask('/status', OWNER, { WEBHOOK_URL: 'https://x.example/hook', WEBHOOK_SECRET: 'abc' })).texts[0] ?? '';
    expect(text).toContain('Mode: <b>WEBHOOK</b>');
  });
});

describe('/users', () => {
  it('lists every user with their role and marks the caller', async () => {
    const text = (await ask('/users', OWNER)).texts[0] ?? '';
    expect(text).toContain('<b>Users</b> (3)');
    expect(text).toContain(`<code>${OWNER}</code> — owner (you)`);
    expect(text).toContain(`<code>${APPROVER}</code> — approver`);
    expect(text).toContain(`<code>${VIEWER}</code> — viewer`);
  });
});

describe('unknown input', () => {
  it('hints /help for an unknown command', async () => {
    expect((await ask('/nope')).texts).toEqual(['Unknown command /nope. Send /help for the commands you can use.']);
  });

  it('answers a command addressed to this bot and ignores one for another bot', async () => {
    expect((await ask('/status@countersign_test_bot')).texts[0]).toContain('Status');
    expect((await ask('/nope@other_bot')).texts, 'not ours to answer').toEqual([]);
  });

  it('hints at commands for plain text in a private chat', async () => {
    expect((await ask('what now?')).texts).toEqual(['I understand commands. Send /help for the list.']);
  });
});

describe('badge', () => {
  it('says PAPER or LIVE unmistakably', () => {
    expect(badge('paper').value).toBe('📄 <b>PAPER</b>');
    expect(badge('live').value).toBe('🔴 <b>LIVE</b>');
  });
});
