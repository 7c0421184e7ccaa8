import { findAll, textOf, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';

/**
 * State variable shadowing (SWC-119). A derived contract that redeclares an inherited state variable
 * gets a second, separate slot: the base's functions keep using theirs, so the value the author set
 * is silently ignored (Solidity 0.6 made this an error). A local, parameter or named return with a
 * state variable's name hides it inside the function, a smaller but real source of wrong reads; it is
 * reported as info. Constructor and setter parameters written to the same-named variable
 * (`x = x` cannot compile anyway) are rare, so no exception is made beyond underscores.
 */
export default defineDetector(
  {
    id: 'shadowed-state',
    title: 'Shadowed state variable',
    swc: ['SWC-119'],
    dasp: 'other',
    severity: 'medium',
    confidence: 0.8,
    description: 'A state variable is redeclared in a derived contract, or a local variable or parameter has the name of a state variable, hiding it.',
    exploitScenario:
      'A presale contract redeclares `hardcap` with a lower value, but the inherited purchase logic reads the base contract\'s `hardcap`, so the intended cap is never enforced.',
    recommendation: 'Remove the redeclaration and set the inherited variable in the constructor; rename locals and parameters that reuse state variable names.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface') continue;
      const unit = contract.unit;
      const src = unit.text;
      const own = new Set(contract.ownStateVariables.map((v) => v.name));
      for (const v of contract.ownStateVariables) {
        if (!v.name) continue;
        const base = contract.linearized.slice(1).find((b) => b.ownStateVariables.some((bv) => bv.name === v.name));
        if (!base) continue;
        report({
          node: v.node,
          unit,
          contract,
          message: `State variable \`${v.name}\` of ${contract.name} shadows the one inherited from ${base.name}; functions of ${base.name} keep using the base's copy.`,
          evidence: { base: base.name },
        });
      }
      // Locals and parameters that hide a state variable of this contract (own or inherited).
      const stateNames = new Set(contract.stateVariables.keys());
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        const hidden: Array<{ name: string; node: SyntaxNode; what: string }> = [];
        for (const p of [...fn.params, ...fn.returns]) if (p.name && stateNames.has(p.name)) hidden.push({ name: p.name, node: p.node, what: fn.returns.includes(p) ? 'return variable' : 'parameter' });
        for (const decl of findAll(fn.body, 'variable_declaration')) {
          const name = decl.fields.name ? textOf(src, decl.fields.name) : '';
          if (stateNames.has(name)) hidden.push({ name, node: decl, what: 'local variable' });
        }
        for (const h of hidden) {
          const v = contract.stateVariables.get(h.name)!;
          if (v.isConstant && !own.has(h.name) && v.contract.kind === 'library') continue;
          report({
            node: h.node,
            unit,
            contract,
            fn,
            severity: 'info',
            confidence: 0.6,
            message: `The ${h.what} \`${h.name}\` of ${fn.name || fn.kind} hides the state variable \`${h.name}\` (${v.contract.name}).`,
          });
        }
      }
    }
  },
);
