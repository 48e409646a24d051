/**
 * The EXDATEs of a recurring booking from the days the organiser skips: each is the series' start time
 * of day on that day, with the start's own UTC offset (the server drops occurrences starting exactly
 * then). `start` is an ISO time with an offset, as the booking page sends it ("2026-12-01T15:30:00+08:00");
 * `days` are calendar days "YYYY-MM-DD" in the same zone. Days before the start's own day are left out.
 */
export function exdatesFor(start: string, days: readonly string[]): string[] {
  const first = start.slice(0, 10);
  const time = start.slice(10);
  return [...new Set(days)]
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && d > first)
    .sort()
    .map((d) => `${d}${time}`);
}
