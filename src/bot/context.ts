import type { Context } from 'grammy';
import type { Config } from '../config.js';
import type { Engine } from '../engine/index.js';
import type { Logger } from '../logger.js';
import type { CommandDefinition } from './command.js';
import type { Role } from './roles.js';
import type { UserDirectory } from './user-directory.js';

/** What every handler may use; built once in the composition root. */
export interface BotDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly engine: Engine;
  readonly users: UserDirectory;
  readonly clock: () => Date;
}

interface AppFlavor {
  deps: BotDeps;
  /** Set by the auth middleware; handlers only ever run with a role. */
  role: Role | undefined;
  /** Short id shown to the user with an error, and on every log line of this update. */
  correlationId: string;
  log: Logger;
  commands: readonly CommandDefinition[];
}

export type BotContext = Context & AppFlavor;
