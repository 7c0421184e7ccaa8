/**
 * Reading a transaction's struct-log trace (`debug_traceTransaction`, as Hardhat's EDR and geth give it)
 * into calls, creations and storage writes: used for the proposal's execution and for finding how a
 * contract the proposal trusts was created.
 */
import { getAddress, toHex, zeroAddress, type Address, type Hex } from 'viem';
import { rpc } from '../chain/rpc/json-rpc.js';

export interface CallRecord {
  op: 'CALL' | 'DELEGATECALL' | 'STATICCALL' | 'CALLCODE' | 'CREATE' | 'CREATE2' | 'SELFDESTRUCT';
  from: Address;
  to: Address | null;
  value: bigint;
}

interface StructLog { op: string; depth: number; stack?: string[] }

const word = (s: string | undefined): bigint => (s === undefined ? 0n : BigInt(s.startsWith('0x') ? s : `0x${s}`));
const addrOf = (v: bigint): Address => getAddress(`0x${(v & ((1n << 160n) - 1n)).toString(16).padStart(40, '0')}`);

/**
 * A transaction's struct-log trace, read frame by frame: who called whom with how much ETH, which code ran
 * by DELEGATECALL, what was created (by which contract, at which address) or destroyed, and which storage
 * slots of which contract were written. Null when the node gives no trace.
 */
export async function readTrace(url: string, hash: Hex): Promise<{ calls: CallRecord[]; writes: Array<{ address: Address; slot: Hex }> } | null> {
  let trace: { structLogs: StructLog[] };
  try {
    trace = await rpc(url, 'debug_traceTransaction', [hash, { disableMemory: true, disableStorage: true }], { timeoutMs: 120_000 });
  } catch {
    return null;
  }
  const tx = await rpc<{ to: Address | null }>(url, 'eth_getTransactionByHash', [hash]);
  const top = tx.to ?? (await rpc<{ contractAddress: Address | null }>(url, 'eth_getTransactionReceipt', [hash])).contractAddress;
  const frames: Array<{ ctx: Address | null }> = [{ ctx: top ? getAddress(top) : null }];
  const calls: CallRecord[] = [];
  const writes = new Map<string, { address: Address; slot: Hex }>();
  const logs = trace.structLogs;
  const pendingCreate: CallRecord[] = [];
  for (let i = 0; i < logs.length; i++) {
    const s = logs[i] as StructLog;
    const next = logs[i + 1];
    const frame = frames[s.depth - 1] ?? frames[frames.length - 1]!;
    frames.length = s.depth;
    const st = s.stack ?? [];
    const peek = (k: number) => word(st[st.length - 1 - k]);
    const ctx = frame.ctx ?? zeroAddress;
    switch (s.op) {
      case 'CALL': case 'CALLCODE': case 'STATICCALL': case 'DELEGATECALL': {
        const to = addrOf(peek(1));
        const value = s.op === 'CALL' || s.op === 'CALLCODE' ? peek(2) : 0n;
        calls.push({ op: s.op, from: ctx, to, value });
        if (next && next.depth === s.depth + 1) frames[s.depth] = { ctx: s.op === 'CALL' || s.op === 'STATICCALL' ? to : ctx };
        break;
      }
      case 'CREATE': case 'CREATE2': {
        const rec: CallRecord = { op: s.op, from: ctx, to: null, value: peek(0) };
        calls.push(rec);
        pendingCreate.push(rec);
        if (next && next.depth === s.depth + 1) frames[s.depth] = { ctx: null };
        break;
      }
      case 'SELFDESTRUCT':
        calls.push({ op: 'SELFDESTRUCT', from: ctx, to: addrOf(peek(0)), value: 0n });
        break;
      case 'SSTORE': {
        const slot = toHex(peek(0), { size: 32 });
        writes.set(`${ctx}:${slot}`, { address: ctx, slot });
        break;
      }
      default:
        break;
    }
    // Back in a creating frame: the new address is on top of the stack.
    if (next && next.depth < s.depth && pendingCreate.length > 0 && (logs[i + 1]?.stack?.length ?? 0) > 0) {
      const rec = pendingCreate.pop() as CallRecord;
      const v = word(next.stack?.[next.stack.length - 1]);
      if (v !== 0n) rec.to = addrOf(v);
    }
  }
  return { calls, writes: [...writes.values()] };
}

