import crypto from 'node:crypto';
import type { Db, Executor } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { DataScope } from '../access/scope.ts';
import { isRole, SCOPE_KINDS, type ScopeKind } from '../access/roles.ts';
import type { Actor } from '../http/access.ts';
import { createAccount } from './accounts.ts';
import { grantRole, type GrantInput } from './grants.ts';
import '../org/tables.ts';

/**
 * `goa user create`: an account with its roles, in one transaction, as the system (the operator at
 * the console holds every power). Role specs read `role[:scope[:id]]`: the scope defaults to city,
 * and a jurisdiction or unit is named by its id or its code.
 */
export class RoleSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoleSpecError';
  }
}

export interface ParsedRoleSpec {
  role: GrantInput['role'];
  scopeKind: ScopeKind;
  ref: string | null;
}

export function parseRoleSpec(spec: string): ParsedRoleSpec {
  const [role = '', scope = 'city', ...rest] = spec.split(':');
  const ref = rest.join(':') || null;
  if (!isRole(role)) throw new RoleSpecError(`unknown role "${role}" in "${spec}"`);
  if (!(SCOPE_KINDS as readonly string[]).includes(scope)) {
    throw new RoleSpecError(`unknown scope "${scope}" in "${spec}" (one of ${SCOPE_KINDS.join(', ')})`);
  }
  const scopeKind = scope as ScopeKind;
  const needsRef = scopeKind === 'jurisdiction' || scopeKind === 'unit';
  if (needsRef && !ref)
    throw new RoleSpecError(`"${spec}" needs the ${scopeKind}'s id or code: ${role}:${scope}:ID`);
  if (!needsRef && ref) throw new RoleSpecError(`a ${scopeKind} scope takes no id in "${spec}"`);
  return { role, scopeKind, ref };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function resolveRef(db: Executor, spec: ParsedRoleSpec): Promise<GrantInput> {
  if (spec.scopeKind === 'jurisdiction' || spec.scopeKind === 'unit') {
    const table = spec.scopeKind === 'unit' ? 'org_unit' : 'org_jurisdiction';
    const ref = spec.ref!;
    const row = await db
      .selectFrom(table)
      .select('id')
      .where((eb) =>
        UUID.test(ref) ? eb.or([eb('id', '=', ref), eb('code', '=', ref)]) : eb('code', '=', ref),
      )
      .executeTakeFirst();
    if (!row) throw new RoleSpecError(`no ${spec.scopeKind} with id or code "${ref}"`);
    return spec.scopeKind === 'unit'
      ? { role: spec.role, scopeKind: 'unit', unitId: row.id }
      : { role: spec.role, scopeKind: 'jurisdiction', jurisdictionId: row.id };
  }
  return { role: spec.role, scopeKind: spec.scopeKind };
}

/** A password that meets the policy: 16 characters of letters and digits, without look-alikes. */
export function generatePassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  for (;;) {
    const chars = Array.from(crypto.randomBytes(16), (b) => all[b % all.length]!);
    const password = chars.join('');
    if (/[A-Za-z]/.test(password) && /[0-9]/.test(password)) return password;
  }
}

export interface CliUserInput {
  username: string;
  displayName: string;
  password?: string | undefined;
  personId?: string | undefined;
  roles: readonly string[];
}

export async function createUserFromCli(
  db: Db,
  input: CliUserInput,
  actor: Actor,
): Promise<{ id: string; password: string; generated: boolean }> {
  const specs = input.roles.map(parseRoleSpec);
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword();
  const id = await inTransaction(db, async (tx) => {
    const grants: GrantInput[] = [];
    for (const s of specs) grants.push(await resolveRef(tx, s));
    const { id } = await createAccount(
      tx,
      DataScope.everything(),
      {
        username: input.username,
        displayName: input.displayName,
        personId: input.personId ?? null,
        password,
      },
      actor,
    );
    for (const g of grants) await grantRole(tx, { kind: 'system' }, id, g, actor);
    return id;
  });
  return { id, password, generated };
}
