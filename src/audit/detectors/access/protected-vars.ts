import { analyzeFunction } from '../../../solidity/model/operations.js';
import { isRestricted } from '../../../solidity/model/access.js';
import type { SourceUnit, StateVariable } from '../../../solidity/model/types.js';
import { defineDetector } from '../detector.js';

/**
 * A state variable documented as protected but writable by anyone (Slither's protected-vars). The
 * documentation is NatSpec `@custom:security write-protection="onlyOwner()"` (Slither's convention)
 * or a plain comment on or right above the declaration that says who may change it ("only the owner
 * can change", "only admin may update", "owner-only"). An entry point that writes the variable (itself,
 * in a modifier or in an internal function it calls) without that protection is reported: the
 * modifier named by `write-protection`, or any check of the caller for a prose comment.
 */
export default defineDetector(
  {
    id: 'protected-vars',
    title: 'Variable documented as protected is writable by anyone',
    swc: [],
    dasp: 'access_control',
    severity: 'high',
    confidence: 0.65,
    description:
      'A state variable\'s documentation says only a privileged account may change it, but a function without that protection writes it.',
    exploitScenario: 'The price oracle\'s `price` is documented "only the owner can change"; `updatePrice` has no check, so anyone sets the price to zero and buys everything for free.',
    recommendation: 'Add the documented access control (the named modifier, or a check of msg.sender) to every function that writes the variable.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface' || contract.kind === 'library') continue;
      const documented = new Map<StateVariable, Protection>();
      for (const v of contract.stateVariables.values()) {
        const p = protectionOf(v.contract.unit, v.node.startIndex, v.node.endIndex);
        if (p) documented.set(v, p);
      }
      if (documented.size === 0) continue;
      for (const fn of contract.functions) {
        if (!fn.body || !fn.isEntryPoint || fn.kind === 'modifier' || fn.kind === 'constructor') continue;
        if (fn.contract !== contract && !ctx.contracts.includes(fn.contract)) continue;
        const writes = analyzeFunction(fn, contract).flattened.filter((op) => op.kind === 'state-write' && documented.has(op.variable));
        if (writes.length === 0) continue;
        const seen = new Set<StateVariable>();
        for (const op of writes) {
          if (op.kind !== 'state-write' || seen.has(op.variable)) continue;
          seen.add(op.variable);
          const p = documented.get(op.variable)!;
          const ok = p.modifier ? fn.modifiers.some((m) => m.name === p.modifier) : isRestricted(fn, contract, { modifierNames: 'access' });
          if (ok) continue;
          report({
            node: fn.node,
            headerOnly: true,
            unit: fn.contract.unit,
            contract,
            fn,
            message: `\`${op.variable.name}\` is documented as protected (${p.text}) but ${fn.name} writes it without ${p.modifier ? `the ${p.modifier} modifier` : 'checking the caller'}.`,
            evidence: { variable: op.variable.name, documentation: p.text },
          });
        }
      }
    }
  },
);

interface Protection {
  /** The modifier named by `write-protection="name()"`, or null for a prose comment. */
  modifier: string | null;
  text: string;
}

const TAG = /write-protection\s*=\s*"\s*([A-Za-z_$][\w$]*)/;
const PROSE =
  /\bonly\s+(?:(?:the|an?|by(?:\s+the)?)\s+)?(?:contract\s+)?(owner|admin(?:istrator)?|governance|governor|operator|manager|dao|multisig|minter|controller|creator|deployer)s?\b[^.\n]{0,40}\b(?:can|may|should|must|is\s+allowed\s+to|allowed\s+to)?\s*(?:set|change|update|modif|write|edit|call|alter)?|\b(owner|admin)[- ]only\b|\b(?:settable|changeable|updatable|modifiable)\s+only\s+by\s+(?:the\s+)?(owner|admin)/i;

/** The comment on the declaration's line (after it) or the comment lines right above it. */
function protectionOf(unit: SourceUnit, start: number, end: number): Protection | null {
  const text = unit.text;
  const lineEnd = text.indexOf('\n', end);
  const trailing = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
  const comments: string[] = [];
  const tm = /\/\/(.*)$|\/\*(.*?)\*\//.exec(trailing);
  if (tm) comments.push(tm[1] ?? tm[2] ?? '');
  // Walk up over comment lines directly above the declaration.
  let lineStart = text.lastIndexOf('\n', start - 1);
  const above: string[] = [];
  while (lineStart > 0) {
    const prevStart = text.lastIndexOf('\n', lineStart - 1);
    const line = text.slice(prevStart + 1, lineStart).trim();
    if (!/^(\/\/|\/\*|\*)/.test(line) && !/\*\/$/.test(line)) break;
    above.push(line);
    lineStart = prevStart;
    if (above.length > 12) break;
  }
  comments.push(...above);
  for (const c of comments) {
    const t = TAG.exec(c);
    if (t) return { modifier: t[1]!, text: c.replace(/^[/*\s]+/, '').trim() };
  }
  for (const c of comments) {
    const m = PROSE.exec(c);
    if (m && /only|settable|changeable|updatable|modifiable/i.test(m[0])) return { modifier: null, text: c.replace(/^[/*\s]+/, '').trim() };
  }
  return null;
}
