import { exchanges, NotSupported, type Exchange } from 'ccxt';
import { CountersignError } from '../../../errors.js';

export interface CcxtExchangeOptions {
  readonly exchangeId: string;
  readonly apiKey: string;
  readonly secret: string;
  /** Some exchanges (OKX, KuCoin, Bitget) also need an API passphrase. */
  readonly password?: string;
  /** The exchange's testnet; creation fails with CcxtSetupError when it has none. */
  readonly sandbox: boolean;
  /**
   * Where the REST calls go instead of the exchange (tests, a proxy). A string replaces the
   * origin of every API URL and keeps its path (`https://api.binance.com/api/v3` →
   * `http://127.0.0.1:8080/api/v3`), so nothing can leak to the real host; an object
   * replaces the named `urls.api` entries only.
   */
  readonly urlsOverride?: string | Readonly<Record<string, string>>;
  /** Replaces ccxt's undici client, e.g. with `globalThis.fetch` so nock can see it. */
  readonly fetchImplementation?: typeof fetch;
  readonly timeoutMs?: number;
  /** Extra ccxt `options`, merged over the spot-only defaults below. */
  readonly options?: Readonly<Record<string, unknown>>;
}

export type CcxtSetupProblem = 'unknown_exchange' | 'sandbox_unsupported' | 'client_id_lookup_unsupported';

/** The exchange cannot be used as configured; an operator must change the settings. */
export class CcxtSetupError extends CountersignError {
  readonly code = 'ccxt_setup';
  constructor(
    readonly exchangeId: string,
    readonly problem: CcxtSetupProblem,
    options?: { cause?: unknown },
  ) {
    super(`ccxt exchange "${exchangeId}": ${describeProblem(problem)}`, options);
  }
}

function describeProblem(problem: CcxtSetupProblem): string {
  if (problem === 'unknown_exchange') return 'not an exchange id ccxt knows';
  if (problem === 'sandbox_unsupported') return 'has no sandbox (testnet); set sandbox off or pick another exchange';
  return 'cannot look orders up by client order id, so orders cannot be exactly-once';
}

/** The adapter trades spot only: positions are balances. */
const SPOT_OPTIONS = {
  defaultType: 'spot',
  // Binance, OKX and Bybit read the market types to load from here.
  fetchMarkets: { types: ['spot'] },
  // Cancel-all needs open orders across symbols; accept the heavier request weight.
  warnOnFetchOpenOrdersWithoutSymbol: false,
};

/**
 * Binance's loadMarkets also calls private sapi endpoints (margin pairs, all coins) that
 * spot trading does not need and testnets do not serve.
 */
const EXCHANGE_OPTIONS: Readonly<Record<string, Record<string, unknown>>> = {
  binance: { fetchMargins: false, fetchCurrencies: false },
  binanceus: { fetchMargins: false, fetchCurrencies: false },
};

type ExchangeClass = new (config: Record<string, unknown>) => Exchange;

/** One ccxt instance per exchange: ccxt's rate limiter (throttler) lives on the instance. */
export function createCcxtExchange(options: CcxtExchangeOptions): Exchange {
  const id = options.exchangeId;
  const ExchangeClass = Object.hasOwn(exchanges, id) ? (exchanges as unknown as Record<string, ExchangeClass>)[id] : undefined;
  if (ExchangeClass === undefined) throw new CcxtSetupError(id, 'unknown_exchange');
  const exchange = new ExchangeClass({
    apiKey: options.apiKey,
    secret: options.secret,
    password: options.password,
    enableRateLimit: true,
    timeout: options.timeoutMs ?? 15_000,
    options: { ...SPOT_OPTIONS, ...EXCHANGE_OPTIONS[id], ...options.options },
  });
  if (options.sandbox) enableSandbox(exchange, id);
  if (options.urlsOverride !== undefined) overrideUrls(exchange, options.urlsOverride);
  if (options.fetchImplementation !== undefined) exchange.fetchImplementation = options.fetchImplementation;
  return exchange;
}

/**
 * ccxt's base setSandboxMode only checks that the `test` key exists, and every exchange
 * inherits `urls.test: undefined`; on kraken it silently empties `urls.api`. So check for
 * real testnet URLs, or a declared sandbox feature (bitget flags demo trading by header).
 */
function enableSandbox(exchange: Exchange, id: string): void {
  const test: unknown = exchange.urls.test;
  const hasTestUrls = typeof test === 'string' ? test !== '' : typeof test === 'object' && test !== null && Object.keys(test).length > 0;
  const features = exchange.features as { spot?: { sandbox?: boolean } } | undefined;
  if (!hasTestUrls && features?.spot?.sandbox !== true) throw new CcxtSetupError(id, 'sandbox_unsupported');
  try {
    exchange.setSandboxMode(true);
  } catch (error) {
    if (error instanceof NotSupported) throw new CcxtSetupError(id, 'sandbox_unsupported', { cause: error });
    throw error;
  }
}

function overrideUrls(exchange: Exchange, override: string | Readonly<Record<string, string>>): void {
  const api: unknown = exchange.urls.api;
  if (typeof override !== 'string') {
    exchange.urls.api = { ...(typeof api === 'object' ? api : {}), ...override };
    return;
  }
  const base = override.replace(/\/+$/, '');
  // A plain prefix swap: some exchanges keep `{hostname}` placeholders that URL() rejects.
  exchange.urls.api = mapUrls(api, (url) => url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, base)) as typeof exchange.urls.api;
}

/** Applies `rebase` to every URL in `urls.api`, a string or a nested dictionary of them. */
function mapUrls(value: unknown, rebase: (url: string) => string): unknown {
  if (typeof value === 'string') return rebase(value);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, mapUrls(entry, rebase)]));
}
