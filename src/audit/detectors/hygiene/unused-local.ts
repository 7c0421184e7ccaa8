import { findAll, textOf, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { lowLevelCall } from '../../../solidity/model/expressions.js';
import { defineDetector } from '../detector.js';
import { readNames } from './reads.js';

/**
 * Unused local variable (SWC-131): a variable declared inside a function body and never read
 * afterwards (assigning it does not count). Such a variable is dead code at best and at worst the
 * trace of a value that was meant to be checked or used. Names are matched per function, so a name
 * read in any block of the function counts as used; that errs towards silence. The unused result of
 * a low-level call (`bool ok = a.call(…)`) is left to the unchecked-call detectors.
 */
export default defineDetector(
  {
    id: 'unused-local',
    title: 'Unused local variable',
    swc: ['SWC-131'],
    dasp: 'other',
    severity: 'info',
    confidence: 0.8,
    description: 'A local variable is declared in a function body and never read.',
    exploitScenario:
      'Not exploitable by itself; it wastes gas and often marks a computed value (a fee, a returned status) that the author meant to use and forgot.',
    recommendation: 'Remove the variable, or use the value as intended.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        const decls: SyntaxNode[] = [];
        for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
          // `bool ok = a.call(…)` with `ok` unused is an unchecked call: the call detectors report it.
          const value = stmt.fields.value;
          if (value && findAll(value, 'call_expression').some((c) => lowLevelCall(c, src) !== null)) continue;
          for (const d of findAll(stmt, 'variable_declaration')) if (d.fields.name) decls.push(d);
        }
        if (decls.length === 0) continue;
        const reads = readNames(fn.node, src);
        for (const d of decls) {
          const name = textOf(src, d.fields.name!);
          if (reads.has(name)) continue;
          report({ node: d, unit: contract.unit, contract, fn, message: `Local variable \`${name}\` in ${fn.name || fn.kind} is never read.` });
        }
      }
    }
  },
);
