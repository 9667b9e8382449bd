// Fetching JSON from a remote ORUK feed with a timeout and one-line, human error messages.

/** A problem with the import source itself (unreachable feed, unreadable file): fatal, no stack trace. */
export class ImportSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportSourceError';
  }
}

export interface FetchOptions {
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export type JsonResponse = { ok: true; status: number; body: unknown } | { ok: false; status: number };

function describeNetworkError(url: string, error: unknown, timeoutMs: number): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `${url} did not answer within ${timeoutMs / 1000} s`;
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `cannot reach ${url} (${reason})`;
}

/**
 * GETs a URL and parses its JSON body. Non-2xx answers come back as `{ ok: false, status }`;
 * an unreachable host, a timeout or a body that is not JSON throw ImportSourceError.
 * @param url - the absolute URL
 * @param options - timeout and fetch implementation
 */
export async function fetchJson(url: string, options: FetchOptions = {}): Promise<JsonResponse> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const doFetch = options.fetch ?? fetch;
  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (error) {
    throw new ImportSourceError(describeNetworkError(url, error, timeoutMs));
  }
  if (!res.ok) {
    return { ok: false, status: res.status };
  }
  try {
    return { ok: true, status: res.status, body: JSON.parse(text) };
  } catch {
    const type = res.headers.get('content-type') ?? 'no content type';
    throw new ImportSourceError(
      `${url} did not return JSON (${type}, starting ${JSON.stringify(text.slice(0, 40))})`,
    );
  }
}
