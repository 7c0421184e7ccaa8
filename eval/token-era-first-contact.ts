/**
 * Records the first-contact figures of the real-era corpus: run once, with the checker as it was before
 * any change made for this corpus, and committed (contracts/token-era/first-contact.json). Not an npm
 * script on purpose: running it again after the analysers changed would overwrite the record.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/core/package-root.js';
import { evaluateEra } from './token-era.js';

const r = await evaluateEra();
writeFileSync(path.join(packageRoot(), 'contracts/token-era/first-contact.json'), JSON.stringify({ recordedAt: new Date().toISOString(), ...r }, null, 1) + '\n');
console.log(`${r.tokens} tokens, ${r.failures.length} failures`);
for (const x of r.failures) console.log(`failed: ${x.token}: ${x.error}`);
