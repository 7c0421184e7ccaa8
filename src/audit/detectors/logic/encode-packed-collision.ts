import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { calleePath, callArguments } from '../../../solidity/model/expressions.js';
import type { ContractModel, FunctionModel } from '../../../solidity/model/types.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import { defineDetector } from '../detector.js';
import { typeOfName } from '../tokens/tokens-helpers.js';

/**
 * Hash collision with `abi.encodePacked` over several variable-length values (SWC-133; Slither's
 * encode-packed-collision). Packed encoding concatenates dynamic values without their lengths, so
 * `("ab", "c")` and `("a", "bc")` encode to the same bytes: when the packing is hashed into an id, a
 * signed message or a storage key, a different set of arguments produces the same hash. Reported when
 * at least two arguments are of a dynamic type (`string`, `bytes`, a dynamic array) and the packed bytes
 * are hashed; `abi.encode`, or a fixed-size value (such as a hash) in place of each dynamic one, is safe,
 * and so is a dynamic value whose length cannot change (see `hasFixedLength`).
 */
export default defineDetector(
  {
    id: 'encode-packed-collision',
    title: 'Hash of abi.encodePacked with several dynamic values',
    swc: ['SWC-133'],
    dasp: 'other',
    severity: 'medium',
    confidence: 0.75,
    description:
      '`abi.encodePacked` of two or more dynamic values (string, bytes, dynamic arrays) is hashed. Packed encoding drops their lengths, so different arguments can encode to the same bytes and give the same hash.',
    exploitScenario:
      'A whitelist signature covers `keccak256(abi.encodePacked(admins, users))`; an attacker moves an address from `users` to `admins`: the packed bytes and the signature still match, and the attacker becomes admin.',
    recommendation: 'Use `abi.encode`, or pack only fixed-size values (hash each dynamic value first), or add a separator of fixed size between them.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const call of findAll(fn.body, 'call_expression')) {
          if (calleePath(call, src)?.join('.') !== 'abi.encodePacked') continue;
          const dynamic = callArguments(call).filter((a) => isDynamic(a, fn, contract, src));
          if (dynamic.length < 2 || !isHashed(call, src)) continue;
          report({
            node: call,
            unit: contract.unit,
            contract,
            fn,
            message: `\`${textOf(src, call).split('\n')[0]!.trim()}\` packs ${dynamic.map((d) => `\`${textOf(src, d).trim()}\``).join(' and ')} without their lengths before hashing: different values can give the same hash.`,
          });
        }
      }
    }
  },
);

function isDynamic(arg: SyntaxNode, fn: FunctionModel, contract: ContractModel, src: string): boolean {
  const n = unparen(arg);
  if (n.type === 'string_literal' || n.type === 'hex_string_literal' || n.type === 'unicode_string_literal') return false;
  if (n.type === 'type_cast_expression') return /^(string|bytes)\s*\(/.test(textOf(src, n).trim());
  if (n.type !== 'identifier') return false;
  const name = textOf(src, n);
  const type = typeOfName(fn, contract, name);
  if (!type) return false;
  const t = type.replace(/\s+(storage|memory|calldata)\b/g, '').trim();
  if (!(t === 'string' || t === 'bytes' || /\[\]$/.test(t))) return false;
  return !hasFixedLength(name, fn, contract);
}

/**
 * A value whose length cannot vary, so it cannot shift bytes into its neighbour: a local set once from
 * `new bytes(<literal>)` or a literal, or a state variable that is constant or never written after its
 * initialiser (a namespace prefix).
 */
function hasFixedLength(name: string, fn: FunctionModel, contract: ContractModel): boolean {
  const src = fn.contract.unit.text;
  if (fn.params.some((p) => p.name === name)) return false;
  if (fn.body) {
    for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
      const decl = stmt.children.find((c) => c.type === 'variable_declaration');
      if (!decl?.fields.name || textOf(src, decl.fields.name) !== name) continue;
      const value = stmt.fields.value ? textOf(src, stmt.fields.value).trim() : '';
      const reassigned = findAll(fn.body, 'assignment_expression').some((a) => a.fields.left && textOf(src, unparen(a.fields.left)) === name);
      return !reassigned && (/^new\s+bytes\s*\(\s*\d+\s*\)$/.test(value) || /^(hex)?["']/.test(value));
    }
  }
  const v = contract.stateVariables.get(name);
  if (!v) return false;
  if (v.isConstant || v.isImmutable) return true;
  if (!v.initialValue) return false;
  return !contract.functions.some((f) => f.kind !== 'constructor' && analyzeFunction(f, contract).operations.some((op) => op.kind === 'state-write' && op.variable === v));
}

/** The packed bytes go into keccak256/sha256/sha3 (directly, or through a local hashed later). */
function isHashed(call: SyntaxNode, src: string): boolean {
  let p = call.parent;
  while (p && (p.type === 'call_argument' || p.type === 'parenthesized_expression')) p = p.parent;
  if (p?.type === 'call_expression' && /^(keccak256|sha256|sha3|ripemd160)$/.test(calleePath(p, src)?.join('.') ?? '')) return true;
  return false;
}
