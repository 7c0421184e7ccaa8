import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'mintable',
  flag: 'is_mintable',
  title: 'Owner can mint',
  goplus: 'is_mintable',
  crpwarner: null,
  severity: 'low',
  confidence: 0.9,
  weight: 0.2,
  say: 'the owner can mint more tokens',
  ownerPrivilege: true,
  description: 'A privileged function (or one named like a mint) raises the supply: it emits Transfer from the zero address, increases totalSupply or credits a balance out of nothing. A capped, visible mint is common; it still lets the owner dilute holders.',
  recommendation: 'Check who holds the minting role and whether the supply is capped; prefer tokens whose minting is renounced or capped.',
});
