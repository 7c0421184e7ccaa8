import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'external-call',
  flag: 'external_call',
  title: 'External call in transfers',
  goplus: 'external_call',
  crpwarner: null,
  severity: 'low',
  confidence: 0.8,
  weight: 0.1,
  say: 'transfers call other contracts',
  ownerPrivilege: false,
  description: 'The transfer path calls another contract: that contract can make transfers fail or behave differently.',
  recommendation: 'Read what the called contract does and who can change it.',
});
