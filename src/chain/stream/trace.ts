/**
 * Call traces from the node, where it offers them. Hardhat's EDR answers `debug_traceTransaction` with
 * the default struct logger only (no callTracer), so the call tree is rebuilt from the opcodes: each CALL,
 * CALLCODE, DELEGATECALL, STATICCALL, CREATE and CREATE2 with its target and value (from the stack), the
 * address executing at each depth, and whether the call succeeded (the flag it pushed on return). From
 * that: the internal ether transfers the logs never show, re-entry into a contract still mid-call, and
 * delegatecalls and contract creations made inside the transaction.
 */

/** One step of a default-tracer trace (only the fields read here). */
export interface StructLog {
  op: string;
  depth: number;
  stack?: string[];
}

export interface TraceCall {
  kind: 'CALL' | 'CALLCODE' | 'DELEGATECALL' | 'STATICCALL' | 'CREATE' | 'CREATE2';
  /** The address whose code made the call (the storage context for a delegatecall's caller). */
  from: string;
  /** Target; for a create, the new contract (empty when it failed). */
  to: string;
  value: bigint;
  depth: number;
  ok: boolean;
}

export interface TraceSummary {
  calls: TraceCall[];
  /** Contracts entered again while an earlier frame of theirs was still running (not via delegatecall). */
  reentered: string[];
  /** Ether moved by successful inner calls: from, to, amount (lower case). */
  ethTransfers: Array<{ from: string; to: string; value: bigint }>;
}

const CALLS = new Set(['CALL', 'CALLCODE', 'DELEGATECALL', 'STATICCALL', 'CREATE', 'CREATE2']);

const word = (x: string | undefined): bigint => (x === undefined ? 0n : BigInt(x.startsWith('0x') ? x : '0x' + x));
const addr = (x: string | undefined): string => '0x' + word(x).toString(16).padStart(40, '0').slice(-40);

/**
 * Rebuilds the calls of a transaction sent to `to` (or creating `created`) from its struct logs. A failed
 * inner call's value never moved, so only successful ones become ether transfers; a transaction that
 * reverted as a whole moved nothing, which the caller knows from its receipt.
 */
export function summariseTrace(logs: readonly StructLog[], to: string, created: string | null = null): TraceSummary {
  const root = (to ?? created ?? '').toLowerCase();
  // Executing address and whether that frame was entered by a delegatecall, per depth (1-based).
  const frames: Array<{ address: string; delegate: boolean }> = [{ address: root, delegate: false }];
  const pending: Array<{ call: TraceCall; depth: number }> = [];
  const calls: TraceCall[] = [];
  const reentered = new Set<string>();
  for (let i = 0; i < logs.length; i++) {
    const step = logs[i] as StructLog;
    // Returning to a depth: the call made from it has ended, and its success flag is on top of the stack.
    while (pending.length > 0 && step.depth <= (pending[pending.length - 1] as { depth: number }).depth) {
      const p = pending.pop() as { call: TraceCall; depth: number };
      const top = step.stack?.[step.stack.length - 1];
      p.call.ok = word(top) !== 0n;
      if (p.call.kind.startsWith('CREATE') && p.call.ok) p.call.to = addr(top);
      frames.length = p.depth;
    }
    if (!CALLS.has(step.op)) continue;
    const stack = step.stack ?? [];
    const at = (k: number) => stack[stack.length - 1 - k];
    const from = frames[step.depth - 1]?.address ?? root;
    const kind = step.op as TraceCall['kind'];
    let call: TraceCall;
    if (kind === 'CREATE' || kind === 'CREATE2') call = { kind, from, to: '', value: word(at(0)), depth: step.depth, ok: false };
    else if (kind === 'CALL' || kind === 'CALLCODE') call = { kind, from, to: addr(at(1)), value: word(at(2)), depth: step.depth, ok: false };
    else call = { kind, from, to: addr(at(1)), value: 0n, depth: step.depth, ok: false };
    calls.push(call);
    const next = logs[i + 1];
    if (next && next.depth === step.depth + 1) {
      // The callee runs: its context is the target, except for delegatecall and callcode (caller's storage).
      const context = kind === 'DELEGATECALL' || kind === 'CALLCODE' ? from : call.to;
      if (kind !== 'DELEGATECALL' && kind !== 'CALLCODE' && kind !== 'STATICCALL' && frames.some((f) => f.address === context && !f.delegate)) reentered.add(context);
      frames[step.depth] = { address: kind.startsWith('CREATE') ? '' : context, delegate: kind === 'DELEGATECALL' };
      pending.push({ call, depth: step.depth });
    } else {
      // A call to an account without code (or a precompile) returns at once: its flag is on the next step.
      call.ok = next ? word(next.stack?.[next.stack.length - 1]) !== 0n : true;
    }
  }
  const ethTransfers = calls.filter((c) => c.ok && c.value > 0n && c.to).map((c) => ({ from: c.from, to: c.to, value: c.value }));
  return { calls, reentered: [...reentered], ethTransfers };
}
