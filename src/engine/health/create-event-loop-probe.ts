import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Event-loop delay over a window, in milliseconds; undefined values when nothing was
 * sampled. The delays are beyond the sampling interval: an idle loop reads about 0.
 */
export interface EventLoopDelay {
  readonly from: Date;
  readonly to: Date;
  readonly samples: number;
  /** How often the loop was sampled; already taken out of the delays below. */
  readonly resolutionMs: number;
  readonly p50Ms: number | undefined;
  readonly p99Ms: number | undefined;
  readonly maxMs: number | undefined;
}

export interface EventLoopProbe {
  /** The delay since the window started; a window older than `windowMs` starts afresh after the read. */
  read(now: Date): EventLoopDelay;
  stop(): void;
}

export interface EventLoopProbeOptions {
  /** Sampling resolution. Default 20 ms (the node default is 10; half the timer wake-ups). */
  readonly resolutionMs?: number;
  /** Minimum length of a window. Default 60 s. */
  readonly windowMs?: number;
  readonly startedAt?: Date;
}

const NS_PER_MS = 1e6;

/**
 * Measures how late the event loop runs timers (node:perf_hooks). A busy loop delays
 * every webhook answer and every job, so /health shows it as measured, with its window.
 * The histogram's timer is unref'd by Node: it never keeps the process alive.
 *
 * Node records the whole time between two samples, so an idle loop sampled every 20 ms
 * reads 20 ms (https://nodejs.org/api/perf_hooks.html#perf_hooksmonitoreventloopdelayoptions):
 * the resolution is subtracted, leaving the lateness alone.
 */
export function createEventLoopProbe(options: EventLoopProbeOptions = {}): EventLoopProbe {
  const resolutionMs = options.resolutionMs ?? 20;
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  const windowMs = options.windowMs ?? 60_000;
  let from = options.startedAt ?? new Date();
  histogram.enable();
  return {
    read(now) {
      const samples = histogram.count;
      const ms = (ns: number) => (samples === 0 ? undefined : lateness(ns, resolutionMs));
      const delay: EventLoopDelay = {
        from,
        to: now,
        samples,
        resolutionMs,
        p50Ms: ms(histogram.percentile(50)),
        p99Ms: ms(histogram.percentile(99)),
        maxMs: ms(histogram.max),
      };
      if (now.getTime() - from.getTime() >= windowMs) {
        histogram.reset();
        from = now;
      }
      return delay;
    },
    stop: () => histogram.disable(),
  };
}

/** Nanoseconds between samples → milliseconds late, to 0.1 ms, never below 0. */
export function lateness(ns: number, resolutionMs: number): number {
  return Math.max(0, Math.round((ns / NS_PER_MS - resolutionMs) * 10) / 10);
}
