import type { Detector } from '../detector.js';
import deprecatedConstructs from './deprecated-constructs.js';
import floatingPragma from './floating-pragma.js';
import outdatedCompiler from './outdated-compiler.js';
import rtloCharacter from './rtlo-character.js';
import shadowedState from './shadowed-state.js';
import shortAddresses from './short-addresses.js';
import typoOperator from './typo-operator.js';
import uninitializedStoragePointer from './uninitialized-storage-pointer.js';

/** Language pitfalls: storage pointers, shadowing, hidden characters, typos. */
export const HYGIENE_DETECTORS: Detector[] = [uninitializedStoragePointer, shadowedState, rtloCharacter, typoOperator];

/**
 * Off by default (`--include` or `audit.include` turns them on): floating pragma, old compiler and
 * deprecated syntax fire on most pre-0.5 files, and the short-address check matches every pre-0.5
 * token transfer without a `msg.data.length` check. On SmartBugs curated they add 139, 1, 242 and 22
 * findings; on the 2,000 wild contracts short-addresses alone fires in 1,196 files.
 */
export const OPTIONAL_HYGIENE_DETECTORS: Detector[] = [floatingPragma, outdatedCompiler, deprecatedConstructs, shortAddresses];
