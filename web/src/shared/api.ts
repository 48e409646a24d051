import { getLocale } from '../app/i18n.ts';

/** One entry of an error's details; `field` names the input that is wrong (dotted path). */
export interface ErrorDetail {
  field?: string;
  row?: number;
  code?: string;
  message?: string;
  [key: string]: unknown;
}

/** An answer of the API in its error shape `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** The CSRF token of the cookie session (from the login answer or GET /api/auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session ended, so the app goes back to the login page. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

/** Reads an error answer; anything that is not the API's error shape becomes a generic error. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's error page)
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError(
      res.status,
      err.code,
      typeof err.message === 'string' ? err.message : err.code,
      Array.isArray(err.details) ? (err.details as ErrorDetail[]) : [],
    );
  }
  return new ApiError(res.status, `http_${res.status}`, `${res.status} ${res.statusText}`.trim());
}

const NO_401_REDIRECT = ['/api/auth/login', '/api/auth/me'];

async function send(method: string, path: string, body?: BodyInit, json = false): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': getLocale(), accept: 'application/json' };
  if (json) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(
      0,
      'network',
      getLocale() === 'en' ? 'The server cannot be reached' : '无法连接服务器',
      [{ message: e instanceof Error ? e.message : String(e) }],
    );
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (res.status === 401 && !NO_401_REDIRECT.some((p) => path.startsWith(p))) onUnauthenticated?.();
    throw err;
  }
  return res;
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: async <T>(path: string, query?: Query) => parse<T>(await send('GET', withQuery(path, query))),
  post: async <T>(path: string, body?: unknown) =>
    parse<T>(
      await send('POST', path, body === undefined ? undefined : JSON.stringify(body), body !== undefined),
    ),
  patch: async <T>(path: string, body: unknown) =>
    parse<T>(await send('PATCH', path, JSON.stringify(body), true)),
  put: async <T>(path: string, body: unknown) =>
    parse<T>(await send('PUT', path, JSON.stringify(body), true)),
  del: async <T = void>(path: string) => parse<T>(await send('DELETE', path)),
  /** multipart upload of one file under `field` (default `file`) */
  upload: async <T>(path: string, file: File | Blob, field = 'file', filename?: string) => {
    const form = new FormData();
    form.append(field, file, filename ?? (file instanceof File ? file.name : 'upload'));
    return parse<T>(await send('POST', path, form));
  },
  /** downloads a file answer (e.g. an Excel export) and saves it under the server's or the given name */
  download: async (path: string, query: Query | undefined, fallbackName: string) => {
    const res = await send('GET', withQuery(path, query));
    const blob = await res.blob();
    const name = filenameOf(res.headers.get('content-disposition')) ?? fallbackName;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first). */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      return star[1].trim();
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() ?? null;
}
