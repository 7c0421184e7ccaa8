/**
 * The injection benchmark as a library (for evaluation and for training a learned audit model):
 * `generateInjected()` gives {file, source, bugs: [{cls, family, split, dialect, ranges}]};
 * `evaluateInjected()` audits them and scores per class, split and family.
 */
export { BUG_CLASSES, FAMILIES, FAMILY_GROUPS, groupOf, ROUND1, type BugClass, type Family, type FamilyGroup, type Split } from './families.js';
export { ROUND2 } from './families-r2.js';
export { generateInjected, inject, loadHosts, readHost, type GenerateOptions, type InjectedBug, type InjectedFile } from './generate.js';
export { bugFound, CLASS_MATCH, evaluateInjected, findingMatches, type InjectionScore } from './score.js';
export { syntaxFor, type Dialect, type Syntax } from './syntax.js';
