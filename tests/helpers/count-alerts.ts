/** How many raised alerts a delivered message stands for: digest totals and ×counts. */
export function alertsIn(text: string): number {
  const head = text.split('\n')[0] ?? '';
  const digest = / · (\d+) alerts since /.exec(head);
  if (digest !== null) return Number(digest[1]);
  const counted = / ×(\d+)/.exec(head);
  return counted === null ? 1 : Number(counted[1]);
}
