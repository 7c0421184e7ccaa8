/**
 * The words of a crypto lure, written by hand from how drainer campaigns and hacked accounts talk (the Azuki
 * account on 27 January 2023: "exclusive mint", a link, "limited"). Two uses: the urgency signal of the
 * compromised-account check, and the keyword baseline the learned classifier is compared against.
 */

export interface LureGroup {
  code: string;
  label: string;
  re: RegExp;
}

export const LURE_GROUPS: LureGroup[] = [
  { code: 'mint', label: 'mint call', re: /\b(?:free|exclusive|surprise|secret|public|stealth|early)\s+mint\b|\bmint\s+(?:now|live|is\s+live|here|today)\b/iu },
  { code: 'claim', label: 'claim/airdrop', re: /\bclaim(?:ing)?\s+(?:now|your|yours|here|it|the|free)\b|\bairdrop\b|\b(?:rewards?|tokens?)\s+(?:are\s+)?(?:live|claimable)\b/iu },
  { code: 'urgency', label: 'urgency', re: /\blimited\b|\bhurry\b|\b(?:only|last)\s+\d+\s*(?:spots?|hours?|minutes?|mins?|left)\b|\bends?\s+(?:soon|in|today)\b|\bbefore\s+it'?s\s+(?:gone|too\s+late)\b|\bdon'?t\s+miss\b|\bact\s+(?:now|fast)\b|\bfirst\s+\d+\b/iu },
  { code: 'wallet', label: 'wallet action', re: /\bconnect\s+(?:your\s+)?wallet\b|\bverify\s+(?:your\s+)?wallet\b|\bsync\s+(?:your\s+)?wallet\b|\bseed\s*phrase\b|\brecovery\s+phrase\b|\bprivate\s+key\b|\bvalidate\b|\brevoke\b/iu },
  { code: 'giveaway', label: 'giveaway/doubling', re: /\bgiveaway\b|\bgiving\s+away\b|\bsend\s+\d[\d.,]*\s*(?:eth|btc|sol|usdt)\b|\bdouble\s+(?:your|it)\b|\bx2\b|\b2x\s+back\b/iu },
  { code: 'recovery', label: 'fund recovery', re: /\brecover(?:y|ed)?\s+(?:your\s+)?(?:funds?|crypto|assets|lost)\b|\bscammed\b.*\b(?:dm|contact|reach)\b|\bblocked\s+withdrawals?\b/iu },
  { code: 'returns', label: 'promised returns', re: /\bguaranteed\b|\brisk[-\s]?free\b|\bpassive\s+income\b|\b\d{2,}\s?%\s*(?:apy|apr|roi|gains?|profit|returns?)\b|\b\d{2,}x\s+(?:gains?|gem|returns?)\b|\bdaily\s+(?:profit|returns?|income)\b|\bfree\s+mining\b/iu },
  { code: 'signals', label: 'paid group / signals', re: /\bvip\b|\bsignals?\s+(?:group|channel)\b|\bprivate\s+(?:tg|telegram|group)\b|\bjoin\s+my\s+(?:group|channel|vip|team)\b/iu },
  { code: 'drop-wallet', label: 'asks for wallet addresses', re: /\b(?:drop|comment|send|share)\s+(?:your|ur)\s+(?:\w+\s+)?(?:wallet|address|addy)\b|\bdrop\s+(?:wallet|address)\b/iu },
  { code: 'contact', label: 'move to private contact', re: /\b(?:dm|inbox|message)\s+me\b|\bwa\.me\b|\bwhats\s?app\b|\btelegram\b|\bt\.me\b/iu },
];

export interface LureHit {
  code: string;
  label: string;
  match: string;
}

/** Which lure groups a text hits (on the NFKC-folded text, so styled letters do not hide a word). */
export function lureHits(text: string): LureHit[] {
  const folded = text.normalize('NFKC');
  const hits: LureHit[] = [];
  for (const g of LURE_GROUPS) {
    const m = g.re.exec(folded);
    if (m) hits.push({ code: g.code, label: g.label, match: m[0] });
  }
  return hits;
}

/**
 * The keyword baseline: a post is a lure when it hits two groups, or one group and carries a link or an
 * address. Deliberately simple; it is the bar a learned model must clear.
 */
export function keywordBaseline(text: string): boolean {
  const hits = lureHits(text).length;
  const hasLink = /https?:\/\/|\b[a-z0-9-]+\.(?:com|io|xyz|net|org|me|fun|app)\b/iu.test(text);
  const hasAddress = /\b0x[0-9a-f]{40}\b/iu.test(text);
  return hits >= 2 || (hits === 1 && (hasLink || hasAddress));
}
