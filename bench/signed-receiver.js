// @ts-check
/**
 * The outbound bench's receiver, in a process of its own as a customer's would be: it
 * verifies every delivery with the `standardwebhooks` library, answers 204, and prints
 * `ready <port>`, then `count <verified> <rejected>` whenever asked on stdin.
 */
import { createServer } from 'node:http';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { Webhook } from 'standardwebhooks';

const webhook = new Webhook(process.env.WEBHOOK_SECRET ?? '');
let verified = 0;
let rejected = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    try {
      webhook.verify(Buffer.concat(chunks).toString('utf8'), /** @type {Record<string, string>} */ (req.headers), { jsonParse: false });
      verified++;
      res.writeHead(204).end();
    } catch {
      rejected++;
      res.writeHead(401).end();
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`ready ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
process.stdin.on('data', () => process.stdout.write(`count ${verified} ${rejected}\n`));
process.stdin.on('end', () => process.exit(0));
