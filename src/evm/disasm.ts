/**
 * EVM runtime bytecode → instructions. PUSH data is skipped (so a 0x5b inside a constant is not a
 * JUMPDEST), and the Solidity metadata trailer (CBOR, its length in the last two bytes) is cut off so that
 * its bytes are not read as code.
 */

export interface Instr {
  pc: number;
  op: number;
  /** The pushed constant, for PUSH0..PUSH32. */
  push?: bigint;
  /** Bytes of the pushed constant, for PUSH1..PUSH32 (PUSH4 selectors, PUSH32 topics and slots). */
  size?: number;
}

export interface Code {
  instrs: Instr[];
  /** Instruction index of each pc. */
  index: Map<number, number>;
  jumpdests: Set<number>;
}

export const OP = {
  STOP: 0x00, ADD: 0x01, MUL: 0x02, SUB: 0x03, DIV: 0x04, SDIV: 0x05, MOD: 0x06, EXP: 0x0a,
  LT: 0x10, GT: 0x11, SLT: 0x12, SGT: 0x13, EQ: 0x14, ISZERO: 0x15, AND: 0x16, OR: 0x17, XOR: 0x18, NOT: 0x19,
  SHL: 0x1b, SHR: 0x1c, SHA3: 0x20, ADDRESS: 0x30, CALLER: 0x33, CALLVALUE: 0x34, CALLDATALOAD: 0x35, CODECOPY: 0x39,
  TIMESTAMP: 0x42, NUMBER: 0x43, POP: 0x50, MLOAD: 0x51, MSTORE: 0x52, SLOAD: 0x54, SSTORE: 0x55,
  JUMP: 0x56, JUMPI: 0x57, JUMPDEST: 0x5b, PUSH0: 0x5f, PUSH1: 0x60, PUSH32: 0x7f, DUP1: 0x80, DUP16: 0x8f,
  SWAP1: 0x90, SWAP16: 0x9f, LOG0: 0xa0, LOG4: 0xa4, CREATE: 0xf0, CALL: 0xf1, CALLCODE: 0xf2, RETURN: 0xf3,
  DELEGATECALL: 0xf4, CREATE2: 0xf5, STATICCALL: 0xfa, REVERT: 0xfd, INVALID: 0xfe, SELFDESTRUCT: 0xff,
} as const;

/** Stack items popped and pushed by each opcode (unknown opcodes: 0/0, they end the block as INVALID). */
const ARITY: Record<number, [number, number]> = {};
function set(from: number, to: number, pops: number, pushes: number): void {
  for (let op = from; op <= to; op++) ARITY[op] = [pops, pushes];
}
set(0x00, 0x00, 0, 0);
set(0x01, 0x07, 2, 1);
set(0x08, 0x09, 3, 1);
set(0x0a, 0x0b, 2, 1);
set(0x10, 0x14, 2, 1);
set(0x15, 0x15, 1, 1);
set(0x16, 0x18, 2, 1);
set(0x19, 0x19, 1, 1);
set(0x1a, 0x1d, 2, 1);
set(0x20, 0x20, 2, 1);
set(0x30, 0x30, 0, 1);
set(0x31, 0x31, 1, 1);
set(0x32, 0x34, 0, 1);
set(0x35, 0x35, 1, 1);
set(0x36, 0x36, 0, 1);
set(0x37, 0x37, 3, 0);
set(0x38, 0x38, 0, 1);
set(0x39, 0x39, 3, 0);
set(0x3a, 0x3a, 0, 1);
set(0x3b, 0x3b, 1, 1);
set(0x3c, 0x3c, 4, 0);
set(0x3d, 0x3d, 0, 1);
set(0x3e, 0x3e, 3, 0);
set(0x3f, 0x3f, 1, 1);
set(0x40, 0x40, 1, 1);
set(0x41, 0x48, 0, 1);
set(0x49, 0x49, 1, 1);
set(0x4a, 0x4a, 0, 1);
set(0x50, 0x50, 1, 0);
set(0x51, 0x51, 1, 1);
set(0x52, 0x53, 2, 0);
set(0x54, 0x54, 1, 1);
set(0x55, 0x55, 2, 0);
set(0x56, 0x56, 1, 0);
set(0x57, 0x57, 2, 0);
set(0x58, 0x5a, 0, 1);
set(0x5b, 0x5b, 0, 0);
set(0x5c, 0x5c, 1, 1);
set(0x5d, 0x5d, 2, 0);
set(0x5e, 0x5e, 3, 0);
set(0x5f, 0x7f, 0, 1);
for (let n = 0; n < 5; n++) ARITY[0xa0 + n] = [2 + n, 0];
set(0xf0, 0xf0, 3, 1);
set(0xf1, 0xf2, 7, 1);
set(0xf3, 0xf3, 2, 0);
set(0xf4, 0xf4, 6, 1);
set(0xf5, 0xf5, 4, 1);
set(0xfa, 0xfa, 6, 1);
set(0xfd, 0xfd, 2, 0);
set(0xfe, 0xfe, 0, 0);
set(0xff, 0xff, 1, 0);

export function arity(op: number): [number, number] | undefined {
  if (op >= OP.DUP1 && op <= OP.DUP16) return [op - OP.DUP1 + 1, op - OP.DUP1 + 2];
  if (op >= OP.SWAP1 && op <= OP.SWAP16) return [op - OP.SWAP1 + 2, op - OP.SWAP1 + 2];
  return ARITY[op];
}

/** Hex (with or without 0x) → bytes, without the metadata trailer when one is recognisable. */
export function codeBytes(hex: string): Uint8Array {
  const clean = hex.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]*$/.test(clean) || clean.length % 2 !== 0) throw new Error('runtime bytecode must be an even-length hex string');
  const bytes = Uint8Array.from(Buffer.from(clean, 'hex'));
  if (bytes.length < 4) return bytes;
  // Solidity appends CBOR metadata (a map: 0xa1..0xa5) followed by its 2-byte length.
  const len = (bytes[bytes.length - 2]! << 8) | bytes[bytes.length - 1]!;
  const start = bytes.length - 2 - len;
  if (len > 0 && start > 0 && bytes[start]! >= 0xa1 && bytes[start]! <= 0xa5) return bytes.subarray(0, start);
  return bytes;
}

export function disassemble(hex: string): Code {
  const bytes = codeBytes(hex);
  const instrs: Instr[] = [];
  const index = new Map<number, number>();
  const jumpdests = new Set<number>();
  for (let pc = 0; pc < bytes.length; ) {
    const op = bytes[pc]!;
    const ins: Instr = { pc, op };
    if (op === OP.PUSH0) ins.push = 0n;
    if (op >= OP.PUSH1 && op <= OP.PUSH32) {
      const n = op - OP.PUSH1 + 1;
      let v = 0n;
      for (let i = 1; i <= n; i++) v = (v << 8n) | BigInt(bytes[pc + i] ?? 0);
      ins.push = v;
      ins.size = n;
    }
    if (op === OP.JUMPDEST) jumpdests.add(pc);
    index.set(pc, instrs.length);
    instrs.push(ins);
    pc += 1 + (ins.size ?? 0);
  }
  return { instrs, index, jumpdests };
}

export interface DispatchEntry {
  selector: string;
  /** The pc the dispatcher jumps to for this selector. */
  entry: number;
}

/**
 * Function selectors from the dispatcher: `PUSH4 sel, EQ, PUSH dest, JUMPI` (solc, Vyper), with a DUP or
 * SWAP allowed between PUSH4 and EQ (`PUSH4 sel DUP2 EQ`).
 */
export function dispatcher(code: Code): DispatchEntry[] {
  const out: DispatchEntry[] = [];
  const seen = new Set<string>();
  const ins = code.instrs;
  for (let i = 0; i + 3 < ins.length; i++) {
    const p = ins[i]!;
    if (p.size !== 4 || p.push === undefined) continue;
    let j = i + 1;
    if (ins[j] && ((ins[j]!.op >= OP.DUP1 && ins[j]!.op <= OP.DUP16) || (ins[j]!.op >= OP.SWAP1 && ins[j]!.op <= OP.SWAP16))) j++;
    if (ins[j]?.op !== OP.EQ) continue;
    const dest = ins[j + 1];
    if (dest?.push === undefined || ins[j + 2]?.op !== OP.JUMPI) continue;
    const entry = Number(dest.push);
    if (!code.jumpdests.has(entry)) continue;
    const selector = `0x${p.push.toString(16).padStart(8, '0')}`;
    if (seen.has(selector)) continue;
    seen.add(selector);
    out.push({ selector, entry });
  }
  return out;
}
