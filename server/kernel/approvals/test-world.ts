import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db, Executor } from '../db/schema.ts';
import {
  buildAccount,
  buildJurisdiction,
  buildPerson,
  buildUnit,
  type GrantSpec,
} from '../testing/factories.ts';
import { login } from '../auth/service.ts';
import { TestClient } from '../testing/harness.ts';
import '../files/tables.ts';

/** Test set-up shared by the approvals suites: a district with a unit, its requester and its approvers. */

export interface Person {
  id: string;
  username: string;
  personId: string | null;
  client: TestClient;
}

const SESSION = { sessionHours: 1, maxFailures: 5, lockMinutes: 1 };

export async function person(
  app: FastifyInstance,
  db: Executor,
  opts: { unitId?: string; grants?: GrantSpec[]; username?: string; personless?: boolean } = {},
): Promise<Person> {
  const personId = opts.personless ? null : (await buildPerson(db, { unitId: opts.unitId })).id;
  const acc = await buildAccount(db, { personId, grants: opts.grants ?? [], username: opts.username });
  // a session through the auth service: the login route's per-IP throttle would stop a suite this size
  const session = await login(db as Db, SESSION, {
    username: acc.username,
    password: acc.password,
    kind: 'bearer',
    ip: '127.0.0.1',
    userAgent: 'approvals-test',
  });
  return { id: acc.id, username: acc.username, personId, client: new TestClient(app, session.token) };
}

export interface World {
  jurisdictionId: string;
  unitId: string;
  requester: Person;
  district: [Person, Person];
}

/** A new district with one unit, a unit admin who raises matters, and two district admins. */
export async function world(app: FastifyInstance, db: Executor): Promise<World> {
  const j = await buildJurisdiction(db);
  const unit = await buildUnit(db, { jurisdictionId: j.id });
  const requester = await person(app, db, {
    unitId: unit.id,
    grants: [{ role: 'unit_admin', scope: 'unit', unitId: unit.id }],
  });
  const grants: GrantSpec[] = [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: j.id }];
  const district: [Person, Person] = [await person(app, db, { grants }), await person(app, db, { grants })];
  return { jurisdictionId: j.id, unitId: unit.id, requester, district };
}

/** A stored file uploaded by an account, as the files component records it. */
export async function uploadedFile(db: Executor, uploadedBy: string, name = '请示附件.pdf') {
  return db
    .insertInto('file_object')
    .values({
      name,
      content_type: 'application/pdf',
      size_bytes: 2048,
      sha256: crypto.randomBytes(32).toString('hex'),
      storage_key: `test/${crypto.randomUUID()}`,
      uploaded_by: uploadedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const APPROVAL_TABLES = [
  'approval_matter',
  'approval_task',
  'approval_event',
  'approval_attachment',
  'notification',
  'audit_log',
] as const;

export const general = (title: string, amountFen?: number, submit = true) => ({
  type: 'kernel.general',
  title,
  payload: { body: `${title}的具体内容`, ...(amountFen === undefined ? {} : { amountFen }) },
  submit,
});
