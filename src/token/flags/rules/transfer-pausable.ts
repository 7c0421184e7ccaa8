import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'transfer-pausable',
  flag: 'transfer_pausable',
  title: 'Transfers can be paused',
  goplus: 'transfer_pausable',
  crpwarner: null,
  severity: 'medium',
  confidence: 0.85,
  weight: 0.3,
  say: 'the owner can pause transfers',
  ownerPrivilege: true,
  description: 'Transfers revert on a switch the owner turns on and off (or functions are named like a pause): the owner can stop all trading.',
  recommendation: "Expect trading to stop at the owner's will; prefer tokens whose pause is renounced.",
});
