import type { IncomingMessage } from 'node:http';

export type Payload = Record<string, unknown>;

/** What is kept of an uploaded file: enough to assert on, never the bytes. */
export interface UploadSummary {
  readonly filename: string;
  readonly size: number;
}

/**
 * Reads a Bot API call's parameters the ways Telegram accepts them: the query string,
 * JSON, URL-encoded forms, and multipart (grammY uses it for uploads). Object parameters
 * sent as text (`reply_markup` in a form) are read as the JSON they are.
 */
export async function readPayload(req: IncomingMessage): Promise<Payload> {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const payload: Payload = {};
  for (const [key, value] of url.searchParams) payload[key] = parseField(value);
  const body = await readBody(req);
  if (body.length === 0) return payload;
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) return { ...payload, ...(JSON.parse(body.toString('utf8')) as Payload) };
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) payload[key] = parseField(value);
    return payload;
  }
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith('multipart/form-data') && boundary !== undefined) return { ...payload, ...parseMultipart(body, boundary) };
  throw new Error(`unsupported content type "${type}"`);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Multipart as grammY writes it: each field and file in its own part, files referred to
 * from fields as `attach://<part name>` (the Bot API's convention) or sent directly under
 * the parameter's name.
 */
function parseMultipart(body: Buffer, boundary: string): Payload {
  const fields = new Map<string, string>();
  const files = new Map<string, UploadSummary>();
  for (const raw of body.toString('latin1').split(`--${boundary}`)) {
    const headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd === -1) continue;
    const headers = raw.slice(0, headerEnd);
    const name = /name="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (name === undefined) continue;
    const content = raw.slice(headerEnd + 4).replace(/\r\n$/, '');
    const filename = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (filename === undefined) fields.set(name, Buffer.from(content, 'latin1').toString('utf8'));
    else files.set(name, { filename, size: Buffer.byteLength(content, 'latin1') });
  }
  const payload: Payload = {};
  for (const [name, value] of fields) {
    const attached = value.startsWith('attach://') ? files.get(value.slice('attach://'.length)) : undefined;
    payload[name] = attached ?? parseField(value);
  }
  for (const [name, file] of files) if (!(name in payload) && !isAttachmentOnly(name, fields)) payload[name] = file;
  return payload;
}

const isAttachmentOnly = (name: string, fields: Map<string, string>): boolean => [...fields.values()].includes(`attach://${name}`);

function parseField(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export const isUploadSummary = (value: unknown): value is UploadSummary =>
  typeof value === 'object' && value !== null && typeof (value as UploadSummary).filename === 'string' && typeof (value as UploadSummary).size === 'number';
