import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';

export interface FakeCall {
  method: string;
  token: string;
  payload: Record<string, unknown>;
}

export interface FakeBotApiError {
  status: number;
  description: string;
}

export interface FakeMethodBehaviour {
  /** Answer with this Bot API error instead of a result (404 "Not Found": a method an emulator lacks). */
  failWith?: FakeBotApiError;
  /** Answer only after this long: a slow Bot API, or a hanging one. */
  delayMs?: number;
}

export interface FakeBotApiOptions {
  /** Every call fails with this. */
  failWith?: FakeBotApiError;
  /** Per method; the record is returned as `methods` and may be changed while running (an outage ends). */
  methods?: Record<string, FakeMethodBehaviour | undefined>;
}

/** What Telegram answers for a method it does not have. */
export const METHOD_NOT_FOUND: FakeBotApiError = { status: 404, description: 'Not Found' };

/**
 * A local stand-in for the Bot API server on an ephemeral port: answers every method like
 * Telegram (getMe, sendMessage, getUpdates with queued updates …) and records the calls.
 * Point TELEGRAM_API_ROOT at `url` to test the real HTTP path without the network.
 */
export async function startFakeBotApi(options: FakeBotApiOptions = {}) {
  const calls: FakeCall[] = [];
  const methods = options.methods ?? {};
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const queue: Update[] = [];
  let nextMessageId = 1;
  const server = createServer(async (req, res) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const payload = await readJson(req);
    if (match === null) {
      res.writeHead(404).end();
      return;
    }
    const [, token = '', method = ''] = match;
    calls.push({ method, token, payload });
    const behaviour = methods[method];
    const send = (body: unknown, status = 200) => {
      if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const reply = (body: unknown, status = 200) => (behaviour?.delayMs === undefined ? send(body, status) : later(behaviour.delayMs, () => send(body, status)));
    const failWith = behaviour?.failWith ?? options.failWith;
    if (failWith !== undefined) {
      reply({ ok: false, error_code: failWith.status, description: failWith.description }, failWith.status);
      return;
    }
    if (method === 'getUpdates') {
      // A short long-poll: hand over what is queued, or an empty batch after a moment.
      const updates = queue.splice(0);
      later(updates.length > 0 ? 0 : 50, () => reply({ ok: true, result: updates }));
      return;
    }
    reply({ ok: true, result: resultFor(method, payload, () => nextMessageId++) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    methods,
    enqueue: (update: Update) => queue.push(update),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function resultFor(method: string, payload: Record<string, unknown>, messageId: () => number): unknown {
  if (method === 'getMe') {
    return { id: 42, is_bot: true, first_name: 'Fake', username: 'fake_countersign_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
  }
  if (method === 'sendMessage') {
    return { message_id: messageId(), date: 0, chat: { id: payload.chat_id, type: 'private' }, text: payload.text };
  }
  return true;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    return { raw: text };
  }
}
