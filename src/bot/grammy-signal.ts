import type { Api } from 'grammy';

type GrammySignal = Parameters<Api['getMe']>[0];

/**
 * grammY types its abort signals with the abort-controller shim, whose types differ from
 * Node's own AbortSignal; at run time on Node 20 it takes Node's signal as it is.
 */
export function toGrammySignal(signal: AbortSignal | undefined): GrammySignal {
  return signal as unknown as GrammySignal;
}
