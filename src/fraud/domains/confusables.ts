/**
 * A small map of the homoglyphs phishing domains actually use (Cyrillic, Greek, Latin look-alikes and
 * a few digits), and a skeleton that folds a label onto plain ASCII so `սոіѕwар` and `un1swap` both read
 * `uniswap`. Deliberately small and local: the native `decancer` package is avoided, and the full Unicode
 * confusables table would drag in thousands of entries for characters no lure uses.
 */

const MAP: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', с: 'c', ԁ: 'd', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm', н: 'h',
  о: 'o', р: 'p', ԛ: 'q', г: 'r', ѕ: 's', т: 't', ц: 'u', ս: 'u', ѵ: 'v', ԝ: 'w', ѡ: 'w', х: 'x', у: 'y', ү: 'y', з: '3',
  ь: 'b', п: 'n', л: 'n',
  // Armenian
  օ: 'o', ո: 'n', զ: 'q', ց: 'g', հ: 'h',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ω: 'w',
  // Latin with marks and small capitals
  à: 'a', á: 'a', â: 'a', ã: 'a', ä: 'a', å: 'a', ā: 'a', ă: 'a', ą: 'a', ç: 'c', ć: 'c', č: 'c', ď: 'd', đ: 'd',
  è: 'e', é: 'e', ê: 'e', ë: 'e', ē: 'e', ė: 'e', ę: 'e', ě: 'e', ğ: 'g', ġ: 'g', ħ: 'h', ì: 'i', í: 'i', î: 'i',
  ï: 'i', ī: 'i', į: 'i', ı: 'i', ķ: 'k', ĺ: 'l', ļ: 'l', ľ: 'l', ł: 'l', ñ: 'n', ń: 'n', ņ: 'n', ň: 'n', ò: 'o',
  ó: 'o', ô: 'o', õ: 'o', ö: 'o', ø: 'o', ō: 'o', ő: 'o', ŕ: 'r', ř: 'r', ś: 's', ş: 's', š: 's', ș: 's', ţ: 't',
  ť: 't', ț: 't', ù: 'u', ú: 'u', û: 'u', ü: 'u', ū: 'u', ů: 'u', ű: 'u', ų: 'u', ý: 'y', ÿ: 'y', ź: 'z', ż: 'z',
  ž: 'z', ɑ: 'a', ɡ: 'g', ɩ: 'i', ɪ: 'i', ɴ: 'n', ʀ: 'r', ᴀ: 'a', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ᴋ: 'k', ᴍ: 'm', ᴏ: 'o',
  ᴘ: 'p', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z', ꞵ: 'b', ḿ: 'm', ṁ: 'm', ẇ: 'w', ẉ: 'w', ỳ: 'y', ẏ: 'y',
};

/** ASCII tricks: digits for letters and letter pairs that render as one letter. */
const ASCII_DIGITS: Record<string, string> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g' };

/** Folds non-ASCII look-alikes onto ASCII; characters it does not know are kept. */
export function foldUnicode(label: string): string {
  let out = '';
  for (const ch of label.normalize('NFC')) out += MAP[ch] ?? ch;
  return out;
}

/**
 * The skeleton two labels share when they look alike: Unicode folded, digits read as letters, `rn`→`m`,
 * `vv`→`w`, `l`/`1`/`I` all read as `l` and `i` as `l` too (a lowercase i and l are one stroke in many fonts).
 */
export function skeleton(label: string): string {
  // Fast path for plain ASCII (nearly every host): one pass, no Unicode normalisation.
  let ascii = true;
  for (let i = 0; i < label.length; i++) if (label.charCodeAt(i) > 0x7f) ascii = false;
  let s = ascii ? label.toLowerCase() : foldUnicode(label.toLowerCase());
  s = s.replace(/[0-9]/g, (d) => ASCII_DIGITS[d] ?? d);
  if (s.includes('rn')) s = s.replace(/rn/g, 'm');
  if (s.includes('vv')) s = s.replace(/vv/g, 'w');
  if (s.includes('cl')) s = s.replace(/cl/g, 'd');
  return s.replace(/i/g, 'l');
}

type Script = 'latin' | 'cyrillic' | 'greek' | 'armenian' | 'other';

function scriptOf(cp: number): Script | null {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) ? 'latin' : null;
  if (cp <= 0x24f || (cp >= 0x1d00 && cp <= 0x1eff) || (cp >= 0xa720 && cp <= 0xa7ff)) return 'latin';
  if (cp >= 0x370 && cp <= 0x3ff) return 'greek';
  if (cp >= 0x400 && cp <= 0x52f) return 'cyrillic';
  if (cp >= 0x530 && cp <= 0x58f) return 'armenian';
  return 'other';
}

/** The scripts of the letters in one label (digits and hyphens belong to none). */
export function scriptsOf(label: string): Set<Script> {
  const out = new Set<Script>();
  for (const ch of label) {
    const s = scriptOf(ch.codePointAt(0) ?? 0);
    if (s) out.add(s);
  }
  return out;
}

/** True when a label mixes Latin with Cyrillic, Greek or Armenian: real names almost never do. */
export function isMixedScript(label: string): boolean {
  const s = scriptsOf(label);
  return s.has('latin') && (s.has('cyrillic') || s.has('greek') || s.has('armenian'));
}
