// Planned misbehaviour for resilience tests: 429 + Retry-After, 503, response delays, dropped connections, and
// answers lost after the request was applied.

/** Restricts a fault to some requests. `path` is a RegExp tested on the path, or a substring of it. */
export interface FaultMatch {
  method?: string;
  path?: string | RegExp;
}

export type FaultKind = 'rate-limit' | 'unavailable' | 'drop' | 'lose-answer';

/** What the server must do instead of answering normally. */
export type FaultAction = { kind: 'rate-limit'; retryAfterSeconds: number } | { kind: 'unavailable' } | { kind: 'drop' } | { kind: 'lose-answer' };

interface Rule extends FaultMatch {
  remaining: number;
  action: FaultAction | null;
  delayMs: number;
}

/** The `faults` control of a test server. Rules are consumed in the order they were added. */
export class QdrantFaults {
  private rules: Rule[] = [];

  /** The next `times` matching requests get 429 with `Retry-After: retryAfterSeconds` (default 1). */
  rateLimit(times: number, options: FaultMatch & { retryAfterSeconds?: number } = {}): this {
    const { retryAfterSeconds = 1, ...match } = options;
    return this.add(times, match, { kind: 'rate-limit', retryAfterSeconds }, 0);
  }

  /** The next `times` matching requests get 503. */
  unavailable(times: number, match: FaultMatch = {}): this {
    return this.add(times, match, { kind: 'unavailable' }, 0);
  }

  /** The next `times` matching requests have their socket destroyed without any response. */
  dropConnection(times: number, match: FaultMatch = {}): this {
    return this.add(times, match, { kind: 'drop' }, 0);
  }

  /**
   * The next `times` matching requests are applied as usual, then their socket is destroyed instead of answering:
   * the client cannot tell whether the request took effect (a COMMIT or an alias switch whose reply was lost).
   */
  loseAnswer(times: number, match: FaultMatch = {}): this {
    return this.add(times, match, { kind: 'lose-answer' }, 0);
  }

  /** Matching requests wait `ms` before being handled; `times` defaults to every request until `clear()`. */
  delay(ms: number, options: FaultMatch & { times?: number } = {}): this {
    const { times = Number.POSITIVE_INFINITY, ...match } = options;
    return this.add(times, match, null, ms);
  }

  /** How many planned faults are still waiting (an unbounded delay counts as Infinity). */
  get pending(): number {
    return this.rules.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  clear(): void {
    this.rules = [];
  }

  /** Used by the server: consumes the first matching delay and the first matching action for a request. */
  take(method: string, path: string): { delayMs: number; action: FaultAction | null } {
    const applies = (rule: Rule) => rule.remaining > 0 && matches(rule, method, path);
    const delay = this.rules.find((rule) => rule.action === null && applies(rule));
    const action = this.rules.find((rule) => rule.action !== null && applies(rule));
    for (const rule of [delay, action]) if (rule) rule.remaining -= 1;
    this.rules = this.rules.filter((rule) => rule.remaining > 0);
    return { delayMs: delay?.delayMs ?? 0, action: action?.action ?? null };
  }

  private add(times: number, match: FaultMatch, action: FaultAction | null, delayMs: number): this {
    if (!(times > 0)) throw new Error(`fault count must be positive, got ${times}`);
    this.rules.push({ ...match, remaining: times, action, delayMs });
    return this;
  }
}

function matches(rule: FaultMatch, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
}
