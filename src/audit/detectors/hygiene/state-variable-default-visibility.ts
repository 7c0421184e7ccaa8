import { defineDetector } from '../detector.js';

/**
 * State variable default visibility (SWC-108): a state variable declared without `public`,
 * `internal` or `private` is internal. Writing it out states the intent and catches the case where a
 * getter was expected, or where `private` was. Purely a style rule that fires on most pre-0.5 code,
 * so it is off by default.
 */
export default defineDetector(
  {
    id: 'state-variable-default-visibility',
    title: 'State variable without explicit visibility',
    swc: ['SWC-108'],
    dasp: 'other',
    severity: 'info',
    confidence: 0.9,
    description: 'A state variable is declared without a visibility keyword and is internal by default.',
    exploitScenario:
      'Not exploitable by itself; reviewers and integrators may assume the variable has a public getter or is private to this contract, and build on a wrong assumption.',
    recommendation: 'Declare the visibility (public, internal or private) of every state variable.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      for (const v of contract.ownStateVariables) {
        if (v.visibility !== null) continue;
        report({ node: v.node, unit: contract.unit, contract, message: `State variable \`${v.name}\` has no visibility keyword (internal by default).` });
      }
    }
  },
);
