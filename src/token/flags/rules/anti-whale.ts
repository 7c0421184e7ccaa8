import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'anti-whale',
  flag: 'is_anti_whale',
  title: 'Anti-whale limit',
  goplus: 'is_anti_whale',
  crpwarner: null,
  severity: 'info',
  confidence: 0.8,
  weight: null,
  say: null,
  ownerPrivilege: false,
  description: 'Transfers revert when an amount (or a resulting balance) exceeds a stored limit.',
  recommendation: 'Check the maximum transaction and wallet sizes.',
});
