import type { ServerResponse } from 'node:http';

/**
 * A JSON answer with an explicit Content-Length: grammY's node-fetch transport waits
 * forever on a reply without one (see the Node 20 pitfalls in DESIGN.md).
 */
export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
