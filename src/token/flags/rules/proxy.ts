import { OP } from '../../../evm/disasm.js';
import { hasOpcode } from '../bytecode-context.js';
import { defineTokenFlag } from '../rule.js';
import { EIP1822_SLOT, EIP1967_IMPLEMENTATION_SLOT } from '../selectors.js';
import type { TokenFlag } from '../../types.js';


/** On a chain: an implementation in the EIP-1967 slot makes the token a proxy, whatever its own code showed (`own`). */
export function proxyFromImplementationSlot(implementation: string, own: TokenFlag): TokenFlag {
  return { value: true, evidence: [{ from: 'chain', detail: `EIP-1967 proxy: the implementation at ${implementation} can be replaced by the admin` }, ...(own.value === true ? own.evidence : [])] };
}

export default defineTokenFlag(
  {
    id: 'proxy',
    flag: 'is_proxy',
    title: 'Upgradeable proxy',
    goplus: 'is_proxy',
    crpwarner: null,
    severity: 'low',
    confidence: 0.95,
    weight: 0.2,
    say: 'the code can be replaced (upgradeable proxy)',
    ownerPrivilege: false,
    description: "Calls are delegated to an implementation the admin can replace: the token's rules can change after you buy.",
    recommendation: 'Check who controls upgrades (a timelock, a multisig) and read the current implementation.',
  },
  {
    bytecode: {
      onProxy: true,
      decide(ctx) {
        const proxyCall = ctx.proxyCall;
        if (!proxyCall) {
          ctx.setFlag('is_proxy', hasOpcode(ctx.code, OP.DELEGATECALL) ? null : false);
          return;
        }
        const slot = proxyCall.target.slots[0];
        const named = slot === EIP1967_IMPLEMENTATION_SLOT.toString(16) ? 'the EIP-1967 implementation slot' : slot === EIP1822_SLOT.toString(16) ? 'the EIP-1822 (UUPS) slot' : slot ? `storage slot 0x${slot}` : null;
        ctx.ev('is_proxy', null, `the fallback DELEGATECALLs (pc ${proxyCall.pc}) to an address ${proxyCall.target.c !== null ? 'fixed in code' : named ? `read from ${named}` : 'returned by a beacon'}`);
        ctx.setFlag('is_proxy', true);
      },
    },
    source: {
      onProxy: true,
      decide(ctx) {
        const { base, delegating } = ctx.proxyFacts;
        if (base) ctx.ev('is_proxy', null, base.node, `inherits ${base.name}: calls are delegated to an implementation that can be replaced`, undefined);
        for (const o of delegating) ctx.ev('is_proxy', null, o.node, 'the fallback delegates calls to another contract', o.origin);
        ctx.set('is_proxy', base !== undefined || delegating.length > 0);
      },
    },
  },
);
