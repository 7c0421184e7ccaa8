import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'trading-cooldown',
  flag: 'trading_cooldown',
  title: 'Trading cooldown',
  goplus: 'trading_cooldown',
  crpwarner: null,
  severity: 'low',
  confidence: 0.8,
  weight: 0.15,
  say: 'trades are subject to a cooldown',
  ownerPrivilege: false,
  description: 'Transfers revert on a time check against stored state: a holder may have to wait between trades.',
  recommendation: 'Check the cooldown before trading in a hurry.',
});
