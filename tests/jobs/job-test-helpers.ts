import { pino } from 'pino';
import type { AlertInput, AlertSink } from '../../src/engine/ports/alert-sink.js';

/** An AlertSink that remembers what was raised. */
export function createRecordingAlerts(): AlertSink & { raised: AlertInput[] } {
  const raised: AlertInput[] = [];
  return {
    raised,
    raise: async (alert) => {
      raised.push(alert);
    },
  };
}

/** A logger that keeps its lines, so a test can look for what was logged. */
export function createTestLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

/** A promise and its resolve, to hold a job in progress. */
export function createGate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
