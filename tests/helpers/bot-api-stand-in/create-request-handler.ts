import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from './bot-api-error.js';
import type { CallOutcome, createCallDispatcher } from './create-call-dispatcher.js';
import type { FaultInjector } from './create-fault-injector.js';
import { readPayload, type Payload } from './read-payload.js';
import { writeJson } from './write-json.js';

interface RequestDeps {
  dispatch: ReturnType<typeof createCallDispatcher>['dispatch'];
  faults: FaultInjector;
  control: (command: string, payload: Payload, res: ServerResponse) => void;
}

/**
 * The stand-in's HTTP face: `/bot<token>/<method>` as Telegram serves it, and
 * `/control/<command>` for tests and benchmarks driving it from another process.
 */
export function createRequestHandler(deps: RequestDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const answer = (res: ServerResponse, outcome: CallOutcome): void => {
    if (outcome.kind === 'reply') writeJson(res, outcome.status, outcome.body);
    else if (outcome.kind === 'close') res.socket?.destroy();
    else deps.faults.hold(res);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    if (path.startsWith('/control/')) return deps.control(path.slice('/control/'.length), await readPayload(req), res);
    const match = /^\/bot([^/]+)\/([^/]+)$/.exec(path);
    if (match === null) return writeJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const payload = await readPayload(req);
    // A long poll stops waiting when its caller is gone (a killed bot's socket closes).
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    answer(res, await deps.dispatch(decodeURIComponent(match[2] as string), decodeURIComponent(match[1] as string), payload, gone.signal));
  };

  return (req, res) => void route(req, res).catch((error: unknown) => writeJson(res, 400, badRequest(String(error)).toBody()));
}
