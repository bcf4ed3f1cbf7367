import { quote, type Parsed } from './parsed.js';
import { splitWords } from './split-words.js';

export type WebhooksArgs = { readonly kind: 'show' } | { readonly kind: 'test' | 'resume'; readonly endpointId: string };

export const WEBHOOKS_USAGE = '[test ID | resume ID]';

/** `/webhooks`, `/webhooks test desk`, `/webhooks resume desk`. */
export function parseWebhooksArgs(text: string, endpointIds: readonly string[]): Parsed<WebhooksArgs> {
  const [action, id, ...rest] = splitWords(text);
  if (action === undefined) return { ok: true, value: { kind: 'show' } };
  const verb = action.toLowerCase();
  if (verb !== 'test' && verb !== 'resume') return { ok: false, error: `Unknown action ${quote(action)}. Use /webhooks, /webhooks test ID or /webhooks resume ID.` };
  const known = endpointIds.length === 0 ? 'No endpoints are set (SIGNAL_WEBHOOKS).' : `Endpoints: ${endpointIds.join(', ')}.`;
  if (id === undefined || rest.length > 0) return { ok: false, error: `Name one endpoint, e.g. /webhooks ${verb} ${endpointIds[0] ?? 'desk'}. ${known}` };
  const endpointId = endpointIds.find((e) => e === id.toLowerCase());
  if (endpointId === undefined) return { ok: false, error: `Unknown endpoint ${quote(id)}. ${known}` };
  return { ok: true, value: { kind: verb, endpointId } };
}
