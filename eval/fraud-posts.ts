/**
 * Held-out evaluation of the post classifier on the test part of models/post-split.json (never used in
 * training or threshold choice). Prints precision, recall and F1 at the model's threshold, beside the
 * published sentence-embedding baseline (F1 0.79, janitr) and a keyword baseline; then recall per positive
 * label and the flag rate per negative label, so one sees which kind of post it misses or over-flags.
 *
 *   node dist/eval/fraud-posts.js [--json] [--card] [--model file] [--scheme scam-or-phishing|scam-phishing-or-spam]
 *
 * --card (re)writes models/post-model.md from the model file and these numbers, so the card never drifts.
 */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { keywordBaseline } from '../src/fraud/posts/lures.js';
import { loadPostClassifier, type PostClassifier } from '../src/fraud/posts/model.js';
import { CARD_FILE, isPositive, type LabelledPost, loadOrMakeSplit, loadPosts, metrics, MODEL_FILE, POSITIVE_LABELS, splitPosts, type LabelScheme, type Metrics } from './posts-data.js';

const ANCHOR_F1 = 0.79;
const FLOOR_F1 = 0.85;

/** Area under the precision-recall curve (average precision), threshold-free. */
function averagePrecision(scores: number[], labels: number[]): number {
  const order = scores.map((s, i) => [s, labels[i] as number] as const).sort((a, b) => b[0] - a[0]);
  const total = labels.filter((y) => y === 1).length;
  let tp = 0;
  let ap = 0;
  order.forEach(([, y], k) => {
    if (y === 1) {
      tp++;
      ap += tp / (k + 1);
    }
  });
  return total ? ap / total : 0;
}

function main(): void {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const modelAt = args.indexOf('--model');
  const modelFile = modelAt >= 0 ? (args[modelAt + 1] as string) : MODEL_FILE;
  const schemeAt = args.indexOf('--scheme');
  const scheme = (schemeAt >= 0 ? args[schemeAt + 1] : 'scam-or-phishing') as LabelScheme;
  if (!(scheme in POSITIVE_LABELS)) throw new Error(`--scheme: one of ${Object.keys(POSITIVE_LABELS).join(', ')}`);

  const started = Date.now();
  const classifier = loadPostClassifier(modelFile);
  const posts = loadPosts();
  const split = loadOrMakeSplit(posts);
  const { test, train } = splitPosts(posts, split);
  const labels = test.map((p) => (isPositive(p, scheme) ? 1 : 0));
  const scores = test.map((p) => classifier.probability(p.text));
  const perPost = (Date.now() - started) / test.length;
  const model = metrics(scores, labels, classifier.threshold);
  const atHalf = metrics(scores, labels, 0.5);
  const keyword = metrics(
    test.map((p) => (keywordBaseline(p.text) ? 1 : 0)),
    labels,
    1,
  );
  const ap = averagePrecision(scores, labels);
  // Many positives are one campaign (replies asking @bankrbot to deploy a token); the same numbers without
  // it say how the model does on every other kind of lure. Its share is counted here, never typed in.
  const campaign = (p: LabelledPost) => /bankrbot/iu.test(p.text);
  const other = test.flatMap((p, i) => (campaign(p) ? [] : [i]));
  const campaignShare = {
    test: { campaign: test.filter((p, i) => labels[i] === 1 && campaign(p)).length, positives: labels.filter((y) => y === 1).length },
    all: { campaign: posts.filter((p) => isPositive(p, scheme) && campaign(p)).length, positives: posts.filter((p) => isPositive(p, scheme)).length },
  };
  const withoutCampaign = metrics(
    other.map((i) => scores[i] as number),
    other.map((i) => labels[i] as number),
    classifier.threshold,
  );
  const keywordWithout = metrics(
    other.map((i) => (keywordBaseline((test[i] as { text: string }).text) ? 1 : 0)),
    other.map((i) => labels[i] as number),
    1,
  );

  // Recall per positive label, flag rate per other label: where the errors are.
  const byLabel: Record<string, { posts: number; flagged: number; positive: boolean }> = {};
  test.forEach((p, i) => {
    const flagged = (scores[i] as number) >= classifier.threshold;
    for (const l of p.labels) {
      if (!['scam', 'phishing', 'spam', 'promo', 'clean', 'recovery_scam', 'affiliate', 'giveaway', 'topic_crypto', 'engagement_bait', 'lead_gen'].includes(l)) continue;
      const e = (byLabel[l] ??= { posts: 0, flagged: 0, positive: POSITIVE_LABELS[scheme].includes(l) });
      e.posts++;
      if (flagged) e.flagged++;
    }
  });

  const result = {
    model: classifier.file.name,
    modelFile,
    positive: POSITIVE_LABELS[scheme].join(' OR '),
    modelPositive: classifier.file.positive,
    testPosts: test.length,
    testPositives: labels.filter((y) => y === 1).length,
    trainPosts: train.length,
    droppedDuplicates: split.droppedDuplicates?.length ?? 0,
    campaignShare,
    threshold: classifier.threshold,
    heldOut: model,
    atThresholdHalf: atHalf,
    averagePrecision: ap,
    keywordBaseline: keyword,
    withoutBankrbot: { posts: other.length, positives: other.filter((i) => labels[i] === 1).length, model: withoutCampaign, keyword: keywordWithout },
    anchorF1: ANCHOR_F1,
    floorF1: FLOOR_F1,
    meetsFloor: model.f1 >= FLOOR_F1,
    byLabel,
    msPerPost: perPost,
  };
  if (json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const share = (x: { campaign: number; positives: number }) => `${x.campaign}/${x.positives} = ${((100 * x.campaign) / x.positives).toFixed(0)}%`;
  const row = (name: string, m: Metrics) => `${name.padEnd(44)} ${m.precision.toFixed(3).padStart(9)} ${m.recall.toFixed(3).padStart(7)} ${m.f1.toFixed(3).padStart(6)}   tp ${m.tp} fp ${m.fp} fn ${m.fn} tn ${m.tn}`;
  const lines = [
    `post classifier, held-out test part of models/post-split.json: ${test.length} posts, ${result.testPositives} positive (${result.positive})`,
    `  ${result.droppedDuplicates} test posts whose text (NFKC, lower case, spaces folded) is also a training post's are left out (droppedDuplicates)`,
    `model ${path.relative(process.cwd(), modelFile) || modelFile} (trained on ${classifier.file.positive}), threshold ${classifier.threshold} chosen by cross-validation on the training part`,
    '',
    `${'method'.padEnd(44)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(6)}`,
    row('argus tf-idf + logistic regression', model),
    row('  same model at threshold 0.5', atHalf),
    row('keyword baseline (src/fraud/posts/lures.ts)', keyword),
    '',
    `the @bankrbot-deploy campaign: ${share(campaignShare.test)} of the test positives, ${share(campaignShare.all)} of all positives`,
    `without the @bankrbot-deploy campaign (${other.length} posts, ${result.withoutBankrbot.positives} positive):`,
    row('argus tf-idf + logistic regression', withoutCampaign),
    row('keyword baseline', keywordWithout),
    '',
    `${'sentence embeddings + LR (anchor)'.padEnd(44)} ${'-'.padStart(9)} ${'-'.padStart(7)} ${ANCHOR_F1.toFixed(3).padStart(6)}   (published, janitr; not re-measured here)`,
    '',
    `average precision (PR-AUC) ${ap.toFixed(3)}; floor F1 ${FLOOR_F1}: ${model.f1 >= FLOOR_F1 ? 'met' : 'NOT met'}; ${perPost.toFixed(2)} ms per post`,
    '',
    'flagged share by label (recall for positive labels, false-alarm rate for the others):',
    ...Object.entries(byLabel)
      .sort((a, b) => b[1].posts - a[1].posts)
      .map(([l, e]) => `  ${l.padEnd(16)} ${String(e.flagged).padStart(4)} / ${String(e.posts).padEnd(5)} ${((100 * e.flagged) / e.posts).toFixed(1).padStart(5)} %${e.positive ? '  (positive)' : ''}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (args.includes('--card')) {
    writeFileSync(CARD_FILE, card(classifier.file, statSync(modelFile).size, lines.join('\n'), share(campaignShare.all), result.droppedDuplicates));
    process.stdout.write(`\nwrote ${CARD_FILE}\n`);
  }
}

function card(file: PostClassifier['file'], bytes: number, report: string, campaignOfAll: string, dropped: number): string {
  const t = file.training as Record<string, unknown>;
  return `# Model card: post classifier (\`argus post\`, src/fraud/posts)

*Generated by \`npm run eval:fraud-posts -- --card\` from models/post-model.json (trained by \`npm run train:posts\`, eval/train-posts.ts). Date: ${file.date}.*

- **Task**: is a social-media post (X) a scam or phishing lure? One probability per post; \`checkPost\` (src/fraud/posts/analyze.ts) combines it with the links, the addresses and the account's behaviour.
- **Data**: ${file.dataset}. 3,214 posts, labels multi-label and AI-assisted (noisy), MIT. The \`notes\` field is never read (it often states the label).
- **Positive class**: \`${file.positive}\` (406 of 3,214 posts, 12.6 %; 4 of the 42 \`recovery_scam\` posts lack \`scam\`, a labelling miss). \`spam\`, \`promo\`, \`clean\` and everything else are negative: spam and shills are unwanted but not theft attempts, and a warning bot that fires on every shill gets muted. Variant with \`spam\` positive too (\`--scheme scam-phishing-or-spam\` in both scripts): on 2026-11-25, with the default setting only, held-out F1 0.856 (precision 0.879, recall 0.833): spam is harder to separate from promo than scams are.
- **Split**: models/post-split.json, stratified by \`scam OR phishing\`, seeded (\`argus-posts-split-1\`), 80 % training (${String(t.posts)} posts, ${String(t.positives)} positive) / 20 % held-out test, less the test posts whose text (NFKC, lower case, white space folded) is also a training post's (listed in \`droppedDuplicates\`; \`splitPosts\` refuses a split with any). The test part is read only by eval/fraud-posts.ts.
- **Features** (src/fraud/posts/features.ts): NFKC folding (styled 𝐛𝐨𝐥𝐝 letters → ASCII), lower case, links / 0x and base58 addresses / tx hashes / ENS names / amounts / numbers / tickers replaced by placeholder tokens; word unigrams and bigrams, mentions kept as words; character ${file.features.charMin}-${file.features.charMax}-grams; six shape tokens (how many links, addresses, mentions, emoji; upper-case share; length); the hand-written lure groups of src/fraud/posts/lures.ts (mint call, claim/airdrop, urgency, wallet action, giveaway, fund recovery, promised returns, paid signals, asks for wallet addresses, private contact) as one token each. Hashed (FNV-1a) into ${file.buckets} buckets, buckets seen in fewer than ${file.minDf} training posts dropped; sublinear tf × idf; each block (words, chars) L2-normalised, word block weight ${file.wordBlockWeight}.
- **Model** (src/fraud/posts/linear.ts): logistic regression, L2 λ = ${String(t.lambda)}, positive-class weight ${String(t.positiveWeight)}, ${String(t.epochs)} full-batch Adam epochs, own implementation, no dependency. File ${(bytes / 1024).toFixed(0)} KB (${file.index.length} non-zero buckets).
- **Choice of settings and threshold**: 5-fold stratified cross-validation inside the training part over λ, class weighting, block weights, n-gram ranges and min-df; the F1-best setting and its F1-best threshold on the pooled out-of-fold scores (cv F1 ${String(t.cvF1)}, threshold ${file.threshold}). Never tuned on the test part.
- **Development honesty**: the held-out part was scored for four models during development (F1 0.888, 0.883, 0.901, then 0.904 for this model, a retrain on the project's shared PRNG with the same settings), for the \`spam\` variant once, and again after the ${dropped} test posts that repeat a training post's text were left out (${new Date().toISOString().slice(0, 10)}; the model did not change: its training part is the same). The two changes between the first three — lure-group features and \`recovery_scam\` as positive — came from reading the out-of-fold errors of the *training* part (clear lures with "seed phrase", "guaranteed", "VIP signals" scored 0.2-0.45), not the test errors, which were never printed.
- **Explanations**: the post's own n-grams with the largest positive contribution (weight × feature value), overlapping char n-grams collapsed.

## Held-out results

\`\`\`
${report}
\`\`\`

## Limits

- The labels are AI-assisted and noisy; ${campaignOfAll} of the positives are one campaign (replies asking @bankrbot to deploy a token), so held-out F1 partly measures how well that campaign is recognised. Recall on new lure styles will be lower than on these.
- English-centric; posts in other languages are scored on their char n-grams, links and addresses only.
- A text classifier cannot tell a hijacked official account from the real one: that is what the behaviour checks (--history) and the domain analysis of the links are for.
- Trained on X posts of early 2026; lure wording drifts. Retrain with \`npm run train:posts\` when new labelled posts arrive (the split file fixes which posts are test).
`;
}

main();
