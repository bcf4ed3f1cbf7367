/**
 * `npm run bench`: every performance figure the README quotes, one line each,
 * `name: value unit (target …)`. Run on an otherwise idle machine.
 */
import { benchCommandRoundTrip } from './bench-command-round-trip.js';
import { benchWebhook } from './bench-webhook.js';
import { report } from './measure.js';

console.log(`Countersign benchmarks on Node ${process.version}, ${process.platform}/${process.arch}\n`);
await benchCommandRoundTrip();
await benchWebhook();
report('resident memory after the benchmarks', process.memoryUsage().rss / 1024 / 1024, 'MB', '< 300 MB', 0);
