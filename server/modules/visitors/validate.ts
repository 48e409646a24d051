/**
 * Checks of what a visitor types: the 18-digit resident ID (GB 11643-1999 check digit), a mainland
 * mobile number and a Chinese licence plate (including the 8-character new-energy plates).
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** Upper-cases a trailing x and removes spaces. */
export function normalizeIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export type IdProblem = 'format' | 'birth_date' | 'check_digit';

/** Why an ID number is wrong, or null when it is a valid 18-digit resident ID. */
export function idNumberProblem(value: string): IdProblem | null {
  const id = normalizeIdNumber(value);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10));
  const mo = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1850 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return 'birth_date';
  }
  if (idCheckDigit(id.slice(0, 17)) !== id[17]) return 'check_digit';
  return null;
}

/** Mainland mobile numbers: 11 digits starting 13–19, an optional +86 / 86 prefix. */
export function normalizeMobile(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizeMobile(value));
}

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

export function normalizePlate(value: string): string {
  return value.replace(/[\s·•.-]/g, '').toUpperCase();
}

/**
 * Chinese plates (GA 36): a province character and an issuing-office letter, then five characters
 * (letters without I/O and digits; 挂学警港澳 last on special plates), or six on new-energy plates:
 * small cars an energy letter (D, F, …) then a letter or digit and four digits, large cars five
 * digits then the energy letter.
 */
export function isPlate(value: string): boolean {
  const p = normalizePlate(value);
  const head = `[${PROVINCES}][A-HJ-NP-Z]`;
  const ordinary = new RegExp(`^${head}[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]$`);
  const newEnergySmall = new RegExp(`^${head}[DABCEFGHJK][A-HJ-NP-Z0-9]\\d{4}$`);
  const newEnergyLarge = new RegExp(`^${head}\\d{5}[DABCEFGHJK]$`);
  return ordinary.test(p) || newEnergySmall.test(p) || newEnergyLarge.test(p);
}

/** 110***********1234: the first three and last four characters of an ID number. */
export function maskIdNumber(id: string): string {
  const n = normalizeIdNumber(id);
  if (n.length < 8) return '*'.repeat(n.length);
  return `${n.slice(0, 3)}${'*'.repeat(n.length - 7)}${n.slice(-4)}`;
}

/** 138****5678 */
export function maskMobile(mobile: string): string {
  const n = normalizeMobile(mobile);
  return n.length === 11 ? `${n.slice(0, 3)}****${n.slice(7)}` : n;
}
