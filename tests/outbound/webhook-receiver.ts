import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export const TEST_WHSEC = `whsec_${Buffer.from('countersign-test-secret-32-bytes').toString('base64')}`;

export interface Received {
  readonly id: string;
  readonly type: string;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
  readonly status: number;
}

/** What the receiver answers: a status, a status with headers, or no answer at all. */
export type Behaviour = (received: { id: string; type: string; attempt: number }) => number | { status: number; headers?: Record<string, string>; delayMs?: number } | 'hang';

/**
 * A real receiver on loopback, as a customer would write it: every request is verified
 * with the `standardwebhooks` library (signature over the raw body, timestamp within
 * 5 minutes) before it counts. A request that fails verification gets 401 and is kept in
 * `rejected`, not in `verified`.
 */
export async function startWebhookReceiver(secret = TEST_WHSEC, port = 0) {
  const webhook = new Webhook(secret);
  const verified: Received[] = [];
  const rejected: { reason: string; headers: IncomingHttpHeaders }[] = [];
  const attempts = new Map<string, number>();
  /** The path of every request, verified or not. */
  const paths: string[] = [];
  let behaviour: Behaviour = () => 204;
  let server: Server | undefined;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    paths.push(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let payload: { type: string };
      try {
        payload = webhook.verify(body, req.headers as Record<string, string>) as { type: string };
      } catch (error) {
        rejected.push({ reason: (error as Error).message, headers: req.headers });
        res.writeHead(401).end();
        return;
      }
      const id = String(req.headers['webhook-id']);
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      const answer = behaviour({ id, type: payload.type, attempt });
      if (answer === 'hang') return;
      const { status, headers, delayMs = 0 } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
      const reply = () => {
        if (status >= 200 && status < 300) verified.push({ id, type: payload.type, body, headers: req.headers, status });
        res.writeHead(status, headers).end();
      };
      if (delayMs > 0) setTimeout(reply, delayMs);
      else reply();
    });
  };

  async function listen(at: number): Promise<number> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server?.listen(at, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }
  const boundPort = await listen(port);

  return {
    port: boundPort,
    url: new URL(`http://127.0.0.1:${boundPort}/hooks/countersign`),
    /** Requests that verified and were answered 2xx, in arrival order. */
    verified,
    rejected,
    paths,
    attemptsOf: (id: string) => attempts.get(id) ?? 0,
    answer(next: Behaviour): void {
      behaviour = next;
    },
    /** The receiver goes away: connections are refused until `up()`. */
    async down(): Promise<void> {
      const s = server;
      server = undefined;
      s?.closeAllConnections();
      await new Promise<void>((resolve) => (s === undefined ? resolve() : s.close(() => resolve())));
    },
    up: () => listen(boundPort),
    close: async () => {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
