import { connect } from 'node:net';

export interface RawConnection {
  /** Sends one request and resolves with the whole response (head and Content-Length body). */
  request(raw: string): Promise<string>;
  write(data: string): void;
  /** Everything received so far. */
  received(): string;
  /** Resolves when the server closed the connection; with how long it was open. */
  closed: Promise<{ afterMs: number; error?: string }>;
  end(): void;
}

/** A raw TCP connection, to see exactly what the server does with it (keep-alive, cuts, resets). */
export async function openConnection(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  const opened = performance.now();
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  let waiting: { from: number; resolve: (response: string) => void; reject: (error: Error) => void } | undefined;
  let error: string | undefined;
  const settleWaiting = (): void => {
    if (waiting === undefined) return;
    const response = completeResponse(received.slice(waiting.from));
    if (response !== undefined) {
      waiting.resolve(response);
      waiting = undefined;
    }
  };
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
    settleWaiting();
  });
  socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
  const closed = new Promise<{ afterMs: number; error?: string }>((resolve) =>
    socket.once('close', () => {
      waiting?.reject(new Error(`connection closed before a response (${error ?? 'no error'}): ${JSON.stringify(received)}`));
      resolve({ afterMs: performance.now() - opened, ...(error === undefined ? {} : { error }) });
    }),
  );
  return {
    request(raw) {
      if (socket.destroyed) return Promise.reject(new Error(`connection already closed (${error ?? 'no error'}): ${JSON.stringify(received)}`));
      const pending = new Promise<string>((resolve, reject) => (waiting = { from: received.length, resolve, reject }));
      socket.write(raw);
      return pending;
    },
    write: (data) => void socket.write(data),
    received: () => received,
    closed,
    end: () => void socket.end(),
  };
}

/** The first complete HTTP/1.1 response in `text` (every response here has Content-Length). */
function completeResponse(text: string): string | undefined {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const length = Number(/content-length: *(\d+)/i.exec(text.slice(0, headEnd))?.[1] ?? 0);
  const end = headEnd + 4 + length;
  return text.length >= end ? text.slice(0, end) : undefined;
}

export const HEALTH_REQUEST = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n';

/**
 * GET /healthz on a connection of its own that closes after the answer; the status, or
 * undefined when nothing answers. Unlike fetch, it leaves no pooled connection open, which
 * would count against the server's connection cap.
 */
export async function probeHealth(port: number): Promise<number | undefined> {
  try {
    const conn = await openConnection(port);
    const response = await conn.request('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    return Number(response.slice(9, 12));
  } catch {
    return undefined;
  }
}

/** A POST as raw HTTP/1.1, with Content-Length. */
export function rawPostRequest(path: string, headers: Record<string, string>, body: string): string {
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `POST ${path} HTTP/1.1\r\nHost: localhost\r\n${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}
