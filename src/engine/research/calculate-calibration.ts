import type { ResearchIdeaRecord } from './research-records.js';

/**
 * Is a 0.8 idea right more often than a 0.6 one? Ideas whose horizon has passed, grouped
 * by the confidence the model gave them, with how many were right (see IdeaOutcome.hit).
 */
export interface CalibrationBucket {
  /** `0.6–0.7`; the last bucket includes 1. */
  readonly label: string;
  readonly from: number;
  readonly to: number;
  /** Ideas in the bucket, evaluated or not. */
  readonly ideas: number;
  readonly evaluated: number;
  readonly hits: number;
  /** Hits over evaluated; undefined with none evaluated. */
  readonly hitRate?: number;
}

const EDGES = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

export function calculateCalibration(ideas: readonly Pick<ResearchIdeaRecord, 'confidence' | 'outcome'>[]): CalibrationBucket[] {
  return EDGES.slice(0, -1).map((from, i) => {
    const to = EDGES[i + 1] ?? 1;
    const last = i === EDGES.length - 2;
    const inside = ideas.filter((idea) => idea.confidence >= from && (idea.confidence < to || (last && idea.confidence <= to)));
    const evaluated = inside.filter((idea) => idea.outcome !== undefined);
    const hits = evaluated.filter((idea) => idea.outcome?.hit === true).length;
    return {
      label: `${from.toFixed(1)}–${to.toFixed(1)}`,
      from,
      to,
      ideas: inside.length,
      evaluated: evaluated.length,
      hits,
      ...(evaluated.length === 0 ? {} : { hitRate: hits / evaluated.length }),
    };
  });
}
