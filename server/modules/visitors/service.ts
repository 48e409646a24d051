import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/index.ts';
import { notify } from '../../kernel/notify/index.ts';
import { errors } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/http/access.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import type { PageQuery } from '../../kernel/http/paging.ts';
import { visitorErrors as ve } from './errors.ts';
import type { PersonalDataCipher } from './crypto.ts';
import {
  idNumberProblem,
  isMobile,
  isPlate,
  maskIdNumber,
  normalizeIdNumber,
  normalizeMobile,
  normalizePlate,
} from './validate.ts';
import type { VisitStatus } from './tables.ts';
import './tables.ts';

export interface VisitorInput {
  visitorName: string;
  idNumber: string;
  mobile: string;
  company?: string | null | undefined;
  purpose: string;
  startsAt: string;
  endsAt: string;
  plate?: string | null | undefined;
}

export interface CheckedVisitor {
  visitorName: string;
  idNumber: string;
  mobile: string;
  company: string | null;
  purpose: string;
  startsAt: Date;
  endsAt: Date;
  plate: string | null;
}

const MAX_WINDOW_MS = 7 * 24 * 3600_000;
/** how far ahead an appointment may be asked for (the public page offers the same days) */
export const MAX_AHEAD_DAYS = 30;

/** Validates and normalises what a visitor typed; the first problem is thrown as a field error. */
export function checkVisitor(input: VisitorInput, now: Date, allowPast = false): CheckedVisitor {
  const problem = idNumberProblem(input.idNumber);
  if (problem) throw ve.idNumber(problem);
  if (!isMobile(input.mobile)) throw ve.mobile();
  const plate = input.plate?.trim() ? normalizePlate(input.plate) : null;
  if (plate && !isPlate(plate)) throw ve.plate();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()) || endsAt <= startsAt)
    throw ve.window();
  if (!allowPast && endsAt <= now) throw ve.window();
  if (startsAt.getTime() - now.getTime() > MAX_AHEAD_DAYS * 24 * 3600_000)
    throw ve.tooFarAhead(MAX_AHEAD_DAYS);
  if (endsAt.getTime() - startsAt.getTime() > MAX_WINDOW_MS) throw ve.windowTooLong();
  return {
    visitorName: input.visitorName.trim(),
    idNumber: normalizeIdNumber(input.idNumber),
    mobile: normalizeMobile(input.mobile),
    company: input.company?.trim() || null,
    purpose: input.purpose.trim(),
    startsAt,
    endsAt,
    plate,
  };
}

export const newToken = () => crypto.randomBytes(18).toString('base64url');
/** 8 digits: easy to read out at the gate; unguessable links carry the pass, not the code. */
export const newPassCode = () => String(crypto.randomInt(10_000_000, 100_000_000));

export interface Host {
  personId: string;
  name: string;
  unitId: string;
  unitName: string;
  jurisdictionId: string;
  siteId: string;
  siteName: string;
}

async function hostFromPerson(db: Executor, personId: string, siteId: string): Promise<Host | undefined> {
  const row = await db
    .selectFrom('org_person as p')
    .innerJoin('org_unit as u', 'u.id', 'p.unit_id')
    .innerJoin('visitor_site as s', (j) => j.on('s.id', '=', siteId))
    .select([
      'p.id',
      'p.name',
      'u.id as unit_id',
      'u.name as unit_name',
      'p.jurisdiction_id',
      's.id as site_id',
      's.name as site_name',
    ])
    .where('p.id', '=', personId)
    .where('p.status', '=', 'active')
    .executeTakeFirst();
  return (
    row && {
      personId: row.id,
      name: row.name,
      unitId: row.unit_id,
      unitName: row.unit_name,
      jurisdictionId: row.jurisdiction_id,
      siteId: row.site_id,
      siteName: row.site_name,
    }
  );
}

/** The host behind a shareable link. */
export async function hostByLink(db: Executor, token: string): Promise<Host> {
  const link = await db
    .selectFrom('visitor_host_link')
    .selectAll()
    .where('token', '=', token)
    .executeTakeFirst();
  const host = link && (await hostFromPerson(db, link.person_id, link.site_id));
  if (!host) throw ve.linkNotFound();
  return host;
}

/** The host a visitor names on the general page: exact name and phone, at the chosen site. */
export async function hostByNameAndPhone(
  db: Executor,
  siteId: string,
  name: string,
  phone: string,
): Promise<Host> {
  const person = await db
    .selectFrom('org_person')
    .select('id')
    .where('name', '=', name.trim())
    .where('phone', '=', normalizeMobile(phone))
    .where('status', '=', 'active')
    .executeTakeFirst();
  const host = person && (await hostFromPerson(db, person.id, siteId));
  if (!host) throw ve.hostNotFound();
  return host;
}

/** the host's active accounts: whom a visit's notices go to */
export async function hostAccounts(db: Executor, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('auth_account')
    .select('id')
    .where('person_id', '=', personId)
    .where('disabled', '=', false)
    .execute();
  return rows.map((r) => r.id);
}

async function blacklisted(db: Executor, idHash: string) {
  return db.selectFrom('visitor_blacklist').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export interface NewVisit {
  host: Host;
  visitor: CheckedVisitor;
  status: VisitStatus;
  walkIn?: boolean;
  checks?: Record<string, unknown> | null;
}

/** Inserts a visit with its encrypted ID number; the caller audits. */
export async function insertVisit(tx: Tx, cipher: PersonalDataCipher, v: NewVisit) {
  const id = v.visitor.idNumber;
  const idHash = cipher.hash(id);
  const flagged = (await blacklisted(tx, idHash)) !== undefined;
  const approved = v.status === 'approved' || v.status === 'checked_in';
  return tx
    .insertInto('visitor_visit')
    .values({
      site_id: v.host.siteId,
      jurisdiction_id: v.host.jurisdictionId,
      unit_id: v.host.unitId,
      host_person_id: v.host.personId,
      visitor_name: v.visitor.visitorName,
      id_cipher: cipher.encrypt(id),
      id_hash: idHash,
      id_last4: id.slice(-4),
      id_head3: id.slice(0, 3),
      mobile: v.visitor.mobile,
      company: v.visitor.company,
      purpose: v.visitor.purpose,
      starts_at: v.visitor.startsAt,
      ends_at: v.visitor.endsAt,
      plate: v.visitor.plate,
      status: v.status,
      walk_in: v.walkIn ?? false,
      pass_code: approved ? newPassCode() : null,
      pass_token: newToken(),
      checked_in_at: v.status === 'checked_in' ? new Date() : null,
      checks: v.checks ? JSON.stringify(v.checks) : null,
      flagged,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const publicActor = (ip: string | null): Actor => ({ accountId: null, label: 'public', ip });

/** A visitor's appointment from the public page; the host is notified in the app. */
export async function registerVisit(
  db: Db,
  cipher: PersonalDataCipher,
  host: Host,
  input: VisitorInput,
  ip: string | null,
) {
  const visitor = checkVisitor(input, new Date());
  return inTransaction(db, async (tx) => {
    // the same request again (a second tap on submit, a resent form): refused, the host asked once
    const same = await tx
      .selectFrom('visitor_visit')
      .select('id')
      .where('host_person_id', '=', host.personId)
      .where('id_hash', '=', cipher.hash(visitor.idNumber))
      .where('starts_at', '=', visitor.startsAt)
      .where('ends_at', '=', visitor.endsAt)
      .where('status', 'in', ['pending', 'approved'])
      .executeTakeFirst();
    if (same) throw ve.duplicate();
    const row = await insertVisit(tx, cipher, { host, visitor, status: 'pending' });
    await audit(tx, publicActor(ip), {
      entity: 'visitors.visit',
      entityId: row.id,
      action: 'register',
      after: {
        visitor: row.visitor_name,
        host: host.name,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        plate: row.plate,
      },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
    await notify(tx, await hostAccounts(tx, host.personId), {
      kind: 'visitors.request',
      title: {
        'zh-CN': `访客预约待审批：${row.visitor_name}`,
        en: `Visitor appointment to decide: ${row.visitor_name}`,
      },
      body: [row.company, row.purpose].filter(Boolean).join(' · '),
      link: `/visitors/visits/${row.id}`,
    });
    return { passToken: row.pass_token, status: row.status };
  });
}

/** The host (or a unit admin) approves or declines a pending appointment. */
export async function decideVisit(db: Db, id: string, approve: boolean, reason: string | null, actor: Actor) {
  return inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('visitor_visit')
      .set({
        status: approve ? 'approved' : 'declined',
        pass_code: approve ? newPassCode() : null,
        decided_at: new Date(),
        decided_by: actor.accountId,
        decline_reason: approve ? null : reason,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      // a pass for a visit already over would be useless: such a visit can only be declined
      .$if(approve, (q) => q.where('ends_at', '>', sql<Date>`now()`))
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const cur = await tx
        .selectFrom('visitor_visit')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirst();
      throw cur?.status === 'pending' ? ve.visitOver() : ve.notPending();
    }
    await audit(tx, actor, {
      entity: 'visitors.visit',
      entityId: id,
      action: approve ? 'approve' : 'decline',
      before: { status: 'pending' },
      after: { status: row.status, reason },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
    return row;
  });
}

/** What the unguessable pass link shows: the status, and the code while it is valid. */
export async function passView(db: Db, token: string) {
  const row = await db
    .selectFrom('visitor_visit as v')
    .innerJoin('org_person as p', 'p.id', 'v.host_person_id')
    .innerJoin('org_unit as u', 'u.id', 'v.unit_id')
    .innerJoin('visitor_site as s', 's.id', 'v.site_id')
    .select([
      'v.status',
      'v.visitor_name',
      'v.starts_at',
      'v.ends_at',
      'v.plate',
      'v.pass_code',
      'v.decline_reason',
      'p.name as host_name',
      'u.name as unit_name',
      's.name as site_name',
      's.address as site_address',
    ])
    .where('v.pass_token', '=', token)
    .executeTakeFirst();
  if (!row) throw errors.notFound('visitors.pass');
  const expired = row.ends_at.getTime() <= Date.now();
  const valid = row.status === 'approved' && !expired;
  return {
    status: row.status,
    expired,
    visitorName: row.visitor_name,
    hostName: row.host_name,
    unitName: row.unit_name,
    siteName: row.site_name,
    siteAddress: row.site_address,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    plate: row.plate,
    passCode: valid ? row.pass_code : null,
    declineReason: row.decline_reason,
  };
}

export interface VisitView {
  id: string;
  siteId: string;
  siteName: string;
  unitName: string;
  hostName: string;
  visitorName: string;
  idMasked: string | null;
  mobile: string | null;
  company: string | null;
  purpose: string;
  startsAt: string;
  endsAt: string;
  plate: string | null;
  status: VisitStatus;
  walkIn: boolean;
  flagged: boolean;
  passCode: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  checks: Record<string, unknown> | null;
  declineReason: string | null;
}

export function visitBase(db: Executor) {
  return db
    .selectFrom('visitor_visit as v')
    .innerJoin('org_person as p', 'p.id', 'v.host_person_id')
    .innerJoin('org_unit as u', 'u.id', 'v.unit_id')
    .innerJoin('visitor_site as s', 's.id', 'v.site_id')
    .select([
      'v.id',
      'v.site_id',
      's.name as site_name',
      'u.name as unit_name',
      'p.name as host_name',
      'v.visitor_name',
      'v.id_head3',
      'v.id_last4',
      'v.mobile',
      'v.company',
      'v.purpose',
      'v.starts_at',
      'v.ends_at',
      'v.plate',
      'v.status',
      'v.walk_in',
      'v.flagged',
      'v.pass_code',
      'v.checked_in_at',
      'v.checked_out_at',
      'v.checks',
      'v.decline_reason',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof visitBase>['executeTakeFirstOrThrow']>>;

export function toView(r: BaseRow): VisitView {
  return {
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    unitName: r.unit_name,
    hostName: r.host_name,
    visitorName: r.visitor_name,
    idMasked: r.id_head3 && r.id_last4 ? maskIdNumber(`${r.id_head3}${'0'.repeat(11)}${r.id_last4}`) : null,
    mobile: r.mobile,
    company: r.company,
    purpose: r.purpose,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    plate: r.plate,
    status: r.status,
    walkIn: r.walk_in,
    flagged: r.flagged,
    passCode: r.pass_code,
    checkedInAt: r.checked_in_at?.toISOString() ?? null,
    checkedOutAt: r.checked_out_at?.toISOString() ?? null,
    checks: r.checks,
    declineReason: r.decline_reason,
  };
}

export interface VisitQuery extends PageQuery {
  status?: VisitStatus | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Visits in the caller's scope: hosts their own, unit admins their unit, admins their jurisdiction. */
export async function listVisits(db: Db, scope: DataScope, q: VisitQuery) {
  let base = visitBase(db).where(
    scope.where({ jurisdiction: 'v.jurisdiction_id', unit: 'v.unit_id', person: 'v.host_person_id' }),
  );
  if (q.status) base = base.where('v.status', '=', q.status);
  if (q.from) base = base.where('v.ends_at', '>=', new Date(q.from));
  if (q.to) base = base.where('v.starts_at', '<', new Date(q.to));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('v.visitor_name', 'like', like),
        eb('v.company', 'like', like),
        eb('v.plate', 'like', like.toUpperCase()),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    base
      .orderBy('v.starts_at', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toView), total: total.n, page: q.page, pageSize: q.pageSize };
}

/** The caller's own visits as a host (the "我的" page). */
export async function myVisits(db: Db, personId: string | null) {
  if (!personId) return [];
  const rows = await visitBase(db)
    .where('v.host_person_id', '=', personId)
    .where('v.ends_at', '>=', sql<Date>`now() - interval '7 days'`)
    .orderBy('v.starts_at', 'asc')
    .limit(20)
    .execute();
  return rows.map(toView);
}

export async function getVisit(db: Db, id: string) {
  const row = await visitBase(db).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('visitors.visit', id);
  return toView(row);
}

/** The caller's shareable appointment link (made on first request) at the first site of their unit. */
export async function hostLink(db: Db, personId: string | null, actor: Actor) {
  if (!personId) throw errors.forbidden();
  const existing = await db
    .selectFrom('visitor_host_link')
    .select('token')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (existing) return { token: existing.token };
  return inTransaction(db, async (tx) => {
    const site = await tx
      .selectFrom('visitor_site as s')
      .innerJoin('org_person as p', (j) => j.on('p.id', '=', personId))
      .select(['s.id'])
      .orderBy(
        sql`case when s.unit_id = p.unit_id then 0 when s.jurisdiction_id = p.jurisdiction_id then 1 else 2 end`,
      )
      .orderBy('s.created_at')
      .executeTakeFirst();
    if (!site) throw errors.notFound('visitors.site');
    const token = newToken();
    await tx
      .insertInto('visitor_host_link')
      .values({ token, person_id: personId, site_id: site.id })
      .execute();
    await audit(tx, actor, { entity: 'visitors.host_link', entityId: personId, action: 'create' });
    return { token };
  });
}

/** Sites a visitor may choose on the general page. */
export async function publicSites(db: Db) {
  const rows = await db
    .selectFrom('visitor_site')
    .select(['id', 'name', 'address'])
    .orderBy('name')
    .execute();
  return rows;
}

export { blacklisted, hostFromPerson, maskIdNumber };
