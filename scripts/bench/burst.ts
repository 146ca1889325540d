// The burst benchmarks' shared part (bench-burst.ts, bench-burst-broker.ts): many requests at once, each
// on a connection of its own, and a tally of the answers' statuses. Only 2xx and 503 with Retry-After
// are acceptable answers to an overload; anything else (a 500, a dropped connection) is counted.
import http from 'node:http';

export interface BurstRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
}

export interface BurstAnswer {
  status: string;
  retryAfter: string | undefined;
  ms: number;
}

export interface Tally {
  statuses: Map<string, number>;
  retryAfterMissing: number;
  slowestMs: number;
  /** Answers that were neither 2xx nor a 503 with Retry-After. */
  unacceptable: number;
}

/** One request on a connection of its own (agent: false), so the burst really is concurrent. */
export function send({ method, url, body }: BurstRequest): Promise<BurstAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
    const req = http.request(url, { method, agent: false, headers }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: String(res.statusCode),
          retryAfter: res.headers['retry-after'],
          ms: performance.now() - started,
        }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        status: `error ${error.code ?? error.message}`,
        retryAfter: undefined,
        ms: performance.now() - started,
      }),
    );
    req.end(body);
  });
}

export const acceptable = (status: string) => /^2\d\d$/.test(status) || status === '503';

export function tally(answers: BurstAnswer[]): Tally {
  const statuses = new Map<string, number>();
  for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const retryAfterMissing = answers.filter((a) => a.status === '503' && !a.retryAfter).length;
  return {
    statuses,
    retryAfterMissing,
    slowestMs: Math.max(...answers.map((a) => a.ms)),
    unacceptable: answers.filter((a) => !acceptable(a.status)).length + retryAfterMissing,
  };
}

/** Sends every request at once and tallies the answers. */
export async function burst(requests: BurstRequest[]): Promise<{ answers: BurstAnswer[]; tally: Tally }> {
  const answers = await Promise.all(requests.map(send));
  return { answers, tally: tally(answers) };
}

export const statusesText = (t: Tally) =>
  [...t.statuses]
    .sort()
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
