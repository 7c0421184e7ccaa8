import { defineTokenFlag } from '../rule.js';

export default defineTokenFlag({
  id: 'leaking-token',
  flag: 'leaking_token',
  title: 'Leaking token',
  goplus: null,
  crpwarner: 'leaking_token',
  severity: 'high',
  confidence: 0.85,
  weight: 0.7,
  say: "the owner can move, burn or approve other holders' tokens",
  ownerPrivilege: false,
  description: "The owner can move, burn or approve other holders' tokens (a privileged transfer, burn or approve on an address it is given, or transferFrom without an allowance).",
  recommendation: 'Do not hold this token: the owner can take your tokens.',
});
