import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import { etherTransfers } from './blockchain-helpers.js';
import { defineDetector } from '../detector.js';

/**
 * A game whose players submit their moves in the clear (SWC-114). When a payable function stores a
 * player's number or choice in state, and the winner is later decided by combining the stored
 * choices of several players, the last player reads the earlier choices (from the mempool or from
 * storage) and picks the winning move. A commitment (a hash) would hide it, so bytes32 submissions
 * are not reported. Reported where the choice is stored.
 */
export default defineDetector(
  {
    id: 'unhidden-player-choice',
    title: 'Player choice submitted in the clear',
    swc: ['SWC-114'],
    dasp: 'front_running',
    severity: 'medium',
    confidence: 0.6,
    description: 'A payable game stores each player\'s choice in plain form and decides the winner from the choices, so later players see earlier ones.',
    exploitScenario: 'In odds-and-evens the second player reads the first player\'s number from the pending transaction or storage and submits the number that makes them win.',
    recommendation: 'Use commit-reveal: players first submit keccak256(choice, salt), then reveal once all commitments are in.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      // State variables whose stored values (read at least twice) decide who is paid.
      const deciding = new Set<string>();
      for (const fn of contract.functions) {
        if (!fn.body || fn.contract.unit !== contract.unit) continue;
        const transfers = etherTransfers(fn, contract).filter((t) => t.origin === fn);
        if (transfers.length === 0) continue;
        const locals = analyzeFunction(fn, contract).locals;
        // Locals computed from state: `uint n = players[0].number + players[1].number`.
        const localFrom = new Map<string, SyntaxNode>();
        for (const d of findAll(fn.body, 'variable_declaration_statement')) {
          const decl = d.children.find((c) => c.type === 'variable_declaration');
          if (decl?.fields.name && d.fields.value) localFrom.set(textOf(src, decl.fields.name), d.fields.value);
        }
        for (const ifs of findAll(fn.body, 'if_statement')) {
          const cond = ifs.fields.condition;
          if (!cond || !transfers.some((t) => t.node.startIndex > ifs.startIndex && t.node.endIndex <= ifs.endIndex)) continue;
          const exprs = [cond, ...findAll(cond, 'identifier').map((i) => localFrom.get(textOf(src, i))).filter(Boolean)] as SyntaxNode[];
          const counts = new Map<string, number>();
          for (const e of exprs) {
            for (const m of findAll(e, 'member_expression')) {
              const base = m.fields.object ? unparen(m.fields.object) : null;
              if (base?.type !== 'array_access') continue;
              const root = rootName(m, src);
              if (root && !locals.has(root) && contract.stateVariables.has(root)) counts.set(root, (counts.get(root) ?? 0) + 1);
            }
          }
          for (const [root, n] of counts) if (n >= 2) deciding.add(root);
        }
      }
      if (deciding.size === 0) continue;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || !fn.isEntryPoint || fn.mutability !== 'payable') continue;
        const choices = fn.params.filter((p) => p.name && /^(u?int\d*|bool|uint8)$/.test(p.typeText.trim())).map((p) => p.name!);
        if (choices.length === 0) continue;
        for (const a of findAll(fn.body, 'assignment_expression')) {
          const left = a.fields.left;
          const right = a.fields.right;
          if (!left || !right) continue;
          const root = rootName(left, src);
          if (!root || !deciding.has(root)) continue;
          if (!findAll(right, 'identifier').some((i) => choices.includes(textOf(src, i)))) continue;
          report({ node: a, unit: contract.unit, contract, fn, message: `${fn.name} stores the player's choice in \`${root}\` in the clear; the winner is decided from these choices, so a later player can read them and pick the winning move.` });
        }
      }
    }
  },
);
