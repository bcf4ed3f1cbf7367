/**
 * Bytes one bar takes in the bar store (six float64: see src/store/bar-store/bar-record.ts,
 * which the engine may not import). A test checks that the two agree.
 */
export const RECORD_BYTES_PER_BAR = 48;
