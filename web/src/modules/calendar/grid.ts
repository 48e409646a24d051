/** A month as weeks of ISO dates (Monday first, as calendars in China are printed); null pads the edges. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) cells.push(isoDate(year, month, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Saturday or Sunday, for an ISO date. */
export function isWeekend(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
}

export interface DayEntry {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  nameEn: string | null;
  note: string | null;
}

/** Consecutive days of the same kind and name, e.g. 春节 02-15 – 02-23. */
export interface Period {
  kind: DayEntry['kind'];
  name: string;
  nameEn: string | null;
  from: string;
  to: string;
  days: number;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function periods(entries: readonly DayEntry[]): Period[] {
  const sorted = [...entries].sort((a, b) => a.date.localeCompare(b.date));
  const out: Period[] = [];
  for (const e of sorted) {
    const last = out.at(-1);
    if (last && last.kind === e.kind && last.name === e.name && nextDay(last.to) === e.date) {
      last.to = e.date;
      last.days += 1;
    } else out.push({ kind: e.kind, name: e.name, nameEn: e.nameEn, from: e.date, to: e.date, days: 1 });
  }
  return out;
}
