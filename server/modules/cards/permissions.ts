import type { Executor } from '../../kernel/db/schema.ts';
import { declarePermissions } from '../../kernel/access/permissions.ts';
import { registerOwnerResolver } from '../../kernel/http/access.ts';
import './tables.ts';

/**
 * One-card permissions. The card office (the bureau, a district's offices administration) issues
 * cards, tops them up and imports terminal records; unit administrators see their unit's cards.
 * A person's own card is read through GET /api/cards/mine (any signed-in user).
 */
declarePermissions([
  {
    name: 'cards.read',
    label: { 'zh-CN': '查看一卡通账户与流水', en: 'View one-card accounts and transactions' },
    roles: ['bureau_admin', 'district_admin', 'unit_admin'],
    readOnly: true,
  },
  {
    name: 'cards.write',
    label: {
      'zh-CN': '办理一卡通（发卡、充值、挂失、冻结、退卡）',
      en: 'Run one-cards (issue, top up, loss, freeze, return)',
    },
    roles: ['bureau_admin', 'district_admin'],
  },
  {
    name: 'cards.import',
    label: { 'zh-CN': '导入刷卡终端流水', en: 'Import card terminal records' },
    roles: ['bureau_admin', 'district_admin'],
  },
]);

registerOwnerResolver('cards.account', async (db: Executor, id: string) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('card_account')
    .select(['jurisdiction_id', 'unit_id', 'person_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: row.person_id };
});

registerOwnerResolver('cards.txn', async (db: Executor, id: string) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('card_txn as t')
    .innerJoin('card_account as a', 'a.id', 't.account_id')
    .select(['a.jurisdiction_id', 'a.unit_id', 'a.person_id'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: row.person_id };
});
