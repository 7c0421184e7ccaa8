/** The shape of a protocol assessment (assess.ts builds it, score.ts and report.ts read it). */
import type { Finding } from '../core/finding.js';
import type { OracleUse } from './code.js';
import type { Concentration } from './concentration.js';
import type { Controller } from './controllers.js';
import type { PrivilegedChange } from './changes.js';

export type ProxyKind = 'none' | 'transparent' | 'uups' | 'beacon' | 'eip1822' | 'clone' | 'eip1967-no-upgrade-path';

export interface Upgradeability {
  proxy: ProxyKind;
  implementation?: string;
  beacon?: string;
  /** Who can replace the code; absent when nobody can; `unknown` kind when Argus could not tell. */
  upgrader?: Controller;
  note: string;
}

export interface Right {
  /** The code has the entry point. */
  present: boolean;
  holders: Controller[];
  /** Set when the entry point exists and Argus could not tell who may call it. */
  undecided?: string;
  note: string;
}

export interface ProtocolReport {
  address: string;
  chainId: number;
  block: number;
  assessedAt: string;
  kind: 'contract' | 'eoa';
  codeSize: number;
  upgradeability: Upgradeability;
  owner?: Controller;
  roles: Array<{ role: string; name: string; holders: Controller[] }>;
  pause: Right & { paused?: boolean };
  mint: Right;
  oracles: OracleUse;
  concentration?: Concentration;
  changes: PrivilegedChange[];
  audit?: { file: string; findings: Array<Pick<Finding, 'detector' | 'severity' | 'title'>> };
  /** Checks that could not decide, in words. */
  undecided: string[];
  score: Score;
}


export type RiskLevel = 'low' | 'medium' | 'high' | 'critical' | 'unknown';

export interface Score {
  points: number;
  level: RiskLevel;
  reasons: Array<{ points: number; reason: string }>;
}

