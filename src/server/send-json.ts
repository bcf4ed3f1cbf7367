import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Ends `res` with a JSON body. Content-Length is always set so that keep-alive
 * clients (Telegram reuses its connections) never wait for a chunked terminator.
 */
export function sendJson(res: ServerResponse, statusCode: number, body: string, headers?: OutgoingHttpHeaders): void {
  if (res.headersSent) return;
  res.writeHead(statusCode, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}
