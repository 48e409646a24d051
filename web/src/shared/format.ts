import dayjs from 'dayjs';

export function fmtDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

export function fmtDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '';
}

/** integer fen → "12,345.60" */
export function fmtYuan(fen: number): string {
  return (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "12,345.6" or "12345.60" (yuan typed by a user) → integer fen, or null when it is not an amount */
export function yuanToFen(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const s = String(text).replace(/[,\s¥元]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole = '0', frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
