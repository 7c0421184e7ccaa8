import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'proxy',
  flag: 'is_proxy',
  title: 'Upgradeable proxy',
  goplus: 'is_proxy',
  crpwarner: null,
  severity: 'low',
  confidence: 0.95,
  weight: 0.2,
  say: 'the code can be replaced (upgradeable proxy)',
  ownerPrivilege: false,
  description: "Calls are delegated to an implementation the admin can replace: the token's rules can change after you buy.",
  recommendation: 'Check who controls upgrades (a timelock, a multisig) and read the current implementation.',
});
