/**
 * Reads a Bot API request as grammY sends it to `fetch`: JSON for plain calls, multipart
 * for uploads (files arrive as Blobs). Used by the local chat, which stands in for the Bot
 * API at the fetch level so that every Api object grammY or a plugin creates reaches it.
 */
export async function readApiRequest(url: string | URL, init: RequestInit = {}): Promise<{ method: string; payload: Record<string, unknown> }> {
  const method = String(url).split('/').pop() ?? '';
  const headers = new Headers(init.headers);
  const type = headers.get('content-type') ?? '';
  if (init.body === undefined || init.body === null) return { method, payload: {} };
  if (type.startsWith('application/json')) return { method, payload: JSON.parse(String(init.body)) as Record<string, unknown> };
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  if (boundary === undefined) throw new Error(`unsupported request body type "${type}"`);
  return { method, payload: parseMultipart(await collect(init.body), boundary) };
}

/** An uploaded file as the local chat keeps it. */
export interface UploadedFile {
  readonly filename: string;
  readonly data: Buffer;
}

/**
 * grammY's multipart is terse (`name=x;filename=y`, unquoted), which undici's FormData
 * parser refuses, so this reads it by hand. Files sit in their own parts and fields point
 * at them with `attach://<part name>`, as the Bot API specifies.
 */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const parts = new Map<string, { filename?: string; data: Buffer }>();
  for (const raw of body.toString('latin1').split(`--${boundary}`)) {
    const headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd === -1) continue;
    const headers = raw.slice(0, headerEnd);
    const name = /name="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (name === undefined) continue;
    const filename = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    const data = Buffer.from(raw.slice(headerEnd + 4).replace(/\r\n$/, ''), 'latin1');
    parts.set(name, { ...(filename === undefined ? {} : { filename }), data });
  }
  const payload: Record<string, unknown> = {};
  for (const [name, part] of parts) {
    if (part.filename !== undefined) continue;
    const text = part.data.toString('utf8');
    const attached = text.startsWith('attach://') ? parts.get(text.slice('attach://'.length)) : undefined;
    payload[name] = attached === undefined ? parseField(text) : ({ filename: attached.filename ?? name, data: attached.data } satisfies UploadedFile);
  }
  return payload;
}

/** Multipart fields carry objects as JSON text (reply_markup …) and the rest as plain text. */
function parseField(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

async function collect(body: NonNullable<RequestInit['body']>): Promise<Buffer> {
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The Bot API's reply envelope, as a fetch Response. */
export function apiResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}
