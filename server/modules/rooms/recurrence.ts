import * as rruleModule from 'rrule';
import { DomainError, errors } from '../../kernel/errors.ts';

// node loads rrule's CommonJS build (exports under `default`), vite its ES build (named exports)
const RRule: typeof rruleModule.RRule =
  rruleModule.RRule ?? (rruleModule as unknown as { default: typeof rruleModule }).default.RRule;

/** The longest span a recurring booking may cover, from its first start to its last. */
export const MAX_RECURRENCE_DAYS = 366;
/** The most occurrences one series may hold. */
export const MAX_OCCURRENCES = 366;

const tooLong = () =>
  errors.field('recurrence.rrule', 'recurrence_too_long', {
    'zh-CN': '周期预订最长一年，请设置结束日期或次数（一年以内）',
    en: 'A recurring booking may span at most one year: give an end date or a count within a year',
  });

const badRule = (why: string) =>
  errors.field('recurrence.rrule', 'recurrence_invalid', {
    'zh-CN': `重复规则无效：${why}`,
    en: `The recurrence rule is not valid: ${why}`,
  });

/** Offset of a time zone from UTC at an instant, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const v = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(v('year'), v('month') - 1, v('day'), v('hour'), v('minute'), v('second'));
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The start times of a series: the first start, then every occurrence of the RRULE (RFC 5545, e.g.
 * `FREQ=WEEKLY;BYDAY=MO;UNTIL=20270301T000000Z` or `…;COUNT=10`), minus the excluded dates. Weekdays
 * and times are those of the deployment's time zone. A rule without an end, or one reaching more
 * than a year past the first start, is refused.
 */
export function expandSeries(
  rule: string,
  firstStart: Date,
  exdates: readonly Date[],
  timeZone: string,
): Date[] {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (/DTSTART|TZID/i.test(text)) throw badRule('DTSTART/TZID are taken from the booking');
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(text);
  } catch (e) {
    throw badRule(e instanceof Error ? e.message : String(e));
  }
  if (options.freq === undefined) throw badRule('FREQ is missing');
  if (!options.count && !options.until) throw tooLong();
  if (options.count && options.count > MAX_OCCURRENCES) throw tooLong();
  const limit = firstStart.getTime() + MAX_RECURRENCE_DAYS * 86_400_000;
  if (options.until && options.until.getTime() > limit) throw tooLong();
  // rrule works on "floating" UTC dates: shift into local wall-clock time and back
  const shift = zoneOffsetMinutes(firstStart, timeZone) * 60_000;
  let set: Date[];
  try {
    const r = new RRule({ ...options, dtstart: new Date(firstStart.getTime() + shift) });
    set = r.all((_d, i) => i < MAX_OCCURRENCES + 1);
  } catch (e) {
    throw badRule(e instanceof Error ? e.message : String(e));
  }
  const excluded = new Set(exdates.map((d) => d.getTime()));
  const starts = [firstStart, ...set.map((d) => new Date(d.getTime() - shift))]
    .filter((d, i, all) => all.findIndex((x) => x.getTime() === d.getTime()) === i)
    .filter((d) => !excluded.has(d.getTime()))
    .sort((a, b) => a.getTime() - b.getTime());
  const last = starts[starts.length - 1];
  if (starts.length > MAX_OCCURRENCES || (last && last.getTime() > limit)) throw tooLong();
  if (starts.length === 0) {
    throw new DomainError(
      'recurrence_empty',
      'invalid',
      {
        'zh-CN': '重复规则没有产生任何日期',
        en: 'The recurrence produces no dates',
      },
      [{ field: 'recurrence.rrule', code: 'recurrence_empty' }],
    );
  }
  return starts;
}
