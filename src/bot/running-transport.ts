/** How updates reach the bot (terminal, long polling or webhook), once started. */
export interface RunningTransport {
  readonly label: 'LOCAL' | 'POLLING' | 'WEBHOOK';
  /** Resolves when the transport ends by itself (the local chat's input ended). */
  readonly done: Promise<void>;
  /** Stops taking updates and waits for the ones in flight. */
  stop(): Promise<void>;
}
