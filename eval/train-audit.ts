import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { FEATURE_NAMES } from '../src/audit/learned/features.js';
import { LEARNED_CATEGORIES } from '../src/audit/learned/model.js';
import { buildDatasets, rowsOfAll, SEED, swcFiles } from './learned-data.js';
import { BOOST, byFile, MIN_THRESHOLD, splitForCalibration, TARGET_FLAG_RATE, trainModel } from './learned-train.js';

/**
 * `npm run train:audit`: trains models/audit-model.json from the injection generator's development
 * families (over wild-sample hosts) and the SWC registry (vulnerable cases and fixed twins), with a
 * fixed seed; the same inputs give the same file byte for byte. Writes the model card beside it.
 * SmartBugs curated and every held-out family stay out: they are what eval:audit-model tests on.
 */

async function main() {
  const started = performance.now();
  const ds = await buildDatasets();
  const train = await rowsOfAll(ds.train);
  const swc = await rowsOfAll(swcFiles(), 100000);
  const wild = byFile(await rowsOfAll(ds.wildThreshold, 200000));
  const { fit, calibrate } = splitForCalibration([...train, ...swc]);
  const model = trainModel({ fit, calibrate, wild }, SEED);
  mkdirSync('models', { recursive: true });
  const json = JSON.stringify(model) + '\n';
  writeFileSync('models/audit-model.json', json);
  const digest = createHash('sha256').update(json).digest('hex');
  const counts = Object.fromEntries(LEARNED_CATEGORIES.map((c) => [c, [...train, ...swc].filter((r) => r.label === c).length]));
  const figures = existsSync('docs/figures/eval-audit-model.txt') ? readFileSync('docs/figures/eval-audit-model.txt', 'utf8').replace(/^# .*\n/, '') : '(run npm run eval:audit-model)\n';
  const card = `# Learned audit model (models/audit-model.json)

Trained by \`npm run train:audit\` (eval/train-audit.ts), seed \`${SEED}\`; the same inputs give the same file
byte for byte (sha256 ${digest}). Card written ${new Date().toISOString().slice(0, 10)}.

## What it does
Scores every function (and modifier) of an audited file for seven bug classes: ${LEARNED_CATEGORIES.join(', ')}.
A score at or above the category's threshold where no rule of that category reported is a finding
\`audit/learned-<category>\` with the calibrated probability as its confidence and the features (with the
statements that set them) that pushed the score up; where a rule agrees, the rule's finding gains confidence.
\`argus audit --no-model\` runs the rules only.

## Model family and why
One gradient-boosted tree ensemble per category (depth 2, ${BOOST.rounds} rounds, learning rate ${BOOST.rate},
logistic loss, positive rows weighted up to 10×), Platt-scaled on a fifth of the training files held apart.
Written in TypeScript (src/audit/learned/boost.ts), no dependency. Chosen because the ${FEATURE_NAMES.length}
features are counts and flags of very different scales where the signal is in conjunctions ("a call with value,
then a state write", "arithmetic that wraps, on a caller value"): depth-2 trees express those without
scaling or hand-made crosses, train in seconds, are deterministic and can be explained per finding (each
tree's leaf value is shared among the features on its path). A sequence or graph network would need far
more than the few thousand positive functions here and could not be explained statement by statement.

## Data
- Injection generator (eval/inject, SolidiFI method), **development families only**, injected into
  ${ds.train.length} wild-sample hosts (60% of ${ds.train.length + ds.testDev.length} hosts in a seeded order; the other 40% are test hosts).
  Labels by construction: a function overlapping a bug's marked lines is a positive of its class; every
  other function of the file (the host's own code) is a negative, which is noisy: real contracts have real bugs.
- SWC registry test cases (${swcFiles().length} files): functions on labelled lines of SWC-101/104/105/107/114/115/116
  are positives; fixed twins give negatives.
- Rows: ${fit.length + calibrate.length} functions; positives per class: ${JSON.stringify(counts)}.
- Never used for training: held-out families, test hosts, SmartBugs curated, the wild files that set the
  threshold (${ds.wildThreshold.length}) and those that measure the flag rate (${ds.wildFlag.length}).

## Features
Per function, from the analysis model the rules use (operations in evaluation order with modifiers and
inlined callees, caller-controlled taint, guards, loops, unchecked blocks, compiler version) and contract
context (state written by other entry points): ${FEATURE_NAMES.join(', ')}.
No identifier names are features: a renamed bug scores the same.

## Thresholds
Per category: the lowest calibrated probability (never under ${MIN_THRESHOLD}) at which at most ${(TARGET_FLAG_RATE * 100).toFixed(0)}% of
${ds.wildThreshold.length} clean wild files get a model-only finding: ${LEARNED_CATEGORIES.map((c) => `${c} ${model.categories[c].threshold}`).join(', ')}.

## Metrics (npm run eval:audit-model)
\`\`\`
${figures.trim()}
\`\`\`

## Limits
- Trained on injected snippets: the positives are short, self-contained functions in the generator's style;
  a bug spread over a long real function, or across contracts, is out of its experience.
- Negatives are unlabelled wild code; the model may learn that real bugs in hosts are "normal".
- No data for bad randomness beyond timestamp/blockhash, nor for denial of service: those categories are
  rules only.
- Function granularity: the finding points at the whole function, with the driving statements named.
- Trained in ${((performance.now() - started) / 1000).toFixed(0)} s on this machine.
`;
  writeFileSync('models/audit-model.md', card);
  console.log(`models/audit-model.json sha256 ${digest}; ${fit.length + calibrate.length} rows; thresholds ${LEARNED_CATEGORIES.map((c) => `${c}=${model.categories[c].threshold}`).join(' ')}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(3);
});
