import type { IncomingMessage } from 'node:http';

/**
 * The outcome of reading a request body. An oversized or aborted body is an expected
 * negative that the caller answers (413) or ignores (client gone), so it is a value,
 * not an exception.
 */
export type ReadBodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; reason: 'too_large' }
  | { ok: false; reason: 'aborted' };

const TOO_LARGE: ReadBodyResult = { ok: false, reason: 'too_large' };
const ABORTED: ReadBodyResult = { ok: false, reason: 'aborted' };

/**
 * Reads the whole body of `req`, but never more than `maxBytes`. A declared
 * Content-Length above the limit is refused before a byte is read; a chunked (or lying)
 * body is counted as it streams and reading stops at the first byte over the limit.
 * After `too_large` the stream is left paused with unread data: the caller should
 * answer and close the connection rather than reuse it.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<ReadBodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.resolve(TOO_LARGE);

  return new Promise<ReadBodyResult>((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;

    const finish = (result: ReadBodyResult): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > maxBytes) {
        req.pause();
        finish(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    // Most updates arrive in one chunk: skip the copy that concat would make.
    const onEnd = (): void => finish({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received) });
    // 'close' before 'end' means the client went away mid-body; 'error' likewise.
    const onAbort = (): void => finish(ABORTED);

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}
