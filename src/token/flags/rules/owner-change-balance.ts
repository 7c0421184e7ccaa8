import { defineTokenFlag } from '../rule.js';
import { takingRules } from './leaking-token.js';

export default defineTokenFlag(
  {
    id: 'owner-change-balance',
    flag: 'owner_change_balance',
    title: 'Owner can change balances',
    goplus: 'owner_change_balance',
    crpwarner: null,
    severity: 'high',
    confidence: 0.9,
    weight: 0.7,
    say: 'the owner can change balances directly',
    ownerPrivilege: true,
    description: "A privileged function sets or lowers the balance of an address it is given, or transferFrom moves tokens without an allowance on some path: the owner can take or zero out anyone's holdings.",
    recommendation: 'Do not hold this token: the owner can change what you own.',
  },
  takingRules('owner_change_balance'),
);
