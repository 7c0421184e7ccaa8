import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'slippage-modifiable',
  flag: 'slippage_modifiable',
  title: 'Tax can be changed',
  goplus: 'slippage_modifiable',
  crpwarner: null,
  severity: 'medium',
  confidence: 0.85,
  weight: 0.35,
  say: 'the owner can change the buy or sell tax',
  ownerPrivilege: true,
  description: 'A stored rate multiplied in the transfer path is written by the owner with no upper bound: the tax can be raised until selling returns nothing.',
  recommendation: 'Check the current tax and whether it is capped before buying.',
});
