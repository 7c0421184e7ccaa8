import { defineDetector } from '../detector.js';
import { readNames } from './reads.js';

/**
 * Unused parameter (SWC-131): a named parameter of a function with a non-empty body that the function
 * never reads. Functions that implement an interface or an overridable hook often take parameters
 * they ignore, so this rule is noisier than unused locals; an unnamed parameter (`uint`) is the
 * deliberate way to ignore one and is never reported, nor are empty bodies (default hooks).
 */
export default defineDetector(
  {
    id: 'unused-parameter',
    title: 'Unused function parameter',
    swc: ['SWC-131'],
    dasp: 'other',
    severity: 'info',
    confidence: 0.6,
    description: 'A named function parameter is never read by the function.',
    exploitScenario:
      'Not exploitable by itself; a parameter the caller believes is honoured (a deadline, a minimum amount, a recipient) is silently ignored, which can cost callers money.',
    recommendation: 'Use the parameter, or leave it unnamed if it must stay for interface compatibility.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || fn.body.children.length === 0) continue;
        const named = fn.params.filter((p) => p.name);
        if (named.length === 0) continue;
        const reads = readNames(fn.node, src);
        for (const p of named) {
          if (reads.has(p.name!)) continue;
          report({ node: p.node, unit: contract.unit, contract, fn, message: `Parameter \`${p.name}\` of ${fn.name || fn.kind} is never read.` });
        }
      }
    }
  },
);
