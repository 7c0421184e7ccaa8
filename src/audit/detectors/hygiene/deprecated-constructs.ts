import { findAll, textOf, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { calleeName, calleePath } from '../../../solidity/model/expressions.js';
import { defineDetector } from '../detector.js';

/**
 * Deprecated constructs (SWC-111): `suicide`, `sha3`, `throw`, `callcode`, `block.blockhash`,
 * `msg.gas` and `constant` functions were replaced (selfdestruct, keccak256, revert, delegatecall,
 * blockhash, gasleft, view) and removed in 0.5; `callcode` also has the wrong `msg.sender`. They are
 * informational: they mark old code, not a bug on their own (`callcode` aside, reported as low).
 */
const REPLACEMENT: Record<string, string> = {
  suicide: 'selfdestruct',
  sha3: 'keccak256',
  throw: 'revert()',
  callcode: 'delegatecall',
  'block.blockhash': 'blockhash',
  'msg.gas': 'gasleft()',
  constant: 'view',
};

export default defineDetector(
  {
    id: 'deprecated-constructs',
    title: 'Deprecated Solidity construct',
    swc: ['SWC-111'],
    dasp: 'other',
    severity: 'info',
    confidence: 0.9,
    description: 'The code uses a construct that is deprecated and removed in later Solidity versions (suicide, sha3, throw, callcode, block.blockhash, msg.gas, constant functions).',
    exploitScenario: 'Deprecated constructs keep the contract on old compilers with known bugs; `callcode` in particular runs foreign code with an unexpected msg.sender and msg.value.',
    recommendation: 'Use selfdestruct, keccak256, revert()/require, delegatecall, blockhash, gasleft() and view instead.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const unit = contract.unit;
      const src = unit.text;
      const hit = (node: SyntaxNode, what: string) =>
        report({
          node,
          unit,
          contract,
          severity: what === 'callcode' ? 'low' : 'info',
          message: `\`${what}\` is deprecated; use \`${REPLACEMENT[what]}\`.`,
          evidence: { construct: what },
        });
      for (const fn of contract.ownFunctions) {
        const constantKw = fn.node.children.find((c) => (c.type === 'modifier_invocation' || c.type === 'state_mutability') && textOf(src, c).trim() === 'constant');
        if (constantKw) hit(constantKw, 'constant');
        if (!fn.body) continue;
        for (const call of findAll(fn.body, 'call_expression')) {
          const path = calleePath(call, src)?.join('.');
          if (path === 'suicide' || path === 'sha3' || path === 'block.blockhash') hit(call, path);
          else if (calleeName(call, src) === 'callcode' && path !== 'callcode') hit(call, 'callcode');
        }
        for (const m of findAll(fn.body, 'member_expression')) if (textOf(src, m).replace(/\s+/g, '') === 'msg.gas') hit(m, 'msg.gas');
        for (const id of findAll(fn.body, new Set(['identifier', 'expression_statement']))) {
          if (id.type === 'identifier' && textOf(src, id) === 'throw' && id.parent?.type !== 'member_expression') hit(id, 'throw');
        }
        for (const s of findAll(fn.body, 'throw_statement')) hit(s, 'throw');
      }
    }
  },
);
