/**
 * The product's vocabulary of on-chain threats: what kind of attack a finding points at (`kind:` tags)
 * and which stage of its kill chain (`stage:` tags). Detectors, incidents and the dashboard speak it; the
 * devnet's attack simulator maps its ground truth onto it (src/chain/scenarios/truth.ts), never the
 * other way round.
 */

/** The stages of an attack, in order: money in, set-up, the theft, money out. */
export const STAGES = ['funding', 'preparation', 'exploitation', 'laundering'] as const;
export type Stage = (typeof STAGES)[number];

export const THREAT_KINDS = [
  'soft-rug-pull',
  'hard-rug-pull',
  'honeypot',
  'honeypot-sell-tax',
  'approval-phishing',
  'reentrancy',
  'price-manipulation',
  'wash-trading',
  'treasury-drain',
  'address-poisoning',
  'sanctions',
  /** Theft from a protocol's pooled funds by an exploit, whatever the mechanism (issue 17's classes). */
  'protocol-exploit',
  /** A departure from learnt behaviour, whatever the attack. */
  'anomaly',
] as const;
export type ThreatKind = (typeof THREAT_KINDS)[number];
