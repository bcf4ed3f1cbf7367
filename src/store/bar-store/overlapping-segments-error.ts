import { CountersignError } from '../../errors.js';

/**
 * Two files of one series hold overlapping times. The store never writes that (each write
 * lands in a hole), so the files were copied or edited by hand; reading them would mix
 * two histories, so the series is refused until one file is moved away.
 */
export class OverlappingSegmentsError extends CountersignError {
  readonly code = 'bar_segments_overlap';

  constructor(
    readonly older: string,
    readonly newer: string,
  ) {
    super(`Bar files ${older} and ${newer} overlap in time. Move one of them out of the data directory and start again.`);
  }
}
