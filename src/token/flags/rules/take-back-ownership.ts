import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'take-back-ownership',
  flag: 'can_take_back_ownership',
  title: 'Ownership can be taken back',
  goplus: 'can_take_back_ownership',
  crpwarner: null,
  severity: 'high',
  confidence: 0.9,
  weight: 0.6,
  say: 'ownership can be taken back after being renounced',
  ownerPrivilege: false,
  description: 'A function writes the owner from another stored address (a saved previous owner): renouncing ownership is reversible.',
  recommendation: 'Do not trust a renounced ownership on this token.',
});
