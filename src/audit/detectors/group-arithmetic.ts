import type { Detector } from './detector.js';
import deprecatedConstructs from './deprecated-constructs.js';
import floatingPragma from './floating-pragma.js';
import integerOverflow from './integer-overflow.js';
import outdatedCompiler from './outdated-compiler.js';
import rtloCharacter from './rtlo-character.js';
import shadowedState from './shadowed-state.js';
import shortAddresses from './short-addresses.js';
import typoOperator from './typo-operator.js';
import uninitializedStoragePointer from './uninitialized-storage-pointer.js';

/** Detectors of this group; index.ts joins the groups. */
export const ARITHMETIC_DETECTORS: Detector[] = [
  integerOverflow,
  uninitializedStoragePointer,
  shadowedState,
  rtloCharacter,
  typoOperator,
];

/**
 * Detectors that fire on most old files: floating pragma, old compiler, deprecated syntax (info), and
 * the short-address check (every pre-0.5 token transfer matches it). Not in the default set: each finding off a labelled line lowers the report's precision.
 * The lead decides whether index.ts enables them (e.g. behind a flag).
 */
export const ARITHMETIC_OPTIONAL_DETECTORS: Detector[] = [floatingPragma, outdatedCompiler, deprecatedConstructs, shortAddresses];
