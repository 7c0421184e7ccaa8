import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'selfdestruct',
  flag: 'selfdestruct',
  title: 'Self-destruct',
  goplus: 'selfdestruct',
  crpwarner: null,
  severity: 'medium',
  confidence: 0.95,
  weight: 0.5,
  say: 'the contract can self-destruct',
  ownerPrivilege: false,
  description: 'SELFDESTRUCT is reachable: the contract can be destroyed (before Cancun, with its balances).',
  recommendation: 'Avoid holding value in a contract that can destroy itself.',
});
