import { blockchainFacts, timestampOnly, type EntropySink } from './blockchain-helpers.js';
import { defineDetector } from '../detector.js';
import { ancestor, type SyntaxNode } from '../../../solidity/parse/syntax.js';

const isStateInitialiser = (n: SyntaxNode) => ancestor(n, new Set(['state_variable_declaration', 'function_definition', 'modifier_definition', 'constructor_definition', 'fallback_receive_definition']))?.type === 'state_variable_declaration';

/**
 * Block values used as entropy (SWC-120). Every input of a block-based "random" number is known to
 * other contracts in the same block and chosen, within limits, by the block producer: an attacker
 * contract computes the outcome first and plays only when it wins.
 *
 * The rule follows block values through locals, state variables (a private `salt` initialised from a
 * timestamp is no secret) and internal return values to where they become a random draw: a
 * `blockhash` read, a hash whose result is reduced (`%`), truncated or compared, a `%` whose result
 * picks an outcome, or a generator function named as one. It reports the draw and each place a block
 * value feeding it is read, plus the declarations of the other seed parts hashed with them, because
 * that is what an auditor points at. Draws fed by timestamps alone are left to
 * `timestamp-dependence`, the classic SWC-116 case. A `blockhash` of a block number committed
 * earlier and read inside the 256-block window is the commit-then-reveal pattern and is not flagged.
 */
export default defineDetector(
  {
    id: 'weak-randomness',
    title: 'Weak source of randomness from block values',
    swc: ['SWC-120'],
    dasp: 'bad_randomness',
    severity: 'high',
    confidence: 0.7,
    description:
      'A random number is derived from block values (blockhash, block.number, block.timestamp, block.difficulty/prevrandao, block.coinbase, block.gaslimit), which every contract in the same block can read and a block producer can influence.',
    exploitScenario:
      'An attacker deploys a contract that recomputes the same "random" value in the same transaction and calls the game only when the outcome wins; a miner can also withhold a block whose hash loses. Old block hashes (over 256 blocks) read as zero, so a guess of zero wins after waiting.',
    recommendation:
      'Use a verifiable randomness oracle (e.g. Chainlink VRF) or a commit-reveal scheme whose outcome is fixed by a future block hash read within 256 blocks; never derive outcomes from current block values.',
  },
  (ctx, report) => {
    const facts = blockchainFacts(ctx);
    const seen = new Set<string>();
    const emit = (sink: EntropySink, node: SyntaxNode, message: string, confidence?: number) => {
      const key = `${sink.contract.unit.path}:${node.startLine}`;
      if (seen.has(key)) return;
      seen.add(key);
      report({ node, unit: sink.contract.unit, contract: sink.contract, fn: sink.fn, message, confidence });
    };
    for (const sink of facts.sinks) {
      if (timestampOnly(sink.kinds)) continue;
      const where = sink.fn ? sink.fn.name || sink.fn.kind : 'a state variable initialiser';
      const kinds = [...sink.kinds].join(', ');
      const what =
        sink.what === 'blockhash'
          ? 'reads a block hash as a random number'
          : sink.what === 'hash'
            ? 'hashes block values into a random number'
            : sink.what === 'modulo'
              ? 'reduces a block-derived value to pick an outcome'
              : 'returns a block-derived value as a random number';
      emit(sink, sink.node, `${where} ${what} (${kinds}); the outcome is predictable by any contract in the same block.`);
      for (const origin of sink.origins) {
        if (origin.startIndex >= sink.node.startIndex && origin.endIndex <= sink.node.endIndex) continue;
        // Reads in the same function, and state initialisers (a `seed` set at deployment). Block values
        // recorded by other functions (a bet's block number) are not themselves the draw.
        const inFn = sink.fn && origin.startIndex >= sink.fn.node.startIndex && origin.endIndex <= sink.fn.node.endIndex;
        if (!inFn && !isStateInitialiser(origin)) continue;
        emit(sink, origin, `This block value feeds the random number computed at line ${sink.node.startLine} in ${where}.`, 0.6);
      }
      for (const input of sink.inputs) emit(sink, input, `This seed part is hashed with block values at line ${sink.node.startLine}; it is as predictable as they are.`, 0.5);
    }
  },
);
