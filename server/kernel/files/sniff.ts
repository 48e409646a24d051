/**
 * Which uploads are accepted: the declared type must be on the configured allow-list, and the
 * content must agree with it (magic bytes for the binary formats we know, plain text for text
 * types), so a renamed executable is refused whatever it claims to be.
 */

/** How many leading bytes the checks look at. */
export const HEAD_BYTES = 4100;

const startsWith = (head: Buffer, bytes: readonly number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const ZIP = (h: Buffer) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]);

/** Content checks of the binary types we recognise. OOXML documents are ZIP containers. */
const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'image/png': (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (h) => startsWith(h, [0xff, 0xd8, 0xff]),
  'image/gif': (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')),
  'image/webp': (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8),
  'application/pdf': (h) => startsWith(h, ascii('%PDF-')),
  'application/zip': ZIP,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ZIP,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ZIP,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ZIP,
};

/** Programs and scripts: refused whatever type they declare. */
const EXECUTABLE: readonly ((head: Buffer) => boolean)[] = [
  (h) => startsWith(h, ascii('MZ')), // Windows PE (.exe, .dll)
  (h) => startsWith(h, [0x7f, 0x45, 0x4c, 0x46]), // ELF
  (h) => startsWith(h, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(h, [0xce, 0xfa, 0xed, 0xfe]), // Mach-O
  (h) => startsWith(h, [0xfe, 0xed, 0xfa, 0xce]) || startsWith(h, [0xfe, 0xed, 0xfa, 0xcf]),
  (h) => startsWith(h, [0xca, 0xfe, 0xba, 0xbe]), // Mach-O universal / Java class
  (h) => startsWith(h, ascii('#!')), // scripts
];

/** Names a browser or the OS would run or render as a page, whatever the content. */
const DANGEROUS_EXTENSIONS = new Set([
  'exe',
  'dll',
  'com',
  'bat',
  'cmd',
  'scr',
  'msi',
  'msp',
  'pif',
  'cpl',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'js',
  'jse',
  'mjs',
  'wsf',
  'wsh',
  'hta',
  'jar',
  'sh',
  'bash',
  'app',
  'apk',
  'lnk',
  'reg',
  'html',
  'htm',
  'xhtml',
  'svg',
  'php',
  'jsp',
  'asp',
  'aspx',
]);

const TEXT_TYPES = new Set(['text/plain', 'text/csv']);

export type TypeProblem = 'declared' | 'extension' | 'content';

/** 'image/PNG; charset=x' → 'image/png' */
export function normalizeType(type: string): string {
  return (type.split(';')[0] ?? '').trim().toLowerCase();
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Why an upload is refused, or null when it is acceptable. */
export function typeProblem(
  declaredType: string,
  fileName: string,
  head: Buffer,
  allowList: readonly string[],
): TypeProblem | null {
  const type = normalizeType(declaredType);
  if (!allowList.map(normalizeType).includes(type)) return 'declared';
  if (DANGEROUS_EXTENSIONS.has(extension(fileName))) return 'extension';
  if (EXECUTABLE.some((is) => is(head))) return 'content';
  const signature = SIGNATURES[type];
  if (signature) return signature(head) ? null : 'content';
  if (TEXT_TYPES.has(type) && head.includes(0)) return 'content';
  return null;
}

/** A file name safe to store and to send back: no path, no control characters, at most 255 chars. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!name || name === '.' || name === '..') name = 'file';
  if (name.length > 255) {
    const ext = extension(name);
    const keep = ext && ext.length < 20 ? `.${ext}` : '';
    name = name.slice(0, 255 - keep.length) + keep;
  }
  return name;
}

/**
 * Content-Disposition with an ASCII fallback and the UTF-8 name of RFC 5987/6266, so that Chinese
 * names survive in every browser.
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
