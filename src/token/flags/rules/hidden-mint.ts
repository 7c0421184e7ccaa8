import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'hidden-mint',
  flag: 'hidden_mint',
  title: 'Hidden mint',
  goplus: null,
  crpwarner: 'hidden_mint',
  severity: 'critical',
  confidence: 0.85,
  weight: 0.8,
  say: 'the supply can be raised outside a visible, capped mint',
  ownerPrivilege: false,
  description: 'The supply can be raised outside a visible, capped mint: by a function not named like a mint, by setting balances directly, or by a mint without a cap.',
  recommendation: 'Do not hold this token: its supply can be inflated at will.',
});
