/** A signal id already turned into a decision: a repeat gets this answer, not a new proposal. */
export interface SeenSignal {
  readonly at: string;
  readonly outcome: 'proposed' | 'blocked';
  readonly proposalId: string;
  readonly detail?: string;
}

/** Where inbound signal ids are remembered, by `<source id>:<signal id>`; bounded, newest kept. */
export interface SignalInboxPort {
  get(key: string): SeenSignal | undefined;
  /** Resolves once it is on disk. */
  remember(key: string, seen: SeenSignal): Promise<void>;
  /** The newest decision of a source: the last accepted signal /webhooks shows. */
  lastOf(sourceId: string): (SeenSignal & { readonly signalId: string }) | undefined;
}
