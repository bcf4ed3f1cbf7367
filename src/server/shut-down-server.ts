import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { Logger } from '../logger.js';
import { settlesWithin } from './settles-within.js';

/** After the accepted requests are answered: how long connections still mid-request may take. */
const CLOSE_GRACE_MS = 1_000;

export interface ShutdownSteps {
  server: Server;
  /** Resolves once every accepted webhook request was handled and answered. */
  drained: Promise<void>;
  /** Answers the webhook requests still unanswered at the deadline (503: Telegram redelivers). */
  answerStragglers: () => void;
  timeoutMs: number;
  logger: Logger;
}

/**
 * Stop accepting → finish what was accepted → close idle connections → close.
 *
 * http.Server#close would also close every idle keep-alive connection at once; a health
 * probe or Telegram sending on one of them a moment later would then see a reset. The
 * listening socket is closed alone instead, so requests on connections still open are
 * answered (503 "stopping", `Connection: close`) until the work in flight is done.
 */
export async function shutDownServer(steps: ShutdownSteps): Promise<void> {
  const { server, logger } = steps;
  const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
  if (!(await settlesWithin(steps.drained, steps.timeoutMs))) {
    logger.warn({ timeoutMs: steps.timeoutMs }, 'Shutdown timed out; answering the updates still in flight with 503');
    steps.answerStragglers();
  }
  server.closeIdleConnections();
  if (!(await settlesWithin(closed, CLOSE_GRACE_MS))) {
    // Only connections with a request still arriving are left: nothing accepted is cut.
    server.closeAllConnections();
    await closed;
  }
  // http's close() also stops the request-timeout checker (an unreferenced interval). The
  // listener is gone already, so all it does besides is emit 'close' again, unheard.
  server.close();
}
