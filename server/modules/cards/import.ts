import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import type { Db } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors, type ErrorDetail } from '../../kernel/errors.ts';
import { audit } from '../../kernel/audit/index.ts';
import { post } from './ledger.ts';
import { parseTerminalCsv } from './terminal-csv.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The zone's UTC offset now, as "+08:00". */
export function zoneOffset(zone: string): string {
  return dayjs().tz(zone).format('Z');
}

/**
 * Imports a terminal CSV: every line checked (format, known card, not a duplicate of an earlier
 * import, no overdraft in time order); any problem refuses the whole file with every bad line listed.
 */
export async function importTerminalCsv(db: Db, actor: Actor, csv: string, timeZone: string) {
  const { lines, problems } = parseTerminalCsv(csv, zoneOffset(timeZone));
  if (problems.length) throw refused(problems);
  return inTransaction(db, async (tx) => {
    const cards = await tx
      .selectFrom('card_card as c')
      .innerJoin('card_account as a', 'a.id', 'c.account_id')
      .select(['c.card_no', 'a.id as account_id', 'a.status', 'a.balance', 'c.status as card_status'])
      .where('c.card_no', 'in', [...new Set(lines.map((l) => l.cardNo))])
      .orderBy('a.id')
      .forUpdate()
      .execute();
    const byNo = new Map(cards.map((c) => [c.card_no, c]));
    const dupes = await tx
      .selectFrom('card_txn')
      .select(['terminal_id', 'terminal_seq'])
      .where((eb) =>
        eb.or(
          lines.map((l) =>
            eb.and([eb('terminal_id', '=', l.terminalId), eb('terminal_seq', '=', l.terminalSeq)]),
          ),
        ),
      )
      .execute();
    const dupeKeys = new Set(dupes.map((d) => `${d.terminal_id}#${d.terminal_seq}`));
    const running = new Map(cards.map((c) => [c.account_id, c.balance]));
    const bad: ErrorDetail[] = [];
    for (const l of [...lines].sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.row - b.row,
    )) {
      const card = byNo.get(l.cardNo);
      if (dupeKeys.has(`${l.terminalId}#${l.terminalSeq}`)) {
        bad.push({
          row: l.row,
          field: 'terminalSeq',
          code: 'terminal_duplicate',
          message: 'this terminal record was imported before',
        });
      } else if (!card) {
        bad.push({ row: l.row, field: 'cardNo', code: 'card_unknown', message: 'no such card' });
      } else if (card.status === 'closed' || (l.kind === 'spend' && card.status !== 'active')) {
        bad.push({
          row: l.row,
          field: 'cardNo',
          code: 'card_not_active',
          message: `the card account is ${card.status}`,
        });
      } else {
        const after = (running.get(card.account_id) ?? 0) + l.amount;
        if (after < 0)
          bad.push({
            row: l.row,
            field: 'amount',
            code: 'card_insufficient_balance',
            message: 'the balance would go below zero',
          });
        else running.set(card.account_id, after);
      }
    }
    if (bad.length) throw refused(bad.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
    let spent = 0;
    let refunded = 0;
    for (const l of lines) {
      const card = byNo.get(l.cardNo)!;
      await post(tx, actor, {
        ref: `terminal:${l.terminalId}:${l.terminalSeq}`,
        kind: l.kind,
        accountId: card.account_id,
        amount: l.amount,
        counterBook: 'terminal',
        memo: `终端 ${l.terminalId} #${l.terminalSeq}`,
        terminalId: l.terminalId,
        terminalSeq: l.terminalSeq,
        occurredAt: l.occurredAt,
        allow: l.amount < 0 ? ['active'] : ['active', 'frozen', 'lost'],
        audit: false,
      });
      if (l.amount < 0) spent -= l.amount;
      else refunded += l.amount;
    }
    await audit(tx, actor, {
      entity: 'cards.import',
      action: 'import_terminal',
      after: {
        lines: lines.length,
        spent,
        refunded,
        terminals: [...new Set(lines.map((l) => l.terminalId))],
      },
    });
    return { imported: lines.length, spent, refunded };
  });
}

function refused(details: ErrorDetail[]) {
  return errors.invalid(
    'card_import_invalid',
    {
      'zh-CN': `终端流水有 ${details.length} 处问题，未导入任何记录`,
      en: `The terminal file has ${details.length} problem(s); nothing was imported`,
    },
    details,
  );
}
