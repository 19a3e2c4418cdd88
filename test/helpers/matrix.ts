// The authorization matrix: for each route (method + path) the callers it must let through.
// `runMatrix` calls every route with every caller over real HTTP and returns each disagreement
// with the table; the e2e test asserts there are none, and a test with a deliberately
// unguarded route asserts that the same check catches it.

export interface MatrixCall {
  method: string;
  path: string;
  /** Request body for POST routes (JSON). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Caller {
  name: string;
  key: string | null;
}

/** A caller passes authorization when the answer is neither 401 nor 403 (nor a lock-out 429). */
export function passedAuth(status: number): boolean {
  return status !== 401 && status !== 403 && status !== 429;
}

export async function runMatrix(
  baseUrl: string,
  rows: ReadonlyArray<{ call: MatrixCall; allowed: ReadonlySet<string> }>,
  callers: readonly Caller[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const { call, allowed } of rows) {
    for (const c of callers) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...call.headers };
      if (c.key) headers.authorization = `Bearer ${c.key}`;
      const res = await fetch(`${baseUrl}${call.path}`, {
        method: call.method,
        headers,
        ...(call.method === 'POST' ? { body: JSON.stringify(call.body ?? {}) } : {}),
      });
      await res.arrayBuffer();
      const want = allowed.has(c.name);
      const got = passedAuth(res.status);
      if (want !== got)
        problems.push(`${call.method} ${call.path} as ${c.name}: expected ${want ? 'allow' : 'deny'}, got HTTP ${res.status}`);
      if (!want && c.key === null && res.status !== 401)
        problems.push(`${call.method} ${call.path} without a key: expected 401, got ${res.status}`);
      if (!want && c.key !== null && res.status !== 403)
        problems.push(`${call.method} ${call.path} as ${c.name}: expected 403, got ${res.status}`);
    }
  }
  return problems;
}
