/**
 * Callback data carries only a prefix and an opaque id; everything else is looked up
 * server-side, so a forged button can name nothing it should not.
 */
const MAX_BYTES = 64; // Telegram's limit for callback_data

export function encodeCallbackData(prefix: string, payload: string): string {
  const data = `${prefix}:${payload}`;
  if (Buffer.byteLength(data, 'utf8') > MAX_BYTES) {
    throw new RangeError(`callback data "${data}" is over ${MAX_BYTES} bytes`);
  }
  return data;
}

/**
 * Undefined for data of no family, and for a payload named like a member every object
 * inherits ("__proto__", "constructor"): no id of ours is one, and looked up in the
 * store's records (plain objects) it would find Object.prototype's member, not nothing.
 */
export function decodeCallbackData(data: string): { prefix: string; payload: string } | undefined {
  const colon = data.indexOf(':');
  if (colon <= 0) return undefined;
  const payload = data.slice(colon + 1);
  if (payload in Object.prototype) return undefined;
  return { prefix: data.slice(0, colon), payload };
}
