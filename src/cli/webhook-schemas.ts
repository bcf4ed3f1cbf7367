/**
 * `npm run webhook-schemas`: the JSON Schema of every outbound webhook payload, by event
 * type, on stdout, for receivers that validate or generate types in another language.
 */
import { webhookJsonSchemas } from '../outbound/webhook-payloads.js';

process.stdout.write(`${JSON.stringify(webhookJsonSchemas(), null, 2)}\n`);
