import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../posts-data.js';
import { evaluateInjected } from './score.js';

/**
 * Records a round's first-contact figure: the injection benchmark scored with the detectors as they were
 * when that round's families were frozen, before any tuning for them. Run once, at that commit; `npm run
 * eval:audit` prints it beside the current development and held-out figures. Re-running it later would
 * overwrite history, so it refuses a committed record unless `--force` is given.
 *
 *   node dist/eval/inject/record-first-contact.js             round 1 (families.ts): first-contact.json
 *   node dist/eval/inject/record-first-contact.js --round 2   round 2 (families-r2.ts): first-contact-r2.json
 */
const round2 = process.argv.includes('--round') && process.argv[process.argv.indexOf('--round') + 1] === '2';
const out = path.join(ROOT, 'eval', 'inject', round2 ? 'first-contact-r2.json' : 'first-contact.json');
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
const cell = (t: { found: number; total: number }) => `${t.found}/${t.total}`;
if (round2) {
  for (const [cls, g] of Object.entries(score.perGroup)) console.log(`${cls.padEnd(22)} r1 ${cell(g.r1)}  r1-seen ${cell(g['r1-seen'])}  r2-dev ${cell(g['r2-dev'])}  r2-heldout ${cell(g['r2-heldout'])}`);
} else {
  for (const [cls, s] of Object.entries(score.perClass)) {
    const all = { found: s.dev.found + s.heldout.found, total: s.dev.total + s.heldout.total };
    console.log(`${cls.padEnd(22)} all ${cell(all)}  dev ${cell(s.dev)}  heldout ${cell(s.heldout)}`);
  }
}
console.log(`${score.files} files, ${score.bugs} bugs, ${score.crashed} crashed, ${score.seconds.toFixed(1)} s`);
