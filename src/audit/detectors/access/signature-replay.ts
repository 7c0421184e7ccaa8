import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { calleeName, callArguments } from '../../../solidity/model/expressions.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionModel } from '../../../solidity/model/types.js';
import { statementOf } from './access-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * Signed messages that can be used twice.
 * - Replay (SWC-121): a state-changing entry point recovers a signer with `ecrecover` from a hash it
 *   builds itself, and nothing in that hash makes it single-use or single-contract (no nonce, no
 *   `address(this)`, no chain id) and the function records no "used" flag for it: the same signature
 *   can be submitted again, or on another deployment.
 * - Malleability (SWC-117): replay protection keyed by the signature bytes (`used[keccak256(sig)]`).
 *   For every valid (v, r, s) the signature (v', r, n - s) is valid too, so a second, different key
 *   authorises the same message again. The key should be the hash of the signed message.
 */
export default defineDetector(
  {
    id: 'signature-replay',
    title: 'Signature can be replayed',
    swc: ['SWC-121', 'SWC-117'],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.6,
    description: 'A signature check does not make each signature single-use: the signed hash has no nonce or contract address, or replay protection is keyed by the malleable signature bytes.',
    exploitScenario:
      'Anyone who has seen a signed transfer submits it again (or a malleated copy of its signature) and the contract performs the transfer a second time.',
    recommendation:
      'Include a per-signer nonce, address(this) and the chain id in the signed hash (EIP-712), mark the message hash (not the signature) as used, and use OpenZeppelin ECDSA, which rejects malleable signatures.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      for (const fn of contract.ownFunctions) {
        if (!fn.body || !fn.isEntryPoint || fn.mutability === 'view' || fn.mutability === 'pure') continue;
        malleableKey(contract, fn, report);
        replayableHash(contract, fn, report);
      }
    }
  },
);

type Report = Parameters<Parameters<typeof defineDetector>[1]>[1];

function signatureParams(fn: FunctionModel): Set<string> {
  const out = new Set<string>();
  for (const p of fn.params) if (p.name && /^bytes$/.test(p.typeText.trim()) && /sig/i.test(p.name)) out.add(p.name);
  return out;
}

function localValues(fn: FunctionModel, src: string): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const stmt of findAll(fn.body!, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    if (decl?.fields.name && stmt.fields.value) out.set(textOf(src, decl.fields.name), stmt.fields.value);
  }
  return out;
}

function malleableKey(contract: ContractModel, fn: FunctionModel, report: Report): void {
  const sigs = signatureParams(fn);
  if (sigs.size === 0) return;
  const src = contract.unit.text;
  const analysis = analyzeFunction(fn, contract);
  const values = localValues(fn, src);
  const mentionsSig = (n: SyntaxNode) => findAll(n, 'identifier').some((id) => sigs.has(textOf(src, id)));
  for (const op of analysis.operations) {
    if (op.kind !== 'guard' || op.origin !== fn) continue;
    for (const a of findAll(op.condition, 'array_access')) {
      const root = rootName(a, src);
      const v = root && !analysis.locals.has(root) ? contract.stateVariables.get(root) : undefined;
      if (!v?.isMapping || !a.fields.index || !/=>\s*bool\s*\)\s*$/.test(v.typeText)) continue;
      // The same map must be written in the function: it is the "used" record.
      if (!analysis.operations.some((w) => w.kind === 'state-write' && w.variable === v)) continue;
      const index = unparen(a.fields.index);
      let keyNode: SyntaxNode = op.node;
      let keyValue: SyntaxNode = index;
      if (index.type === 'identifier' && values.has(textOf(src, index))) {
        keyValue = values.get(textOf(src, index))!;
        keyNode = keyValue;
      }
      const hashed = findAll(keyValue, 'call_expression').some((c) => /^(keccak256|sha3|sha256)$/.test(calleeName(c, src) ?? ''));
      if (!hashed || !mentionsSig(keyValue)) continue;
      report({
        node: statementOf(keyNode),
        unit: contract.unit,
        contract,
        fn,
        message: `Replay protection in ${fn.name} is keyed by the signature bytes; a malleated signature gives a new key for the same signed message.`,
      });
      return;
    }
  }
}

const FRESHNESS = /nonce|^this$|chain|counter|salt|deadline|expir|timestamp|id$|^address\(this\)$/i;

function replayableHash(contract: ContractModel, fn: FunctionModel, report: Report): void {
  const src = contract.unit.text;
  const recovers = findAll(fn.body!, 'call_expression').filter((c) => calleeName(c, src) === 'ecrecover');
  if (recovers.length === 0) return;
  const values = localValues(fn, src);
  const analysis = analyzeFunction(fn, contract);
  for (const rec of recovers) {
    const hash = callArguments(rec)[0];
    if (!hash) continue;
    // The hash and what it is built from, through locals and internal helpers, two levels deep.
    const parts: SyntaxNode[] = [hash];
    let built = false;
    for (let i = 0; i < parts.length && i < 40; i++) {
      const p = parts[i]!;
      for (const id of findAll(p, 'identifier')) {
        const v = values.get(textOf(src, id));
        if (v && !parts.includes(v)) parts.push(v);
      }
      for (const call of findAll(p, 'call_expression')) {
        const name = calleeName(call, src) ?? '';
        if (/^(keccak256|sha3|sha256)$/.test(name)) built = true;
        const target = contract.functions.find((f) => f.name === name && f.body && f.kind === 'function');
        if (target) for (const ret of findAll(target.body!, 'return_statement')) if (!parts.includes(ret)) parts.push(ret);
      }
    }
    if (!built) continue; // a hash passed in by the caller: nothing to judge here
    const names = parts.flatMap((p) => findAll(p, new Set(['identifier', 'member_expression'])).map((n) => textOf(src, n)));
    if (names.some((n) => FRESHNESS.test(n))) continue;
    // A "used" record written in the function makes it single-use.
    const keyed = analysis.operations.some((op) => op.kind === 'state-write' && op.variable.isMapping && /used|spent|claimed|executed|nonce|seen|processed|redeemed|withdrawn/i.test(op.variable.name));
    if (keyed) continue;
    report({
      node: statementOf(rec),
      unit: contract.unit,
      contract,
      fn,
      message: `${fn.name} accepts a signature over a hash with no nonce, contract address or chain id, and does not mark it used: it can be replayed.`,
    });
  }
}
