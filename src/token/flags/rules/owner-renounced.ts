import { defineTokenFlag } from '../rule.js';
import { zeroAddress } from 'viem';
import type { TokenFlag } from '../../types.js';


/** On a chain: what `owner()` (or `getOwner()`) returned decides; renounced is the zero address. */
export function ownerRenouncedFromChain(fn: 'owner' | 'getOwner', owner: string): TokenFlag {
  const renounced = owner.toLowerCase() === zeroAddress;
  return { value: renounced, evidence: [{ from: 'chain', signature: `${fn}()`, detail: renounced ? `${fn}() is the zero address` : `${fn}() is ${owner}` }] };
}

export default defineTokenFlag(
  {
    id: 'owner-renounced',
    flag: 'owner_renounced',
    title: 'Ownership renounced',
    goplus: null,
    crpwarner: null,
    severity: 'info',
    confidence: 0.95,
    weight: null,
    say: null,
    ownerPrivilege: false,
    description: 'owner() is the zero address on the chain: owner-only privileges can no longer be used (unless ownership can be taken back or a hidden owner remains).',
    recommendation: 'Nothing to do; owner-only privileges are dormant.',
  },
  {
    bytecode: {
      decide(ctx) {
        // Whether the owner renounced is chain state, not code.
        ctx.setFlag('owner_renounced', null);
      },
    },
    source: {
      onProxy: true,
      decide(ctx) {
        ctx.set('owner_renounced', null); // chain state, not code
      },
    },
  },
);
