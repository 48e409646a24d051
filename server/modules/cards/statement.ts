import ExcelJS from 'exceljs';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import type { Executor } from '../../kernel/db/schema.ts';
import { errors } from '../../kernel/errors.ts';
import { balanceBefore, findAccount, transactions, type TxnItem } from './repository.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

export const KIND_ZH: Record<string, string> = {
  topup: '充值',
  spend: '消费',
  refund: '退款',
  adjustment: '调账',
  withdrawal: '退卡退款',
};

/** The first instant of a month and of the next one in the deployment's zone. */
export function monthRange(month: string, zone: string): { from: Date; to: Date } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw errors.field('month', 'month_invalid', {
      'zh-CN': '月份格式应为 YYYY-MM',
      en: 'The month must be YYYY-MM',
    });
  }
  const start = dayjs.tz(`${month}-01 00:00`, zone);
  return { from: start.toDate(), to: start.add(1, 'month').toDate() };
}

/** A monthly statement (月度对账单): opening and closing balance, totals per kind, the month's transactions oldest first. */
export async function statement(db: Executor, accountId: string, month: string, zone: string) {
  const account = await findAccount(db, accountId);
  if (!account) throw errors.notFound('cards.account', accountId);
  const { from, to } = monthRange(month, zone);
  const [opening, items] = await Promise.all([
    balanceBefore(db, accountId, from),
    transactions(db, accountId, from, to),
  ]);
  items.reverse();
  const totals: Record<string, number> = { topup: 0, spend: 0, refund: 0, adjustment: 0, withdrawal: 0 };
  for (const t of items) totals[t.kind] = (totals[t.kind] ?? 0) + t.amount;
  const closing = opening + items.reduce((s, t) => s + t.amount, 0);
  return { account, month, opening, closing, totals, items };
}

export type Statement = Awaited<ReturnType<typeof statement>>;

const fen = (n: number) => n / 100;

export async function statementWorkbook(s: Statement, zone: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${s.month} 对账单`);
  ws.addRow([`一卡通月度对账单 ${s.month}`]).font = { bold: true, size: 14 };
  ws.addRow(['姓名', s.account.personName, '工号', s.account.employeeNo, '卡号', s.account.cardNo ?? '']);
  ws.addRow(['单位', s.account.unitName]);
  ws.addRow(['期初余额（元）', fen(s.opening), '期末余额（元）', fen(s.closing)]);
  ws.addRow([]);
  const head = ws.addRow(['时间', '类型', '金额（元）', '余额（元）', '摘要', '参考号']);
  head.font = { bold: true };
  for (const t of s.items as TxnItem[]) {
    ws.addRow([
      dayjs(t.occurredAt).tz(zone).format('YYYY-MM-DD HH:mm:ss'),
      KIND_ZH[t.kind] ?? t.kind,
      fen(t.amount),
      fen(t.balanceAfter),
      t.memo ?? '',
      t.ref,
    ]);
  }
  ws.addRow([]);
  for (const [kind, total] of Object.entries(s.totals)) ws.addRow([`${KIND_ZH[kind]}合计（元）`, fen(total)]);
  for (const col of [3, 4]) ws.getColumn(col).numFmt = '0.00';
  ws.columns.forEach((c, i) => (c.width = [20, 12, 12, 12, 28, 44][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
