import type { Detector } from '../detector.js';
import assertViolation from './assert-violation.js';
import codeWithNoEffects from './code-with-no-effects.js';
import deprecatedConstructs from './deprecated-constructs.js';
import floatingPragma from './floating-pragma.js';
import hardcodedGas from './hardcoded-gas.js';
import outdatedCompiler from './outdated-compiler.js';
import privateData from './private-data.js';
import requirementViolation from './requirement-violation.js';
import rtloCharacter from './rtlo-character.js';
import shadowedState from './shadowed-state.js';
import shortAddresses from './short-addresses.js';
import stateVariableDefaultVisibility from './state-variable-default-visibility.js';
import strictBalanceEquality from './strict-balance-equality.js';
import typoOperator from './typo-operator.js';
import uninitializedStoragePointer from './uninitialized-storage-pointer.js';
import unusedLocal from './unused-local.js';
import unusedParameter from './unused-parameter.js';
import unusedStateVariable from './unused-state-variable.js';

/**
 * Language pitfalls: storage pointers, shadowing, hidden characters, typos, asserts that can fail,
 * exact balance tests, fixed gas, dead code and unused state. Each default one fires on under 10% of
 * the 2,000 wild contracts (assert-violation 9.1%, unused-state-variable 4.7%, code-with-no-effects
 * 1.2%, the others under 1%).
 */
export const HYGIENE_DETECTORS: Detector[] = [
  uninitializedStoragePointer,
  shadowedState,
  rtloCharacter,
  typoOperator,
  assertViolation,
  strictBalanceEquality,
  hardcodedGas,
  codeWithNoEffects,
  privateData,
  requirementViolation,
  unusedStateVariable,
];

/**
 * Off by default (`--include` or `audit.include` turns them on): floating pragma, old compiler and
 * deprecated syntax fire on most pre-0.5 files, and the short-address check matches every pre-0.5
 * token transfer without a `msg.data.length` check. On SmartBugs curated they add 139, 1, 242 and 22
 * findings; on the 2,000 wild contracts short-addresses alone fires in 1,196 files, and
 * state-variable-default-visibility (SWC-108, a style rule) in 1,318. Unused locals and parameters
 * (SWC-131, info; 4.1% and 5.5% of wild files) are optional because on SmartBugs curated they add 20
 * findings off the labelled lines, which would take the labelled-line share below 60%.
 */
export const OPTIONAL_HYGIENE_DETECTORS: Detector[] = [floatingPragma, outdatedCompiler, deprecatedConstructs, shortAddresses, stateVariableDefaultVisibility, unusedLocal, unusedParameter];
