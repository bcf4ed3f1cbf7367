import { request, type Agent } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import type { Update } from 'grammy/types';

export interface PostOutcome {
  status: number;
  statusText: string;
  body: string;
  error?: string;
}

/** One webhook delivery: Telegram's POST of one update, with the secret header when set. */
export function postUpdate(url: URL, secret: string | undefined, update: Update, agent: Agent | HttpsAgent | undefined, timeoutMs: number): Promise<PostOutcome> {
  const body = JSON.stringify(update);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
  const send = url.protocol === 'https:' ? httpsRequest : request;
  return new Promise((resolve) => {
    const req = send(url, { method: 'POST', headers, ...(agent === undefined ? {} : { agent }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => resolve({ status: 0, statusText: '', body: '', error: error.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('Read timeout expired')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, statusText: '', body: '', error: describeNetworkError(error) }));
    req.end(body);
  });
}

/** Telegram's last_error_message wording for failures without an HTTP answer. */
function describeNetworkError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'Connection refused';
  if (error.code === 'ECONNRESET') return 'Connection reset by peer';
  return error.message;
}

/** A webhook reply: the bot may answer an update with one method call in the body. */
export function readReply(body: string, onReply: (method: string, payload: Record<string, unknown>) => void): void {
  if (body === '') return;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    if (typeof parsed.method === 'string') {
      const { method, ...payload } = parsed;
      onReply(method, payload);
    }
  } catch {
    // Telegram ignores a body that is not a method call.
  }
}
