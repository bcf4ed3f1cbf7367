/**
 * `npm run bench`: every performance figure the README quotes, one line each,
 * `name: value unit (target …)`. Run on an otherwise idle machine.
 * `npm run bench -- store webhook` runs only the named ones.
 */
import { benchAlerts } from './bench-alerts.js';
import { benchBackfill } from './bench-backfill.js';
import { benchBarStore } from './bench-bar-store.js';
import { benchCommandRoundTrip } from './bench-command-round-trip.js';
import { benchDelivery } from './bench-delivery.js';
import { benchMemory } from './bench-memory.js';
import { benchResearch } from './bench-research.js';
import { benchScan } from './bench-scan.js';
import { benchStartup } from './bench-startup.js';
import { benchStore } from './bench-store.js';
import { benchThresholds } from './bench-thresholds.js';
import { benchWebhook } from './bench-webhook.js';
import { benchWebhooks } from './bench-webhooks.js';

const BENCHES: Record<string, () => Promise<void>> = {
  'round-trip': benchCommandRoundTrip,
  webhook: benchWebhook,
  store: benchStore,
  'bar-store': benchBarStore,
  scan: benchScan,
  research: benchResearch,
  backfill: benchBackfill,
  alerts: benchAlerts,
  delivery: benchDelivery,
  startup: benchStartup,
  memory: benchMemory,
  thresholds: benchThresholds,
  webhooks: benchWebhooks,
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown bench: ${unknown.join(', ')}. Choose from: ${Object.keys(BENCHES).join(', ')}.`);
  process.exit(2);
}
console.log(`Countersign benchmarks on Node ${process.version}, ${process.platform}/${process.arch}\n`);
for (const [name, run] of Object.entries(BENCHES)) if (chosen.length === 0 || chosen.includes(name)) await run();
