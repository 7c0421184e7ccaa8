import { findAll, textOf } from '../../../solidity/parse/syntax.js';
import { defineDetector } from '../detector.js';

/**
 * Uninitialized storage pointer (SWC-109). Before Solidity 0.5, a local struct, array or mapping
 * declared without a value and without `memory` is a storage pointer to slot 0: writing its fields
 * overwrites the contract's first state variables (the CryptoRoulette and NameRegistrar honeypots).
 * 0.5 made this a compile error, so only older code is checked; the rule needs nothing but the
 * declaration, which is why confidence is high.
 */
export default defineDetector(
  {
    id: 'uninitialized-storage-pointer',
    title: 'Uninitialized storage pointer',
    swc: ['SWC-109'],
    dasp: 'other',
    severity: 'high',
    confidence: 0.85,
    description:
      'A local struct or array variable is declared without a value and without `memory`; before Solidity 0.5 it defaults to a storage pointer at slot 0, so writing to it overwrites state variables.',
    exploitScenario:
      'A player calls a function that fills `Game game; game.player = msg.sender;`: the write lands in slot 0 and replaces the secret number or the `unlocked` flag, which the attacker then exploits (or which lures victims into a rigged game).',
    recommendation: 'Declare the local with `memory`, or initialise it from storage explicitly (`Record storage r = records[id];`); use Solidity 0.5 or later.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const unit = contract.unit;
      if (unit.solidityMinor !== null && unit.solidityMinor >= 5) continue;
      const src = unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body) continue;
        for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
          if (stmt.fields.value) continue;
          const decls = stmt.children.filter((c) => c.type === 'variable_declaration');
          if (decls.length !== 1) continue;
          const decl = decls[0]!;
          if (decl.tokens.location === 'memory' || decl.tokens.location === 'calldata') continue;
          const type = decl.fields.type ? textOf(src, decl.fields.type).trim() : '';
          const isStruct = contract.structNames.has(type.split('.').pop()!);
          const isReference = isStruct || /\]$/.test(type) || /^mapping\b/.test(type);
          if (!isReference) continue;
          // A `storage` local given its value later (`Rec storage r; r = recs[i];`) is not left dangling.
          const name = decl.fields.name ? textOf(src, decl.fields.name) : '';
          const assigned = findAll(fn.body, 'assignment_expression').some((a) => a.fields.left && textOf(src, a.fields.left).trim() === name);
          if (assigned) continue;
          report({
            node: stmt,
            unit,
            contract,
            fn,
            message: `\`${textOf(src, stmt).trim()}\` is an uninitialized storage pointer: its fields alias the contract's first storage slots.`,
          });
        }
      }
    }
  },
);
