import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'hidden-owner',
  flag: 'hidden_owner',
  title: 'Hidden owner',
  goplus: 'hidden_owner',
  crpwarner: null,
  severity: 'high',
  confidence: 0.8,
  weight: 0.6,
  say: 'a hidden owner keeps privileges',
  ownerPrivilege: false,
  description: 'Some functions are restricted to a stored address other than owner(), one the contract does not expose: privileges survive a renounced or transferred ownership.',
  recommendation: 'Treat the token as owned whatever owner() says; find out who the hidden address is.',
});
