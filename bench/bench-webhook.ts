import { createTestEngine } from '../tests/helpers/test-engine.js';
import { median, report } from './measure.js';
import { measureStatusThroughput } from './webhook-throughput.js';

/** /status over the webhook on an engine in memory: the server and middleware alone. */
export async function benchWebhook(): Promise<void> {
  const { engine, document, history } = createTestEngine();
  const rates = await measureStatusThroughput({ engine, document, history, updates: 10_000, runs: 3 });
  report('webhook throughput, median of 3 runs (secret check, dedupe, dispatch, /status answered)', median(rates), 'updates/s', '≥ 2,000', 0);
  report('webhook throughput, slowest run', Math.min(...rates), 'updates/s', '≥ 2,000', 0);
}
