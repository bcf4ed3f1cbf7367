import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../src/server/read-body.js';

/** A stream standing in for a request: readBody only uses its events and headers. */
function fakeRequest(headers: Record<string, string> = {}): PassThrough & IncomingMessage {
  return Object.assign(new PassThrough(), { headers }) as unknown as PassThrough & IncomingMessage;
}

describe('readBody', () => {
  it('joins the chunks of a body that fits', async () => {
    const req = fakeRequest();
    const result = readBody(req, 11);
    req.write('hello ');
    req.end('world');
    const read = await result;
    expect(read.ok, 'a body exactly at the limit is accepted').toBe(true);
    expect(read.ok && read.body.toString('utf8'), 'every chunk, in order').toBe('hello world');
  });

  it('returns an empty buffer for an empty body', async () => {
    const req = fakeRequest();
    const result = readBody(req, 11);
    req.end();
    const read = await result;
    expect(read.ok && read.body.length, 'nothing was sent').toBe(0);
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const req = fakeRequest({ 'content-length': '12' });
    const read = await readBody(req, 11);
    expect(read, 'the header alone decides').toEqual({ ok: false, reason: 'too_large' });
    expect(req.listenerCount('data'), 'no reader was attached').toBe(0);
  });

  it('stops at the first chunk past the limit when the length is not declared', async () => {
    const req = fakeRequest();
    const result = readBody(req, 11);
    req.write('hello ');
    req.write('world!');
    const read = await result;
    expect(read, 'the streamed bytes are counted').toEqual({ ok: false, reason: 'too_large' });
    expect(req.listenerCount('data'), 'reading stopped').toBe(0);
    expect(req.isPaused(), 'the stream is left paused').toBe(true);
  });

  it('reports a body cut off before its end as aborted', async () => {
    const req = fakeRequest();
    const result = readBody(req, 100);
    req.write('partial');
    req.destroy();
    expect(await result, 'the client went away').toEqual({ ok: false, reason: 'aborted' });
  });
});
