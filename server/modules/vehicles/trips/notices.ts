import type { Tx } from '../../../kernel/db/schema.ts';
import type { Messages } from '../../../kernel/errors.ts';
import { notify } from '../../../kernel/notify/index.ts';

/**
 * Who hears of a change to the trips (a plan accepted or adjusted by re-planning, a dispatcher's manual
 * assignment or cancellation): the drivers whose trips were added, changed or removed (with the new
 * time and vehicle), the requesters whose trip's vehicle, driver or time changed, and the dispatchers of
 * every pool involved (the request's, and the vehicle's when it is lent) but the one who acted. One
 * in-app notice per person per change, however many of their trips it touches.
 */

/** A trip as it was or is: enough to say what changed. */
export interface TripState {
  requestId: string | null;
  vehicleId: string;
  driverId: string;
  startsAt: Date;
  endsAt: Date;
}

/** One trip's change: added (no before), removed (no after) or moved/retimed (both). */
export interface TripChange {
  before: TripState | null;
  after: TripState | null;
}

export interface ChangeContext {
  /** the account that acted (not told of its own change); null for the system */
  actorAccountId: string | null;
  timeZone: string;
  /** what happened, for the title: e.g. 派车方案调整 / dispatch plan adjusted */
  what: Messages;
  /** where a dispatcher looks at it */
  deskLink: string;
}

type Line = Messages;
interface Inbox {
  role: 'driver' | 'requester' | 'dispatcher';
  lines: Line[];
}

const NIL = '00000000-0000-4000-8000-000000000000';
const ROLE_RANK = { driver: 0, requester: 1, dispatcher: 2 } as const;

const same = (a: TripState, b: TripState) =>
  a.vehicleId === b.vehicleId &&
  a.driverId === b.driverId &&
  a.startsAt.getTime() === b.startsAt.getTime() &&
  a.endsAt.getTime() === b.endsAt.getTime();

/** Sends the notices of one change of trips (in its transaction); returns how many accounts were told. */
export async function notifyTripChanges(
  tx: Tx,
  changes: readonly TripChange[],
  c: ChangeContext,
): Promise<number> {
  const real = changes.filter((x) => !(x.before && x.after && same(x.before, x.after)));
  if (!real.length) return 0;
  const states = real.flatMap((x) => [x.before, x.after]).filter((s): s is TripState => s !== null);
  const ids = (k: 'vehicleId' | 'driverId' | 'requestId') => [
    ...new Set(states.flatMap((s) => (s[k] ? [s[k]] : []))),
    NIL,
  ];
  const vehicles = new Map(
    (
      await tx
        .selectFrom('veh_vehicle')
        .select(['id', 'plate', 'jurisdiction_id'])
        .where('id', 'in', ids('vehicleId'))
        .execute()
    ).map((v) => [v.id, v]),
  );
  const drivers = new Map(
    (
      await tx
        .selectFrom('veh_driver')
        .select(['id', 'name', 'account_id'])
        .where('id', 'in', ids('driverId'))
        .execute()
    ).map((d) => [d.id, d]),
  );
  const requests = new Map(
    (
      await tx
        .selectFrom('veh_request')
        .select(['id', 'no', 'requester_account_id', 'jurisdiction_id'])
        .where('id', 'in', ids('requestId'))
        .execute()
    ).map((r) => [r.id, r]),
  );

  const fmt = new Intl.DateTimeFormat('zh-CN', {
    timeZone: c.timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const when = (s: TripState) => `${fmt.format(s.startsAt)}–${fmt.format(s.endsAt).slice(-5)}`;
  const plate = (s: TripState) => vehicles.get(s.vehicleId)?.plate ?? '?';
  const driverName = (s: TripState) => drivers.get(s.driverId)?.name ?? '?';
  const request = (s: TripState) => (s.requestId ? requests.get(s.requestId) : undefined);
  const no = (s: TripState) => request(s)?.no ?? '—';

  const inboxes = new Map<string, Inbox>();
  const tell = (account: string | null | undefined, role: Inbox['role'], line: Line) => {
    if (!account) return;
    const box = inboxes.get(account) ?? { role, lines: [] };
    if (ROLE_RANK[role] < ROLE_RANK[box.role]) box.role = role;
    if (!box.lines.some((l) => l['zh-CN'] === line['zh-CN'])) box.lines.push(line);
    inboxes.set(account, box);
  };
  const added = (s: TripState): Line => ({
    'zh-CN': `新增 ${no(s)}：${when(s)}，${plate(s)}`,
    en: `Added ${no(s)}: ${when(s)}, ${plate(s)}`,
  });
  const changed = (s: TripState): Line => ({
    'zh-CN': `变更 ${no(s)}：${when(s)}，${plate(s)}`,
    en: `Changed ${no(s)}: ${when(s)}, ${plate(s)}`,
  });
  const removed = (s: TripState): Line => ({
    'zh-CN': `撤销 ${no(s)}：原 ${when(s)}，${plate(s)}`,
    en: `Removed ${no(s)}: was ${when(s)}, ${plate(s)}`,
  });
  const pools = new Set<string>();
  /** a requester's (last) request, for the notice's link */
  const requestOf = new Map<string, string>();

  for (const { before, after } of real) {
    for (const s of [before, after]) {
      if (!s) continue;
      const r = request(s);
      if (r) pools.add(r.jurisdiction_id);
      const v = vehicles.get(s.vehicleId);
      if (v) pools.add(v.jurisdiction_id);
    }
    // drivers: the new crew's driver hears of the trip, a driver who lost it hears of that
    if (after) {
      const mine = before && before.driverId === after.driverId;
      tell(drivers.get(after.driverId)?.account_id, 'driver', mine ? changed(after) : added(after));
    }
    if (before && (!after || after.driverId !== before.driverId))
      tell(drivers.get(before.driverId)?.account_id, 'driver', removed(before));
    // requesters: their trip's vehicle, driver and time as they now are
    const r = request(after ?? before!);
    if (r) requestOf.set(r.requester_account_id, r.id);
    tell(
      r?.requester_account_id,
      'requester',
      after
        ? {
            'zh-CN': `${no(after)}：${plate(after)}，驾驶员 ${driverName(after)}，${when(after)}`,
            en: `${no(after)}: ${plate(after)}, driver ${driverName(after)}, ${when(after)}`,
          }
        : {
            'zh-CN': `${no(before!)}：原派车（${plate(before!)}）已撤销，等待重新派车`,
            en: `${no(before!)}: the assignment (${plate(before!)}) was withdrawn; waiting to be dispatched again`,
          },
    );
  }

  // the dispatchers of the pools involved (a lent vehicle's pool too), but not the one who acted
  const dispatchers = pools.size
    ? await tx
        .selectFrom('auth_role_assignment')
        .select('account_id')
        .where('role', '=', 'dispatcher')
        .where('jurisdiction_id', 'in', [...pools])
        .execute()
    : [];
  const counts = {
    added: real.filter((x) => !x.before).length,
    moved: real.filter((x) => x.before && x.after).length,
    removed: real.filter((x) => !x.after).length,
  };
  const summary: Line = {
    'zh-CN': `新增 ${counts.added} 项，变更 ${counts.moved} 项，撤销 ${counts.removed} 项`,
    en: `${counts.added} added, ${counts.moved} changed, ${counts.removed} removed`,
  };
  const overview: Line[] = real.map(({ before, after }) =>
    !before
      ? added(after!)
      : !after
        ? removed(before)
        : {
            'zh-CN': `变更 ${no(after)}：${plate(before)}（${driverName(before)}）${when(before)} → ${plate(after)}（${driverName(after)}）${when(after)}`,
            en: `Changed ${no(after)}: ${plate(before)} (${driverName(before)}) ${when(before)} → ${plate(after)} (${driverName(after)}) ${when(after)}`,
          },
  );
  for (const d of dispatchers) for (const l of overview) tell(d.account_id, 'dispatcher', l);
  if (c.actorAccountId) inboxes.delete(c.actorAccountId);

  for (const [account, box] of inboxes) {
    const title: Messages =
      box.role === 'driver'
        ? { 'zh-CN': `${c.what['zh-CN']}：您的出车任务有变化`, en: `${c.what.en}: your trips changed` }
        : box.role === 'requester'
          ? {
              'zh-CN': `${c.what['zh-CN']}：您的用车安排有变化`,
              en: `${c.what.en}: your trip's vehicle, driver or time changed`,
            }
          : { 'zh-CN': `${c.what['zh-CN']}（${summary['zh-CN']}）`, en: `${c.what.en} (${summary.en})` };
    await notify(tx, [account], {
      kind: `vehicles.trips_changed`,
      title,
      // one text for both locales: Chinese first, English after
      body: [box.lines.map((l) => l['zh-CN']).join('；'), box.lines.map((l) => l.en).join('; ')].join('\n'),
      link:
        box.role === 'driver'
          ? '/vehicles/driver'
          : box.role === 'requester'
            ? `/vehicles/requests/${requestOf.get(account) ?? ''}`
            : c.deskLink,
    });
  }
  return inboxes.size;
}
