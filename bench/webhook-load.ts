/**
 * Load generator for the webhook benchmark, run in its own process so it does not share
 * an event loop with the server: POSTs `count` signed updates with `concurrency` keep-alive
 * connections, then prints `{ seconds, failures }` as JSON.
 * Usage: webhook-load.ts <port> <secret> <count> <concurrency> <first update id - 1>
 */
import { Agent, request } from 'node:http';

const [port, secret, count, concurrency] = [Number(process.argv[2]), process.argv[3] ?? '', Number(process.argv[4]), Number(process.argv[5])];
const firstId = Number(process.argv[6] ?? 0) + 1;
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function post(updateId: number): Promise<number> {
  const body = JSON.stringify({
    update_id: updateId,
    message: { message_id: updateId, date: 1_700_000_000, chat: { id: 111, type: 'private', first_name: 'b' }, from: { id: 111, is_bot: false, first_name: 'b' }, text: '/status', entities: [{ type: 'bot_command', offset: 0, length: 7 }] },
  });
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': secret };
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, path: '/hook', method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let next = firstId;
let failures = 0;
const started = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < firstId + count) if ((await post(next++)) !== 200) failures++;
  }),
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
agent.destroy();
console.log(JSON.stringify({ seconds, failures }));
