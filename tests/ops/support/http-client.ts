/** One request's outcome, as a load generator records it. */
export interface Outcome {
  kind: string;
  startedAt: number;
  endedAt: number;
  status: number | null;
  /** A network failure (reset, refused, timeout), never an HTTP status. */
  error?: string;
  body?: unknown;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  accept?: string;
  timeoutMs?: number;
}

/** fetch with a client timeout, returning what happened rather than throwing. */
export async function call(
  baseUrl: string,
  kind: string,
  method: string,
  path: string,
  options: CallOptions = {}
): Promise<Outcome> {
  const startedAt = Date.now();
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const res = await fetch(baseUrl + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
    return { kind, startedAt, endedAt: Date.now(), status: res.status, body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return {
      kind,
      startedAt,
      endedAt: Date.now(),
      status: null,
      error: cause?.code ?? (error as Error).name ?? String(error),
    };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `step` over and over until `until()` says stop (each worker one request at a time). */
export async function loop(until: () => boolean, step: () => Promise<unknown>, pauseMs = 20): Promise<void> {
  while (!until()) {
    await step();
    await sleep(pauseMs);
  }
}
