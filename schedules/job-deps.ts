import type { Engine } from '../src/engine/index.js';

/** What a scheduled job may use. */
export interface JobDeps {
  readonly engine: Engine;
}
