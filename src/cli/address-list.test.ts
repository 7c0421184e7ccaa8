import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAddressList } from './address-list.js';

const A = '0xd90e2f925DA726b50C4Ed8D0Fb90Ad053324F31b';
const B = '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D';
const dir = mkdtempSync(path.join(tmpdir(), 'argus-list-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('parseAddressList', () => {
  it('reads a comma list, a commented text file and a JSON array, checksummed', () => {
    expect(parseAddressList(`${A.toLowerCase()},${B}`, '--x')).toEqual([A, B]);
    expect(parseAddressList(file('list.txt', `# OFAC, 2022\n${A}  # Tornado Cash router\n\n${B.toLowerCase()}\n`), '--x')).toEqual([A, B]);
    expect(parseAddressList(file('list.json', JSON.stringify([A, B])), '--x')).toEqual([A, B]);
    expect(parseAddressList(undefined, '--x')).toEqual([]);
  });

  it('names the option and the culprit in its errors', () => {
    expect(() => parseAddressList('/no/such/file', '--known-good')).toThrow(/--known-good: '\/no\/such\/file' is neither/);
    expect(() => parseAddressList(file('bad.txt', `${A}\n0x1234\n`), '--sanctioned')).toThrow(/--sanctioned: '0x1234' is not an address/);
    expect(() => parseAddressList(file('bad.json', '[1, 2'), '--x')).toThrow(/not valid JSON/);
    expect(() => parseAddressList(file('obj.json', '[{"a": 1}]'), '--x')).toThrow(/JSON array of address strings/);
  });
});
