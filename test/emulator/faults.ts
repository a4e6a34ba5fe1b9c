/** Queued faults: each hits the next `times` requests of its method, in the order queued. */
import { STATUS_CODES } from 'node:http';
import { htmlReply, jsonReply, textReply, type Reply } from './reply';
import type { Fault, FaultAction } from './types';

const ACTIONS: readonly FaultAction[] = ['reset-before-response', 'reset-immediately', 'stall-headers', 'stall-body', 'redirect', 'html', 'invalid-json'];

/**
 * Faults that lose or spoil an answer the service did produce run the method first, so its effect
 * (stored upload, queued status) happens, as with a real lost response. The others answer instead
 * of the service and have no effect.
 */
const ACTIONS_AFTER_METHOD: readonly (FaultAction | undefined)[] = ['reset-before-response', 'stall-headers', 'invalid-json'];

export function runsMethod(fault: Fault | undefined): boolean {
  return fault === undefined || (fault.action === undefined ? fault.status === undefined : ACTIONS_AFTER_METHOD.includes(fault.action));
}

export class FaultQueue {
  private readonly queue: Array<Fault & { remaining: number }> = [];

  /** Throws a TypeError naming the first invalid field. */
  add(fault: Fault): void {
    const problem = faultProblem(fault);
    if (problem) throw new TypeError(`fault ${problem}`);
    this.queue.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** The first queued fault for this method (or '*'), counted as used. */
  take(methodName: string): Fault | undefined {
    const index = this.queue.findIndex((fault) => fault.method === '*' || fault.method.toLowerCase() === methodName.toLowerCase());
    if (index === -1) return undefined;
    const fault = this.queue[index];
    if (--fault.remaining === 0) this.queue.splice(index, 1);
    return fault;
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }
}

/** The answer a fault gives in place of (or, for 'invalid-json', spoiling) the method's answer. */
export function faultReply(fault: Fault, methodReply: Reply | undefined, redirectTo: string): Reply {
  switch (fault.action) {
    case 'redirect':
      return { status: fault.status ?? 302, headers: { Location: redirectTo }, body: '' };
    case 'html':
      return htmlReply(fault.status ?? 502, NGINX_BAD_GATEWAY);
    case 'invalid-json': {
      const full = methodReply?.body || '{"idMessage":"BAE5F4886F0F3B2B"}';
      return { status: fault.status ?? 200, headers: { 'Content-Type': 'application/json' }, body: full.slice(0, Math.ceil(full.length / 2)) };
    }
    default: {
      const status = fault.status ?? 200;
      if (fault.body === undefined) return textReply(status, STATUS_CODES[status] ?? '');
      return typeof fault.body === 'string' ? textReply(status, fault.body) : jsonReply(status, fault.body);
    }
  }
}

const NGINX_BAD_GATEWAY = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

function faultProblem(fault: Fault): string | undefined {
  if (typeof fault !== 'object' || fault === null) return 'must be an object';
  if (typeof fault.method !== 'string' || fault.method === '') return "needs 'method' (a GREEN-API method name or '*')";
  if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times > 0)) return "'times' must be a positive integer";
  if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
    return "'status' must be an HTTP status code";
  }
  if (fault.delayMs !== undefined && !(Number.isFinite(fault.delayMs) && fault.delayMs >= 0)) return "'delayMs' must be ≥ 0";
  if (fault.action !== undefined && !ACTIONS.includes(fault.action)) return `'action' must be one of ${ACTIONS.join(', ')}`;
  if (fault.body !== undefined && typeof fault.body !== 'string' && typeof fault.body !== 'object') return "'body' must be a string or JSON";
  if (fault.headers !== undefined && !Object.values(fault.headers).every((value) => typeof value === 'string')) {
    return "'headers' values must be strings";
  }
  return undefined;
}
