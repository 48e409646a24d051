import { parse } from 'csv-parse/sync';
import type { ErrorDetail } from '../../kernel/errors.ts';

/** One line of a terminal export (刷卡机流水), parsed and checked on its own. */
export interface TerminalLine {
  row: number;
  terminalId: string;
  terminalSeq: number;
  cardNo: string;
  occurredAt: Date;
  /** signed change of the card balance in fen: a spend is negative, a refund positive */
  amount: number;
  kind: 'spend' | 'refund';
}

const HEADERS: Record<string, keyof Omit<TerminalLine, 'row'>> = {
  终端号: 'terminalId',
  terminal_id: 'terminalId',
  流水号: 'terminalSeq',
  terminal_seq: 'terminalSeq',
  卡号: 'cardNo',
  card_no: 'cardNo',
  交易时间: 'occurredAt',
  occurred_at: 'occurredAt',
  '金额(元)': 'amount',
  金额: 'amount',
  amount_yuan: 'amount',
  类型: 'kind',
  kind: 'kind',
};

const KINDS: Record<string, 'spend' | 'refund'> = {
  消费: 'spend',
  spend: 'spend',
  退款: 'refund',
  refund: 'refund',
};

/** "12.5" → 1250 fen, exactly (no binary floating point); null when not a positive amount with ≤ 2 decimals. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : null;
}

/** A timestamp with an offset, or a local "YYYY-MM-DD HH:mm[:ss]" read in the deployment's UTC offset. */
export function parseTime(text: string, offset: string): Date | null {
  const t = text.trim();
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(t);
  const candidate = local
    ? `${local[1]}T${local[2]!.length === 5 ? `${local[2]}:00` : local[2]}${offset}`
    : t;
  if (!local && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) return null;
  const d = new Date(candidate);
  return Number.isNaN(d.getTime()) ? null : d;
}

const err = (row: number, field: string, code: string, message: string): ErrorDetail => ({
  row,
  field,
  code,
  message,
});

/**
 * Parses a terminal CSV. Every bad line is reported (row numbers count the header as row 1); lines
 * are returned only when the whole file is well-formed. Duplicates inside the file are caught here,
 * duplicates of earlier imports by the caller against the database.
 */
export function parseTerminalCsv(
  text: string,
  offset: string,
): { lines: TerminalLine[]; problems: ErrorDetail[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (e) {
    return {
      lines: [],
      problems: [{ row: 0, code: 'csv_malformed', message: e instanceof Error ? e.message : String(e) }],
    };
  }
  const problems: ErrorDetail[] = [];
  const header = (records[0] ?? []).map((h) => HEADERS[h.trim()] ?? HEADERS[h.trim().toLowerCase()]);
  const missing = (['terminalId', 'terminalSeq', 'cardNo', 'occurredAt', 'amount', 'kind'] as const).filter(
    (k) => !header.includes(k),
  );
  if (records.length === 0 || missing.length > 0) {
    return {
      lines: [],
      problems: [
        { row: 1, code: 'csv_header', message: `missing columns: ${missing.join(', ') || 'all'}`, missing },
      ],
    };
  }
  const lines: TerminalLine[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((rec, i) => {
    const row = i + 2;
    const cell = (k: keyof Omit<TerminalLine, 'row'>) => rec[header.indexOf(k)] ?? '';
    const before = problems.length;
    const terminalId = cell('terminalId');
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(terminalId))
      problems.push(err(row, 'terminalId', 'terminal_id_invalid', 'terminal id missing or malformed'));
    const seqText = cell('terminalSeq');
    const terminalSeq = /^\d{1,15}$/.test(seqText) ? Number(seqText) : NaN;
    if (Number.isNaN(terminalSeq))
      problems.push(
        err(row, 'terminalSeq', 'terminal_seq_invalid', 'sequence number must be a whole number'),
      );
    const cardNo = cell('cardNo');
    if (!/^\d{8,20}$/.test(cardNo))
      problems.push(err(row, 'cardNo', 'card_no_invalid', 'card number must be 8–20 digits'));
    const occurredAt = parseTime(cell('occurredAt'), offset);
    if (!occurredAt)
      problems.push(err(row, 'occurredAt', 'time_invalid', 'time must be YYYY-MM-DD HH:mm[:ss] or ISO 8601'));
    const fen = yuanToFen(cell('amount'));
    if (fen === null)
      problems.push(
        err(row, 'amount', 'amount_invalid', 'amount must be positive yuan with at most 2 decimals'),
      );
    const kind = KINDS[cell('kind').toLowerCase()] ?? KINDS[cell('kind')];
    if (!kind) problems.push(err(row, 'kind', 'kind_invalid', 'type must be 消费/spend or 退款/refund'));
    const key = `${terminalId}#${seqText}`;
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({
        ...err(
          row,
          'terminalSeq',
          'terminal_duplicate_in_file',
          `same terminal and sequence as row ${first}`,
        ),
        duplicateOf: first,
      });
    else seen.set(key, row);
    if (problems.length === before && occurredAt && fen !== null && kind) {
      lines.push({
        row,
        terminalId,
        terminalSeq,
        cardNo,
        occurredAt,
        amount: kind === 'spend' ? -fen : fen,
        kind,
      });
    }
  });
  if (records.length === 1) problems.push({ row: 1, code: 'csv_empty', message: 'no transaction lines' });
  return { lines: problems.length ? [] : lines, problems };
}
