import type { Context } from 'koa';

export interface ApiResult<T = any> {
  status: number;
  body: T;
}

export interface ApiErrorBody {
  error?: {
    status: number;
    name: string;
    message: string;
    details?: { errors?: { path: (string | number)[]; message: string }[] } & Record<string, unknown>;
  };
}

/**
 * The site reads and writes through the public HTTP API, as any other client would: to this very
 * server, at the address the request came in on (SITE_API_URL overrides, e.g. behind a proxy).
 */
export function apiBase(ctx: Context): string {
  if (process.env.SITE_API_URL) return process.env.SITE_API_URL.replace(/\/$/, '');
  const { localAddress, localPort } = ctx.req.socket;
  const host = localAddress?.includes(':') ? `[${localAddress}]` : localAddress;
  return `http://${host}:${localPort}`;
}

export async function api<T = any>(
  ctx: Context,
  path: string,
  options: { method?: string; body?: unknown; token?: string } = {}
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const response = await fetch(`${apiBase(ctx)}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { error: { status: response.status, name: 'Error', message: text } };
  }
  return { status: response.status, body: body as T };
}

/** The validation errors of a 400, as [path, message] pairs. */
export function apiErrors(body: ApiErrorBody): { path: string; message: string }[] {
  const listed = body.error?.details?.errors ?? [];
  if (listed.length) return listed.map((e) => ({ path: e.path.join('.'), message: e.message }));
  return [{ path: '', message: body.error?.message ?? 'Something went wrong' }];
}

/** A query string from a flat object; arrays repeat their key. */
export function query(params: Record<string, string | number | (string | number)[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
