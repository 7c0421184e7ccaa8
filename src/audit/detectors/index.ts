import type { Detector } from './detector.js';
import { ACCESS_DETECTORS } from './access/index.js';
import { ARITHMETIC_DETECTORS } from './arithmetic/index.js';
import { BLOCKCHAIN_DETECTORS } from './blockchain/index.js';
import { CALLS_DETECTORS } from './calls/index.js';
import { HYGIENE_DETECTORS, OPTIONAL_HYGIENE_DETECTORS } from './hygiene/index.js';
import { REENTRANCY_DETECTORS } from './reentrancy/index.js';
import { LOGIC_DETECTORS } from './logic/index.js';
import { LOOPS_DETECTORS } from './loops/index.js';
import { TOKENS_DETECTORS } from './tokens/index.js';

/**
 * Every audit detector that runs by default, one module each, in one folder per theme. Adding a
 * detector is adding its module and one line in its folder's index.
 */
export const DETECTORS: Detector[] = [
  ...REENTRANCY_DETECTORS,
  ...CALLS_DETECTORS,
  ...ACCESS_DETECTORS,
  ...ARITHMETIC_DETECTORS,
  ...BLOCKCHAIN_DETECTORS,
  ...HYGIENE_DETECTORS,
  ...TOKENS_DETECTORS,
  ...LOOPS_DETECTORS,
  ...LOGIC_DETECTORS,
];

/** Detectors that run only when asked for (`--include <id>` or `--include all`): noisy on old code. */
export const OPTIONAL_DETECTORS: Detector[] = [...OPTIONAL_HYGIENE_DETECTORS];

export const ALL_DETECTORS: Detector[] = [...DETECTORS, ...OPTIONAL_DETECTORS];

/** The default set plus the optional detectors named in `include` (`all` for every one). */
export function selectDetectors(include: string[] = [], exclude: string[] = []): Detector[] {
  const strip = (id: string) => id.replace(/^audit\//, '');
  const inc = new Set(include.map(strip));
  const exc = new Set(exclude.map(strip));
  const chosen = [...DETECTORS, ...OPTIONAL_DETECTORS.filter((d) => inc.has('all') || inc.has(d.meta.id))];
  return chosen.filter((d) => !exc.has(d.meta.id));
}
