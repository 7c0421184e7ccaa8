import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../posts-data.js';
import { evaluateInjected } from './score.js';

/**
 * Records the first-contact figure: the injection benchmark scored with the detectors as they were when
 * the families were frozen, before any tuning. Run once, at that commit; `npm run eval:audit` prints it
 * beside the current development and held-out figures. Re-running it later would overwrite history, so
 * it refuses unless `--force` is given.
 */
const out = path.join(ROOT, 'eval', 'inject', 'first-contact.json');
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
for (const [cls, s] of Object.entries(score.perClass)) {
  const all = { found: s.dev.found + s.heldout.found, total: s.dev.total + s.heldout.total };
  console.log(`${cls.padEnd(22)} all ${all.found}/${all.total}  dev ${s.dev.found}/${s.dev.total}  heldout ${s.heldout.found}/${s.heldout.total}`);
}
console.log(`${score.files} files, ${score.bugs} bugs, ${score.crashed} crashed, ${score.seconds.toFixed(1)} s`);
