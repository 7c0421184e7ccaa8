import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'limit-sell',
  flag: 'limit_sell',
  title: 'Selling can be limited',
  goplus: null,
  crpwarner: 'limit_sell',
  severity: 'high',
  confidence: 0.85,
  weight: 0.7,
  say: 'selling can be blocked or capped for ordinary holders',
  ownerPrivilege: false,
  description: 'Transfers revert on storage the owner sets, or call a contract the owner chooses, or a simulated sell failed: selling can be blocked for ordinary holders.',
  recommendation: 'Do not buy unless a sell by an ordinary holder has been seen to work.',
});
