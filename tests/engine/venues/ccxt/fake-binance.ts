import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadFixture } from '../load-fixture.js';

/** One request as the fake exchange saw it; query string and form body merged. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly params: URLSearchParams;
  /** False when no route answered it (ccxt called an endpoint the test did not expect). */
  readonly routed: boolean;
}

export interface FakeReply {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Hold the answer back, e.g. past the client's timeout. */
  readonly delayMs?: number;
}

type Route = FakeReply | ((request: RecordedRequest) => FakeReply);

export interface FakeBinance {
  /** Origin to give ccxt as `urlsOverride`: every API URL keeps its Binance path. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Answers `method path` (e.g. `POST /api/v3/order`) from now on. */
  on(method: string, path: string, route: Route): void;
  count(method: string, path: string): number;
  close(): Promise<void>;
}

/**
 * A local server speaking Binance's spot REST format
 * (https://developers.binance.com/docs/binance-spot-api-docs/rest-api). Unrouted requests
 * get a 404 and stay in `requests`, so a test can prove ccxt called nothing unexpected.
 */
export async function startFakeBinance(): Promise<FakeBinance> {
  const routes = new Map<string, Route>([['GET /api/v3/exchangeInfo', { body: loadFixture('binance', 'exchange-info') }]]);
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void readRequest(req).then(async (received) => {
      const route = routes.get(`${received.method} ${received.path}`);
      const request = { ...received, routed: route !== undefined };
      requests.push(request);
      const reply = route === undefined ? { status: 404, body: { code: -1, msg: 'no route' } } : typeof route === 'function' ? route(request) : route;
      if (reply.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      const body = JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...reply.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on: (method, path, route) => void routes.set(`${method} ${path}`, route),
    count: (method, path) => requests.filter((r) => r.method === method && r.path === path).length,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readRequest(req: IncomingMessage): Promise<Omit<RecordedRequest, 'routed'>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const params = new URLSearchParams(url.search);
  for (const [key, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.append(key, value);
  return { method: req.method ?? 'GET', path: url.pathname, params };
}

/** A fetch that refuses to leave the machine: a forgotten route must fail, not reach Binance. */
export const localOnlyFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== '127.0.0.1') return Promise.reject(new Error(`test tried to reach ${url.origin}`));
  return globalThis.fetch(input, init);
};
