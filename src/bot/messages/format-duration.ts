/** `3725` → `1h 2m 5s`; days for long uptimes. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const parts: [number, string][] = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3_600), 'h'],
    [Math.floor((s % 3_600) / 60), 'm'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return '0s';
  return parts
    .slice(first, first + 3)
    .map(([n, unit]) => `${n}${unit}`)
    .join(' ');
}

/** How long work took, as a person reads it: "under 1s" rather than "0s", else as formatDuration. */
export function formatTaken(ms: number): string {
  return ms < 1_000 ? 'under 1s' : formatDuration(ms / 1000);
}

/** `1536` → `1.5 kB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
