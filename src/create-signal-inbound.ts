import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Engine } from './engine/index.js';
import type { Store } from './store/open-store.js';
import type { SourceStatus } from './signals/signals-panel.js';
import { createSecretTokenCheck } from './server/check-secret-token.js';
import { createSignalHandler, type SignalHandler, type SignalSourceRuntime } from './server/handle-signal.js';
import { createSignalRateLimiter } from './server/signal-rate-limiter.js';
import { createSignalStats, type SignalStats } from './signals/signal-stats.js';
import { createSignalSubmitter } from './server/submit-signal.js';
import { createSignalInboxRepository } from './store/signal-inbox-repository.js';

export interface SignalInboundInput {
  readonly config: Config;
  readonly store: Pick<Store, 'document'>;
  readonly engine: Engine;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly isLive: (accountId: string) => boolean;
}

/**
 * `POST /signals/<source id>` for each INBOUND_SIGNALS source. A signal becomes a proposal
 * through the engine (every gate, then the approvers); it never trades by itself.
 */
export async function createSignalInbound(input: SignalInboundInput): Promise<{ handler: SignalHandler | undefined; stats: SignalStats; status: () => SourceStatus[] }> {
  const { config, clock } = input;
  const stats = createSignalStats(clock);
  const inbox = createSignalInboxRepository(input.store);
  const configured = config.signals.sources;
  const status = () => configured.map((s) => ({ id: s.id, account: s.account, auth: s.auth, stats: stats.of(s.id), ...lastRemembered(inbox.lastOf(s.id)) }));
  if (configured.length === 0) return { handler: undefined, stats, status };
  const needsVerifier = configured.some((s) => s.auth === 'standard-webhooks');
  const verifier = needsVerifier ? (await import('./outbound/standard-webhooks.js')).createVerifier : undefined;
  const sources = new Map<string, SignalSourceRuntime>();
  for (const s of configured) {
    const limiter = createSignalRateLimiter(s.maxPerMinute, () => clock().getTime());
    const base = { id: s.id, account: s.account, confidence: s.confidence, limiter };
    if (s.auth === 'passphrase') {
      const check = createSecretTokenCheck(s.secret);
      sources.set(s.id, { ...base, checkPassphrase: (given) => typeof given === 'string' && check(given) });
    } else if (verifier !== undefined) {
      sources.set(s.id, { ...base, verify: verifier(s.secret) });
    }
  }
  const handler = createSignalHandler({
    sources,
    submitter: createSignalSubmitter({ propose: input.engine.propose, inbox, clock, onRememberFailed: (error) => input.logger.error({ err: error }, 'a signal id could not be stored; a repeat after a restart may make a second proposal') }),
    stats,
    logger: input.logger,
    modeOf: (accountId) => (input.isLive(accountId) ? 'live' : 'paper'),
  });
  return { handler, stats, status };
}

function lastRemembered(last: SourceStatus['lastRemembered']): Pick<SourceStatus, 'lastRemembered'> {
  return last === undefined ? {} : { lastRemembered: last };
}
