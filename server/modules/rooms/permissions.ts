import type { Executor } from '../../kernel/db/schema.ts';
import { declarePermissions } from '../../kernel/access/permissions.ts';
import type { Role } from '../../kernel/access/roles.ts';
import { registerOwnerResolver } from '../../kernel/http/access.ts';
import './tables.ts';

/**
 * Meeting-room permissions. Booking is everyone's self-service: the room catalogue is city-wide and
 * each room's own rule (all / listed units / approval) says who may book it. Managing buildings, rooms
 * and their bookings belongs to the managing unit's admins, within their scope. Seeing the catalogue,
 * the calendars and booking details is `rooms.read`: every role that books holds it, and so do the
 * read-only auditor and inspector (who see meeting-room use but cannot book).
 */
/** the roles that book rooms; each of them also reads rooms (rooms.read: these and the auditor) */
const BOOKERS: Role[] = [
  'bureau_admin',
  'district_admin',
  'unit_admin',
  'staff',
  'dispatcher',
  'driver',
  'gate_guard',
  'canteen_staff',
  'inspector',
];

declarePermissions([
  {
    name: 'rooms.book',
    label: { 'zh-CN': '查看并预订会议室', en: 'View and book meeting rooms' },
    roles: [...BOOKERS],
  },
  {
    name: 'rooms.manage',
    label: {
      'zh-CN': '管理办公楼、会议室及其预订',
      en: 'Manage buildings, meeting rooms and their bookings',
    },
    roles: ['bureau_admin', 'district_admin', 'unit_admin'],
  },
  {
    name: 'rooms.read',
    label: { 'zh-CN': '查看办公楼与会议室使用情况', en: 'View buildings and meeting-room use' },
    roles: [...BOOKERS, 'auditor'],
    readOnly: true,
  },
]);

registerOwnerResolver('rooms.building', async (db: Executor, id: string) => {
  const row = await db
    .selectFrom('office_building')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});

registerOwnerResolver('rooms.room', async (db: Executor, id: string) => {
  const row = await db
    .selectFrom('meeting_room')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});
