import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'personal-slippage-modifiable',
  flag: 'personal_slippage_modifiable',
  title: 'Tax per address can be set',
  goplus: 'personal_slippage_modifiable',
  crpwarner: null,
  severity: 'medium',
  confidence: 0.85,
  weight: 0.45,
  say: 'the owner can set a tax for particular addresses',
  ownerPrivilege: true,
  description: 'A per-address rate used in transfers is written by the owner: particular holders can be taxed until they cannot sell.',
  recommendation: 'Avoid the token: the owner can single out holders.',
});
