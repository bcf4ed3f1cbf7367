// @ts-check
/**
 * The baseline of the start-up bench: the least a grammY webhook bot does before it is
 * ready (identity, setWebhook, /healthz and the webhook route on node:http). Plain
 * JavaScript so that `node` runs it as directly as it runs the compiled bot.
 */
import { createServer } from 'node:http';
import process from 'node:process';
import { URL } from 'node:url';
import { Bot, webhookCallback } from 'grammy';

const env = process.env;
const bot = new Bot(env.TELEGRAM_BOT_TOKEN ?? '', { client: { apiRoot: env.TELEGRAM_API_ROOT } });
bot.command('start', (ctx) => ctx.reply('hello'));
const webhookPath = new URL(env.WEBHOOK_URL ?? '').pathname;
const handleUpdate = webhookCallback(bot, 'http', { secretToken: env.WEBHOOK_SECRET });
let ready = false;

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/healthz') {
    response.writeHead(ready ? 200 : 503, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ status: ready ? 'ok' : 'starting' }));
  } else if (request.method === 'POST' && request.url === webhookPath) {
    void handleUpdate(request, response);
  } else {
    response.writeHead(404).end();
  }
});
server.listen(Number(env.PORT), '127.0.0.1', async () => {
  await bot.init();
  await bot.api.setWebhook(env.WEBHOOK_URL ?? '', { secret_token: env.WEBHOOK_SECRET });
  ready = true;
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
