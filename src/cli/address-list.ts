import { readFileSync } from 'node:fs';
import { getAddress, isAddress, type Address } from 'viem';
import { UsageError } from '../core/errors.js';

/**
 * An option that takes addresses: either a comma-separated list on the command line, or a file holding
 * a JSON array or addresses separated by white space or commas, with `#` comments to the end of a line.
 * `option` names the flag in errors (`--sanctioned`, `--known-good`).
 */
export function parseAddressList(value: string | undefined, option: string): Address[] {
  if (!value) return [];
  let items: string[];
  if (/^0x[0-9a-fA-F]{40}(,0x[0-9a-fA-F]{40})*$/.test(value.trim())) items = value.split(',');
  else {
    let text: string;
    try {
      text = readFileSync(value, 'utf8');
    } catch {
      throw new UsageError(`${option}: '${value}' is neither a list of addresses nor a readable file`);
    }
    if (text.trim().startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new UsageError(`${option}: '${value}' is not valid JSON (${(error as Error).message})`);
      }
      if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw new UsageError(`${option}: '${value}' must hold a JSON array of address strings`);
      items = parsed;
    } else items = text.split('\n').flatMap((line) => line.replace(/#.*$/, '').split(/[\s,]+/));
  }
  return items
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      if (!isAddress(s, { strict: false })) throw new UsageError(`${option}: '${s}' is not an address`);
      return getAddress(s);
    });
}
