import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createTelegramTransport } from '../../../src/bot/outbox/create-telegram-transport.js';
import { OutboxContentSchema } from '../../../src/store/outbox-schema.js';
import { createRecordingFetch } from '../../helpers/record-api.js';
import { TEST_TOKEN } from '../../helpers/test-bot.js';

describe('documents through the outbox transport', () => {
  it('sends a file with sendDocument and the text as its caption', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-doc-'));
    const path = join(dir, 'report.md');
    writeFileSync(path, '# Research report\n');
    const recorder = createRecordingFetch();
    const transport = createTelegramTransport(new Api(TEST_TOKEN, { fetch: recorder.fetch }));
    const content = { text: '📄 <b>PAPER</b> · Full research report', parseMode: 'HTML' as const, document: { path, fileName: 'research-paper.md' } };
    expect(OutboxContentSchema.parse(content), 'the store keeps the document field').toEqual(content);
    await transport.send(42, content);
    const [call] = recorder.calls;
    expect(call?.method, 'a document, not a text message').toBe('sendDocument');
    expect([call?.payload.caption, call?.payload.parse_mode], 'captioned in HTML').toEqual(['📄 <b>PAPER</b> · Full research report', 'HTML']);
  });

  it('still delivers the caption when the file is gone, rather than blocking the chat', async () => {
    const recorder = createRecordingFetch();
    const transport = createTelegramTransport(new Api(TEST_TOKEN, { fetch: recorder.fetch }));
    await transport.send(42, { text: 'caption', document: { path: '/nonexistent/report.md', fileName: 'r.md' } });
    expect(recorder.calls.map((c) => [c.method, c.payload.text]), 'the text alone').toEqual([['sendMessage', 'caption']]);
  });
});
