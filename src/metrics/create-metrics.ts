import type { MetricsSources } from './metrics-sources.js';
import { registerMetrics } from './register-metrics.js';

/**
 * Prometheus metrics. prom-client (about 50 ms and 13 MB) loads with the first scrape, not
 * at start-up: everything it reports is read from state that exists anyway, so nothing
 * is missed before it loads.
 */
export function createMetrics(sources: MetricsSources) {
  let loading: Promise<{ render: () => Promise<string>; contentType: string }> | undefined;
  const load = async () => {
    const prom = await import('prom-client');
    const registry = new prom.Registry();
    const beforeScrape = registerMetrics(prom, registry, sources);
    return {
      render: () => {
        beforeScrape();
        return registry.metrics();
      },
      contentType: registry.contentType,
    };
  };
  return {
    /** The text exposition of every metric, as a scrape gets it. */
    async render(): Promise<{ contentType: string; body: string }> {
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      const metrics = await loading;
      return { contentType: metrics.contentType, body: await metrics.render() };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
