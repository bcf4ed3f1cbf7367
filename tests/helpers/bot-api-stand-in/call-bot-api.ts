/** A Bot API answer as the bot would see it: the HTTP status and the parsed envelope. */
export interface ApiReply {
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: { retry_after?: number } };
}

/** Calls one method of a (stand-in) Bot API root with a JSON body, like grammY does. */
export async function callBotApi(url: string, token: string, method: string, payload: Record<string, unknown> = {}): Promise<ApiReply> {
  const res = await fetch(`${url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as ApiReply['body'] };
}

/** Sends a control command to a stand-in running in another process. */
export async function controlStandIn<T = unknown>(url: string, command: string, payload: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${url}/control/${command}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  const body = (await res.json()) as { ok: boolean; result?: T; error?: string };
  if (!body.ok) throw new Error(`control ${command} failed: ${body.error ?? res.status}`);
  return body.result as T;
}
