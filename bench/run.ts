/**
 * `npm run bench`: every performance figure the README quotes, one line each,
 * `name: value unit (target …)`. Run on an otherwise idle machine.
 */
import { benchAlerts } from './bench-alerts.js';
import { benchBackfill } from './bench-backfill.js';
import { benchBarStore } from './bench-bar-store.js';
import { benchCommandRoundTrip } from './bench-command-round-trip.js';
import { benchMemory } from './bench-memory.js';
import { benchScan } from './bench-scan.js';
import { benchStartup } from './bench-startup.js';
import { benchWebhook } from './bench-webhook.js';

console.log(`Countersign benchmarks on Node ${process.version}, ${process.platform}/${process.arch}\n`);
await benchCommandRoundTrip();
await benchWebhook();
await benchBarStore();
await benchScan();
await benchBackfill();
await benchAlerts();
await benchStartup();
await benchMemory();
