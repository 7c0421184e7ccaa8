import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../posts-data.js';
import { evaluateInjected } from './score.js';

/**
 * Records round 2's first-contact figure (families-r2.ts): the benchmark scored with the detectors as
 * they were when round 2 was frozen, before any rule was changed for it. Like round 1's recorder it
 * refuses to overwrite a committed record unless `--force` is given.
 *
 * node dist/eval/inject/record-first-contact-r2.js
 */
const out = path.join(ROOT, 'eval', 'inject', 'first-contact-r2.json');
if (!process.argv.includes('--force')) {
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', out], { cwd: ROOT, stdio: 'ignore' });
    console.error(`${out} is already recorded (committed); pass --force to overwrite it`);
    process.exit(2);
  } catch {
    // not committed yet: record it
  }
}
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
const score = await evaluateInjected();
writeFileSync(out, JSON.stringify({ date: new Date().toISOString().slice(0, 10), commit, ...score }, null, 2) + '\n');
for (const [cls, g] of Object.entries(score.perGroup)) {
  const cell = (t: { found: number; total: number }) => `${t.found}/${t.total}`;
  console.log(`${cls.padEnd(22)} r1 ${cell(g.r1)}  r1-seen ${cell(g['r1-seen'])}  r2-dev ${cell(g['r2-dev'])}  r2-heldout ${cell(g['r2-heldout'])}`);
}
console.log(`${score.files} files, ${score.bugs} bugs, ${score.crashed} crashed, ${score.seconds.toFixed(1)} s`);
