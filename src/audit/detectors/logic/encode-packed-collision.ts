import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { calleePath, callArguments } from '../../../solidity/model/expressions.js';
import type { ContractModel, FunctionModel } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';
import { typeOfName } from '../tokens/tokens-helpers.js';

/**
 * Hash collision with `abi.encodePacked` over several variable-length values (SWC-133; Slither's
 * encode-packed-collision). Packed encoding concatenates dynamic values without their lengths, so
 * `("ab", "c")` and `("a", "bc")` encode to the same bytes: when the packing is hashed into an id, a
 * signed message or a storage key, a different set of arguments produces the same hash. Reported when
 * at least two arguments are of a dynamic type (`string`, `bytes`, a dynamic array) and the packed bytes
 * are hashed; `abi.encode`, or a fixed-size value (such as a hash) in place of each dynamic one, is safe.
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
  const type = typeOfName(fn, contract, textOf(src, n));
  if (!type) return false;
  const t = type.replace(/\s+(storage|memory|calldata)\b/g, '').trim();
  return t === 'string' || t === 'bytes' || /\[\]$/.test(t);
}

/** The packed bytes go into keccak256/sha256/sha3 (directly, or through a local hashed later). */
function isHashed(call: SyntaxNode, src: string): boolean {
  let p = call.parent;
  while (p && (p.type === 'call_argument' || p.type === 'parenthesized_expression')) p = p.parent;
  if (p?.type === 'call_expression' && /^(keccak256|sha256|sha3|ripemd160)$/.test(calleePath(p, src)?.join('.') ?? '')) return true;
  return false;
}
