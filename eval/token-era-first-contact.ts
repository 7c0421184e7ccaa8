/**
 * Records the first-contact figures of a round of the real-era corpus: run once, with the checker as it was
 * before any change made for that round, and committed (round 1: contracts/token-era/first-contact.json,
 * round 2: first-contact-round2.json). Not an npm script on purpose, and it refuses to overwrite a record:
 * running it again after the analysers changed would erase the first contact.
 *
 *   node dist/eval/token-era-first-contact.js --round 2
 */
import { existsSync, writeFileSync } from 'node:fs';
import { evaluateEra, firstContactFile } from './token-era.js';

const round = process.argv.includes('--round') && process.argv[process.argv.indexOf('--round') + 1] === '2' ? 2 : 1;
const file = firstContactFile(round);
if (existsSync(file)) {
  console.error(`${file} exists: a first contact is recorded once, before any change; delete it by hand only to start a new round`);
  process.exit(2);
}
const r = await evaluateEra();
writeFileSync(file, JSON.stringify({ recordedAt: new Date().toISOString(), round, ...r }, null, 1) + '\n');
console.log(`round ${round}: ${r.tokens} tokens, ${r.failures.length} failures`);
for (const x of r.failures) console.log(`failed: ${x.token}: ${x.error}`);
