import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'whitelist',
  flag: 'is_whitelisted',
  title: 'Whitelist',
  goplus: 'is_whitelisted',
  crpwarner: null,
  severity: 'medium',
  confidence: 0.8,
  weight: 0.35,
  say: 'trading can be limited to whitelisted addresses',
  ownerPrivilege: true,
  description: 'Transfers stop for addresses missing from a list the owner writes (or functions are named like a whitelist): only chosen addresses may trade.',
  recommendation: 'Check that ordinary holders can sell before buying.',
});
