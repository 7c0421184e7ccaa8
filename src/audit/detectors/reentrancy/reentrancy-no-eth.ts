import { defineDetector } from '../detector.js';
import { describe, reentrancyCandidates } from './reentrancy-helpers.js';

/**
 * The same stale-state pattern through a high-level call (`token.transfer`, `IFoo(addr).bar()`, an
 * ERC-777/721 hook): the called contract may be malicious or call back through hooks, and it runs
 * before the function writes state it read earlier. Lower severity and confidence than the ether
 * case, because many such targets are trusted contracts; view/pure targets (STATICCALL) and ERC-20
 * getters are not flagged.
 */
export default defineDetector(
  {
    id: 'reentrancy-no-eth',
    title: 'Reentrancy: state updated after a call to another contract',
    swc: ['SWC-107'],
    dasp: 'reentrancy',
    severity: 'medium',
    confidence: 0.5,
    description:
      'A call to another contract (a token, a caller-supplied address, a contract with transfer hooks) runs before the function updates state it read earlier, so the callee can re-enter while that state is stale.',
    exploitScenario:
      'The attacker supplies a token or receiver contract whose transfer hook calls back into the function; the re-entrant call passes the same checks on the not-yet-updated state and is credited or paid twice (SpankChain, 2018; ERC-777 hooks in Uniswap V1 / Lendf.me, 2020).',
    recommendation:
      'Update state before calling other contracts (checks-effects-interactions), or add a reentrancy guard to every function that shares that state.',
  },
  (ctx, report) => {
    for (const c of reentrancyCandidates(ctx)) {
      if (c.kind !== 'no-eth') continue;
      report({
        node: c.anchor,
        unit: c.unit,
        contract: c.contract,
        fn: c.fn,
        message: `${c.fn.name || c.fn.kind}: ${describe(c)}; a re-entrant call sees the old value.`,
        evidence: { variables: c.variables.map((v) => v.name), writeLine: c.write.node.startLine },
        ...(c.senderGuarded ? { severity: 'low' as const, confidence: 0.35 } : {}),
      });
    }
  },
);
