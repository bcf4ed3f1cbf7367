import { parseArgs } from 'node:util';
import { CONTROL_COMMANDS } from './handle-control.js';
import { startBotApiStandIn, type BotApiStandInOptions } from './start-bot-api-stand-in.js';

/**
 * The stand-in in a process of its own, for benchmarks and kill loops that keep it
 * outside the process under test:
 *
 *   node --import tsx tests/helpers/bot-api-stand-in/main.ts --port 0 [--token T]
 *     [--webhook-origin http://127.0.0.1:8080] [--no-rate-limits] [--options '<json>']
 *
 * Prints one JSON line `{"url":…,"port":…,"pid":…,"control":[…]}` once listening, takes
 * control commands at `POST <url>/control/<command>`, and exits 0 on SIGTERM or SIGINT.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
    'webhook-origin': { type: 'string' },
    'no-rate-limits': { type: 'boolean', default: false },
    options: { type: 'string', default: '{}' },
  },
});

const extra = JSON.parse(values.options) as BotApiStandInOptions;
const standIn = await startBotApiStandIn({
  ...extra,
  port: Number(values.port),
  host: values.host,
  ...(values.token === undefined ? {} : { token: values.token }),
  ...(values['no-rate-limits'] ? { rateLimits: false } : {}),
  webhook: { ...extra.webhook, ...(values['webhook-origin'] === undefined ? {} : { origin: values['webhook-origin'] }) },
});
process.stdout.write(`${JSON.stringify({ url: standIn.url, port: standIn.port, pid: process.pid, control: CONTROL_COMMANDS })}\n`);

const stop = (): void => {
  void standIn.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
