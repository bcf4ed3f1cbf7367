/** Where an account's orders go: the built-in paper broker, Alpaca, or any ccxt exchange. */
export type Venue = 'paper' | 'alpaca' | `ccxt:${string}`;
