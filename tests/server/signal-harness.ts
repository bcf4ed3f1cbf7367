import { createSignalInbound } from '../../src/create-signal-inbound.js';
import { createSignalRoutes } from '../../src/server/create-signal-routes.js';
import { startHttpServer } from '../../src/server/start-http-server.js';
import { createTestBot, type TestBotOptions } from '../helpers/test-bot.js';

export const STANDARD_SECRET = `whsec_${Buffer.from('inbound-signal-secret-32-bytes!!').toString('base64')}`;
export const PASSPHRASE = 'correct-horse-battery';

/**
 * The whole inbound path on loopback: the HTTP_PORT server, the signal routes, the real
 * handler, the engine of the test bot (every gate) and its notifier, which sends cards to
 * the recorded Bot API.
 */
export async function startSignalHarness(sources = '[{"id":"tv","account":"paper","auth":"passphrase","maxPerMinute":5},{"id":"algo","account":"paper","auth":"standard-webhooks"}]', options: TestBotOptions = {}) {
  const bot = createTestBot({ INBOUND_SIGNALS: sources, INBOUND_SIGNAL_TV_SECRET: PASSPHRASE, INBOUND_SIGNAL_ALGO_SECRET: STANDARD_SECRET }, options);
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined } as never;
  const inbound = await createSignalInbound({ config: bot.config, store: { document: bot.document }, engine: bot.engine, logger, clock: bot.clock.now, isLive: () => false });
  const routes = createSignalRoutes({ ...(inbound.handler === undefined ? {} : { signals: inbound.handler }), metrics: async (_req, res) => void res.end(), logger });
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', routes, health: () => ({ status: 'ok', mode: 'local', uptimeSeconds: 1, version: 'test' }), logger });
  const base = `http://127.0.0.1:${server.port}`;
  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
  };
  return {
    ...bot,
    inbound,
    base,
    post,
    /** A TradingView-style signal to the passphrase source. */
    signal: (fields: Record<string, unknown>) => post('/signals/tv', JSON.stringify({ passphrase: PASSPHRASE, symbol: 'BTC/USDT', side: 'buy', quantity: '0.01', ...fields })),
    close: () => server.close(100),
  };
}
