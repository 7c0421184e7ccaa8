import { defineDetector } from '../detector.js';

/**
 * Right-to-left override (SWC-130): U+202E in the source reverses how the following text is
 * displayed, so a reviewer reads different code (or argument order) than the compiler does. There is
 * no innocent use in a contract, hence high severity and confidence.
 */
export default defineDetector(
  {
    id: 'rtlo-character',
    title: 'Right-to-left override character',
    swc: ['SWC-130'],
    dasp: 'other',
    severity: 'high',
    confidence: 0.95,
    description: 'The source contains the Unicode right-to-left override character (U+202E), which makes code display differently from how it compiles.',
    exploitScenario: 'A comment or string with U+202E makes `_transfer(to, from, amount)` look like `_transfer(from, to, amount)` in review; users trust the displayed order and lose funds.',
    recommendation: 'Remove U+202E (and other bidirectional control characters) from the source.',
  },
  (ctx, report) => {
    for (const unit of ctx.ownUnits) {
      const text = unit.text;
      let at = text.indexOf('\u202e');
      let reported = 0;
      while (at >= 0 && reported < 20) {
        const line = text.slice(0, at).split('\n').length;
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        const node = { type: 'rtlo', startIndex: at, endIndex: at + 1, startLine: line, startColumn: at - lineStart + 1, endLine: line, endColumn: at - lineStart + 2, parent: null, children: [], fields: {}, tokens: {} };
        report({ node, unit, message: `Line ${line} contains a right-to-left override character (U+202E).` });
        reported++;
        at = text.indexOf('\u202e', at + 1);
      }
    }
  },
);
