/**
 * What a piece of bytecode a user hands over is, before it is analysed as a contract's runtime code:
 *   - creation (deployment) code: the constructor, which ends by returning a copy of the runtime code it
 *     carries (`CODECOPY` of a segment of itself into memory, then `RETURN` of that memory). Its runtime
 *     code is obtained by running the constructor in an in-process EVM (Hardhat's EDR); when the
 *     constructor cannot run offline (it calls a router or factory that is not there), the segment it would
 *     copy is read from the code itself, with immutables left zero;
 *   - a minimal proxy (EIP-1167 clones and other tiny forwarders): its fallback DELEGATECALLs to an address
 *     fixed in its code or read from storage, and it has no logic of its own;
 *   - runtime code otherwise.
 */
import { createRequire } from 'node:module';
import { arity, codeBytes, disassemble, dispatcher, OP, type Code } from './disasm.js';
import { exploreFunction } from './interpreter.js';

const require = createRequire(import.meta.url);

export interface CodeSegment {
  /** pc of the CODECOPY. */
  pc: number;
  offset: number;
  length: number;
  /**
   * Words the constructor writes into the copy before returning it (immutables), by offset in the copy:
   * the constant written, or null when it is computed at deployment (a pair address, a block number).
   */
  patches: Array<{ at: number; value: bigint | null; id: number }>;
}

/** Instructions between a constructor's CODECOPY and its RETURN: immutables are written into the copy there. */
const COPY_TO_RETURN = 4000;

/**
 * The segment of its own code that creation code copies and returns, or null when the code does not end
 * that way (runtime code). The copied segment lies after the copying code: runtime code that carries another
 * contract's creation code (a factory) carries it as data, whose copy offsets point before their own position.
 */
export function creationSegment(hex: string): CodeSegment | null {
  const code = disassemble(hex);
  const size = Buffer.from(hex.trim().replace(/^0x/i, ''), 'hex').length;
  const candidates: CodeSegment[] = [];
  for (let i = 0; i < code.instrs.length; i++) {
    if (code.instrs[i]!.op !== OP.CODECOPY) continue;
    const seg = copiedSegment(code, i);
    if (!seg || seg.length < 1 || seg.offset <= code.instrs[i]!.pc || seg.offset + seg.length > size) continue;
    candidates.push(seg);
  }
  return candidates[0] ?? null;
}

/**
 * The constant operands of the CODECOPY at instruction `i`, evaluated over its basic block, and the words
 * written into the copied memory between it and the RETURN that ends the constructor (null when no RETURN
 * follows without a branch: not a constructor's end).
 */
function copiedSegment(code: Code, i: number): CodeSegment | null {
  let start = i;
  while (start > 0 && code.instrs[start]!.op !== OP.JUMPDEST && code.instrs[start - 1]!.op !== OP.JUMPI) start--;
  // A stack of constants, or of unknowns told apart by where they were made (one immutable written at
  // several places in the copy is one value).
  type Item = { v: bigint | null; id: number };
  let made = 0;
  const unknown = (): Item => ({ v: null, id: ++made });
  const s: Item[] = [];
  const pop = (): Item => s.pop() ?? unknown();
  let copy: { dest: bigint; offset: number; length: number } | null = null;
  const patches: CodeSegment['patches'] = [];
  for (let k = start; k < Math.min(code.instrs.length, i + COPY_TO_RETURN); k++) {
    const ins = code.instrs[k]!;
    if (k > i && (ins.op === OP.JUMP || ins.op === OP.JUMPI || ins.op === OP.STOP || ins.op === OP.REVERT || ins.op === OP.INVALID || ins.op === OP.SSTORE || ins.op === OP.CODECOPY)) return null;
    if (ins.push !== undefined) s.push({ v: ins.push, id: 0 });
    else if (ins.op >= OP.DUP1 && ins.op <= OP.DUP16) {
      const n = ins.op - OP.DUP1 + 1;
      while (s.length < n) s.unshift(unknown());
      s.push(s[s.length - n]!);
    } else if (ins.op >= OP.SWAP1 && ins.op <= OP.SWAP16) {
      const n = ins.op - OP.SWAP1 + 1;
      while (s.length <= n) s.unshift(unknown());
      const top = s.length - 1;
      [s[top], s[top - n]] = [s[top - n]!, s[top]!];
    } else if (k === i) {
      const dest = pop().v ?? 0n;
      const offset = pop().v;
      const length = pop().v;
      if (offset === null || length === null || offset > 0xffffffn || length > 0xffffffn) return null;
      copy = { dest, offset: Number(offset), length: Number(length) };
    } else if (ins.op === OP.RETURN) {
      return copy ? { pc: code.instrs[i]!.pc, ...copy, patches } : null;
    } else if (ins.op === OP.MSTORE && copy) {
      const at = pop().v;
      const value = pop();
      if (at !== null && at >= copy.dest && at < copy.dest + BigInt(copy.length)) patches.push({ at: Number(at - copy.dest), value: value.v, id: value.id });
    } else if (ins.op === OP.ADD) {
      const a = pop().v;
      const b = pop().v;
      s.push(a !== null && b !== null ? { v: (a + b) & ((1n << 256n) - 1n), id: 0 } : unknown());
    } else {
      // Anything else: its operands are consumed and its results unknown (CODESIZE, MLOAD, arithmetic).
      const [pops, pushes] = arity(ins.op) ?? [0, 0];
      for (let p = 0; p < pops; p++) pop();
      for (let p = 0; p < pushes; p++) s.push(unknown());
    }
  }
  return null;
}

export interface RuntimeFromCreation {
  runtime: string;
  /** 'executed': the constructor ran in the in-process EVM; 'embedded': the copied segment, read statically. */
  how: 'executed' | 'embedded';
  /** Why the constructor did not give the code, for 'embedded'. */
  reason?: string;
}

/** Stand-ins for immutables computed at deployment (address-sized, recognisable). */
const IMMUTABLE_STAND_IN = 0x1111111111111111111111111111111111110000n;

/** The deployer the constructor sees (an ordinary account with no code). */
const DEPLOYER = '0x5a11d0000000000000000000000000000000de91';

interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

let inProcess: Promise<Eip1193> | undefined;

/** One Hardhat (EDR) provider in this process, made on first use (about half a second) and kept. */
function provider(): Promise<Eip1193> {
  inProcess ??= (async () => {
    const { createHardhatNetworkProvider } = require('hardhat/internal/hardhat-network/provider/provider') as {
      createHardhatNetworkProvider: (config: unknown, logger: unknown, artifacts: unknown) => Promise<Eip1193>;
    };
    const { defaultHardhatNetworkParams } = require('hardhat/internal/core/config/default-config') as { defaultHardhatNetworkParams: { hardfork: string; chains: unknown } };
    return createHardhatNetworkProvider(
      {
        chainId: 31337,
        networkId: 31337,
        hardfork: defaultHardhatNetworkParams.hardfork,
        blockGasLimit: 60_000_000,
        initialBaseFeePerGas: 0,
        minGasPrice: 0n,
        throwOnTransactionFailures: true,
        throwOnCallFailures: true,
        automine: true,
        intervalMining: 0,
        mempoolOrder: 'priority',
        chains: defaultHardhatNetworkParams.chains,
        coinbase: '0x0000000000000000000000000000000000000000',
        genesisAccounts: [],
        allowUnlimitedContractSize: true,
        allowBlocksWithSameTimestamp: false,
        enableTransientStorage: false,
        enableRip7212: false,
      },
      { enabled: false },
      undefined,
    );
  })();
  return inProcess;
}

/**
 * Runs creation code's constructor (an `eth_call` without a recipient returns the code it deploys), in the
 * in-process EVM or, given `rpcUrl`, against that chain (where the router and factory it calls exist).
 * Falls back to the runtime segment the constructor copies when it reverts.
 */
export async function runtimeFromCreation(hex: string, segment: CodeSegment, call?: (tx: { from: string; data: string }) => Promise<string>): Promise<RuntimeFromCreation> {
  const data = '0x' + hex.trim().replace(/^0x/i, '');
  let reason: string;
  try {
    const tx = { from: DEPLOYER, data, gas: '0xf42400' };
    const out = call ? await call(tx) : ((await (await provider()).request({ method: 'eth_call', params: [tx, 'latest'] })) as string);
    if (typeof out === 'string' && out.length > 2) return { runtime: out, how: 'executed' };
    reason = 'the constructor returned no code';
  } catch (error) {
    reason = `the constructor reverted: ${((error as Error).message ?? String(error)).split('\n')[0]!.slice(0, 160)}`;
  }
  const runtime = Buffer.from(Buffer.from(data.slice(2), 'hex').subarray(segment.offset, segment.offset + segment.length));
  // Immutables computed at deployment are unknown offline: each gets a distinct non-zero stand-in, so that
  // `to == pair` stays a comparison with an address rather than a zero test.
  segment.patches.forEach((p) => {
    if (p.at + 32 > runtime.length) return;
    const word = (p.value ?? IMMUTABLE_STAND_IN + BigInt(p.id)).toString(16).padStart(64, '0').slice(-64);
    Buffer.from(word, 'hex').copy(runtime, p.at);
  });
  return { runtime: '0x' + runtime.toString('hex'), how: 'embedded', reason };
}

export interface DelegationTarget {
  /** The implementation fixed in the code, or the storage slot (hex, no 0x) it is read from. */
  address?: string;
  slot?: string;
  /** The EIP-1167 minimal proxy byte for byte. */
  eip1167: boolean;
  /** Bytes of code (after the metadata trailer is cut). */
  size: number;
}

const EIP1167 = /^363d3d373d3d3d363d73([0-9a-f]{40})5af43d82803e903d91602b57fd5bf3$/i;

/** Code this small with no dispatched function of its own is a forwarder, never a token. */
export const TINY_PROXY_BYTES = 256;

/**
 * A tiny proxy: code of at most TINY_PROXY_BYTES, no function of its own, whose every call is DELEGATECALLed
 * to a fixed address or one read from storage. null for anything else (larger proxies are told by the
 * token rules: `rules/proxy.ts`).
 */
export function tinyProxy(hex: string): DelegationTarget | null {
  const clean = hex.trim().replace(/^0x/i, '').toLowerCase();
  const m = EIP1167.exec(clean);
  if (m) return { address: `0x${m[1]!}`, eip1167: true, size: clean.length / 2 };
  const size = codeBytes(clean).length;
  if (size > TINY_PROXY_BYTES) return null;
  const code = disassemble(clean);
  if (dispatcher(code).length > 0) return null;
  const facts = exploreFunction(code, 0, null, 0);
  const call = facts.calls.find((c) => c.op === OP.DELEGATECALL);
  if (!call) return null;
  if (call.target.c !== null) return { address: `0x${call.target.c.toString(16).padStart(40, '0')}`, eip1167: false, size };
  if (call.target.slots.length === 1) return { slot: call.target.slots[0]!, eip1167: false, size };
  return null;
}
