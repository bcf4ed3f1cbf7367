import * as z from 'zod';
import { isPrivateAddress } from './outbound/is-private-address.js';
import type { RetryPolicy } from './outbound/retry-policy.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './outbound/webhook-event-types.js';

/**
 * `SIGNAL_WEBHOOKS` (where signed events go) and `INBOUND_SIGNALS` (who may post signals),
 * JSON arrays like ACCOUNTS; each secret sits in its own variable, never inside the JSON:
 * `SIGNAL_WEBHOOK_<ID>_SECRET` and `INBOUND_SIGNAL_<ID>_SECRET`.
 */

export interface WebhookEndpointConfig {
  readonly id: string;
  readonly url: URL;
  readonly events: readonly WebhookEventType[];
  /** `whsec_…` (Standard Webhooks). */
  readonly secret: string;
}

export type SignalAuth = 'passphrase' | 'standard-webhooks';

export interface SignalSourceConfig {
  readonly id: string;
  /** The account its proposals are for. */
  readonly account: string;
  readonly auth: SignalAuth;
  /** The passphrase, or the `whsec_…` secret. */
  readonly secret: string;
  /** Signals accepted in any 60 s; more get 429. */
  readonly maxPerMinute: number;
  /** Used when a signal carries no confidence of its own. */
  readonly confidence: number;
}

export interface SignalsConfig {
  readonly endpoints: readonly WebhookEndpointConfig[];
  readonly retry: RetryPolicy;
  /** ALLOW_INSECURE_WEBHOOKS=yes: http:// and loopback/private addresses allowed (local receivers, tests). */
  readonly allowInsecure: boolean;
  readonly sources: readonly SignalSourceConfig[];
}

const id = () => z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'id must be lowercase letters, digits and _ (e.g. "desk")');
const subscribable = WEBHOOK_EVENT_TYPES.filter((t) => t !== 'ping');

// Both built on first parse, not at load: most deployments set neither list, and building
// them would be start-up time.
const EndpointSchema = z.lazy(() =>
  z.strictObject({
    id: id(),
    url: z.string().min(1, 'url is required'),
    events: z.array(z.enum(subscribable as [WebhookEventType, ...WebhookEventType[]], { error: `events must be among ${subscribable.join(', ')}` })).min(1, 'events must list at least one event type'),
  }),
);

const SourceSchema = z.lazy(() =>
  z.strictObject({
    id: id(),
    account: z.string().min(1),
    auth: z.enum(['passphrase', 'standard-webhooks'], { error: 'auth must be "passphrase" or "standard-webhooks"' }),
    maxPerMinute: z.int().min(1).max(6_000).default(30),
    confidence: z.number().min(0).max(1).default(0.7),
  }),
);

const ENDPOINT_EXAMPLE = '[{"id":"desk","url":"https://example.com/hooks/countersign","events":["proposal.created","order.filled"]}]';
const SOURCE_EXAMPLE = '[{"id":"tv","account":"paper","auth":"passphrase"}]';
const WHSEC_HINT = 'a Standard Webhooks secret: whsec_ and 24-64 random bytes in base64, e.g. whsec_$(openssl rand -base64 32)';

export interface SignalsInput {
  readonly SIGNAL_WEBHOOKS: string | undefined;
  readonly INBOUND_SIGNALS: string | undefined;
  readonly ALLOW_INSECURE_WEBHOOKS: 'yes' | 'no';
  readonly SIGNAL_WEBHOOK_MAX_DELAY_SECONDS: number;
  readonly SIGNAL_WEBHOOK_RETRY_HOURS: number;
  readonly SIGNAL_WEBHOOK_PAUSE_AFTER: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Parses both arrays and their secrets; one problem line per mistake, naming the variable. */
export function parseSignalsConfig(v: SignalsInput, env: Env, accountIds: readonly string[]): { signals: SignalsConfig; problems: string[] } {
  const problems: string[] = [];
  const allowInsecure = v.ALLOW_INSECURE_WEBHOOKS === 'yes';
  const endpoints = parseList('SIGNAL_WEBHOOKS', v.SIGNAL_WEBHOOKS, EndpointSchema, ENDPOINT_EXAMPLE, problems).flatMap((e): WebhookEndpointConfig[] => {
    const secret = readSecret(`SIGNAL_WEBHOOK_${e.id.toUpperCase()}_SECRET`, env, 'standard-webhooks', problems);
    const url = checkUrl(e.id, e.url, allowInsecure, problems);
    return url === undefined || secret === undefined ? [] : [{ id: e.id, url, events: [...new Set(e.events)], secret }];
  });
  const sources = parseList('INBOUND_SIGNALS', v.INBOUND_SIGNALS, SourceSchema, SOURCE_EXAMPLE, problems).flatMap((s): SignalSourceConfig[] => {
    if (!accountIds.includes(s.account)) problems.push(`INBOUND_SIGNALS: source "${s.id}" names account "${s.account}", which is not in ACCOUNTS (accounts: ${accountIds.join(', ')})`);
    const secret = readSecret(`INBOUND_SIGNAL_${s.id.toUpperCase()}_SECRET`, env, s.auth, problems);
    return secret === undefined ? [] : [{ ...s, secret }];
  });
  const retry: RetryPolicy = { baseMs: 5_000, maxDelayMs: v.SIGNAL_WEBHOOK_MAX_DELAY_SECONDS * 1000, retryForMs: v.SIGNAL_WEBHOOK_RETRY_HOURS * 3_600_000, pauseAfter: v.SIGNAL_WEBHOOK_PAUSE_AFTER };
  return { signals: Object.freeze({ endpoints, retry, allowInsecure, sources }), problems };
}

function parseList<T extends { id: string }>(name: string, raw: string | undefined, schema: z.ZodType<T>, example: string, problems: string[]): T[] {
  if (raw === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    problems.push(`${name}: is not valid JSON (for example ${name}=${example})`);
    return [];
  }
  const parsed = z.array(schema).safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.length === 0 ? '' : `entry ${Number(issue.path[0]) + 1}${issue.path.length > 1 ? ` field ${issue.path.slice(1).map(String).join('.')}` : ''}: `;
      problems.push(`${name}: ${where}${issue.message} (for example ${name}=${example})`);
    }
    return [];
  }
  const seen = new Set<string>();
  for (const entry of parsed.data) {
    if (seen.has(entry.id)) problems.push(`${name}: "${entry.id}" is listed twice`);
    seen.add(entry.id);
  }
  return parsed.data;
}

function checkUrl(endpointId: string, raw: string, allowInsecure: boolean, problems: string[]): URL | undefined {
  const where = `SIGNAL_WEBHOOKS: endpoint "${endpointId}"`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${where}: url is not a URL (for example https://example.com/hooks/countersign)`);
    return undefined;
  }
  const insecureHint = 'or set ALLOW_INSECURE_WEBHOOKS=yes for a receiver on this machine or your own network';
  if (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:')) {
    problems.push(`${where}: url must be https:// (${insecureHint})`);
    return undefined;
  }
  if (!allowInsecure && (url.hostname === 'localhost' || url.hostname.endsWith('.localhost') || isPrivateAddress(url.hostname))) {
    problems.push(`${where}: ${url.hostname} is a loopback or private address (${insecureHint})`);
    return undefined;
  }
  return url;
}

function readSecret(name: string, env: Env, kind: SignalAuth, problems: string[]): string | undefined {
  const value = env[name] === '' ? undefined : env[name];
  if (kind === 'passphrase') {
    if (value !== undefined && value.length >= 12) return value;
    problems.push(`${name}: ${value === undefined ? 'is required' : 'is too short'}: a passphrase of at least 12 characters (for example ${name}=$(openssl rand -hex 16))`);
    return undefined;
  }
  if (value !== undefined && isStandardWebhooksSecret(value)) return value;
  problems.push(`${name}: ${value === undefined ? 'is required' : 'is not valid'}: ${WHSEC_HINT}`);
  return undefined;
}

/** `whsec_` + base64 of 24 to 64 bytes, as the Standard Webhooks spec recommends. */
export function isStandardWebhooksSecret(value: string): boolean {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(value);
  if (match?.[1] === undefined || match[1].length % 4 !== 0) return false;
  const bytes = Buffer.from(match[1], 'base64').length;
  return bytes >= 24 && bytes <= 64;
}
