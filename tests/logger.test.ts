import { Bot } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../src/logger.js';
import { startFakeBotApi } from './helpers/fake-bot-api.js';

const TOKEN = '123456789:AAHn5xSecretSecretSecretSecretSecre';
const WEBHOOK_SECRET = 'whsec_ABCdef-123';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', pretty: false, secrets: [TOKEN, WEBHOOK_SECRET], destination: { write: (l) => lines.push(l) } });
  return { logger, text: () => lines.join('') };
}

describe('logger: secrets never reach the log', () => {
  it('scrubs the token from a failed network call (grammY puts the bot URL in the error)', async () => {
    const { logger, text } = capture();
    // Nothing listens on port 9: the request fails inside fetch, with the URL in the error.
    const bot = new Bot(TOKEN, { botInfo: undefined, client: { apiRoot: 'http://127.0.0.1:9', timeoutSeconds: 2 } });
    const error = await bot.api.sendMessage(1, 'hi').catch((e: unknown) => e);
    expect(error, 'the call really failed').toBeInstanceOf(Error);
    logger.error({ err: error }, 'send failed');
    expect(text(), 'the error was logged').toContain('send failed');
    expect(text()).not.toContain(TOKEN);
    expect(text()).not.toContain(TOKEN.split(':')[1]);
  });

  it('scrubs the token from an API error answered by the server', async () => {
    const api = await startFakeBotApi({ failWith: { status: 401, description: 'Unauthorized' } });
    try {
      const { logger, text } = capture();
      const bot = new Bot(TOKEN, { client: { apiRoot: api.url } });
      const error = await bot.api.getMe().catch((e: unknown) => e);
      logger.error({ err: error, url: `${api.url}/bot${TOKEN}/getMe` }, 'getMe failed');
      expect(text()).toContain('Unauthorized');
      expect(text()).not.toContain(TOKEN);
    } finally {
      await api.close();
    }
  });

  it('scrubs secrets from fields, messages, nested objects and stack traces', () => {
    const { logger, text } = capture();
    logger.info({ token: TOKEN, config: { webhook: { secret: WEBHOOK_SECRET } }, headers: { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET } }, `starting with ${TOKEN}`);
    logger.error({ err: new Error(`bad secret ${WEBHOOK_SECRET}`) }, 'failure');
    expect(text()).not.toContain(TOKEN);
    expect(text()).not.toContain(WEBHOOK_SECRET);
    expect(text(), 'what was removed is marked').toContain('[REDACTED]');
  });

  it('removes any bot token inside a Bot API URL, even one it was not told about', () => {
    expect(scrubSecrets('GET https://api.telegram.org/bot987654:XYZabc_-1/getMe', [])).toBe('GET https://api.telegram.org/bot[REDACTED]/getMe');
  });
});
