import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'blacklist',
  flag: 'is_blacklisted',
  title: 'Blacklist',
  goplus: 'is_blacklisted',
  crpwarner: null,
  severity: 'medium',
  confidence: 0.8,
  weight: 0.35,
  say: 'the owner can blacklist addresses from trading',
  ownerPrivilege: true,
  description: 'Transfers check a per-address list the owner writes and stop for listed addresses (or functions are named like a blacklist): the owner can freeze a holder.',
  recommendation: 'Expect that the owner can stop you from selling.',
});
