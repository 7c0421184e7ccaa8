import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IntelStore } from './store.js';

const LAZARUS = '0x098B716B8Aaf21512996dC57EB0615e2383E2f96';
const DRAINER = '0x3da336601df9dccb0203f57922c919649a8981d8';

describe('IntelStore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('bundles the dated OFAC list and looks up case-insensitively', () => {
    const store = IntelStore.create();
    expect(store.lookup(LAZARUS.toLowerCase())).toEqual([{ list: 'OFAC SDN', label: 'LAZARUS GROUP', asOf: '2026-06-25' }]);
    expect(store.lookup('0x0000000000000000000000000000000000000001')).toEqual([]);
    expect(store.lists[0]).toMatchObject({ list: 'OFAC SDN', asOf: '2026-06-25' });
    expect(IntelStore.create(false).lookup(LAZARUS)).toEqual([]);
  });

  it('loads plain, CSV and JSON user lists, named after the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-intel-'));
    dirs.push(dir);
    const plain = path.join(dir, 'community.txt');
    writeFileSync(plain, `# our blocklist\n${DRAINER} drainer seen in #general\nnot an address\n`);
    const csv = path.join(dir, 'scamsniffer-addresses.csv');
    writeFileSync(csv, `address,first_seen\n${DRAINER},2022-05-31\n`);
    const json = path.join(dir, 'x.json');
    writeFileSync(json, JSON.stringify({ name: 'Team list', addresses: [{ address: LAZARUS, label: 'bridge thief' }, 'junk'] }));
    const store = IntelStore.create(false);
    expect(store.loadFile(plain)).toEqual({ list: 'community', addresses: 1 });
    expect(store.loadFile(csv)).toEqual({ list: 'scamsniffer-addresses', addresses: 1 });
    expect(store.loadFile(json)).toEqual({ list: 'Team list', addresses: 1 });
    expect(store.lookup(DRAINER).map((h) => h.list)).toEqual(['community', 'scamsniffer-addresses']);
    expect(store.lookup(DRAINER)[0]?.label).toBe('drainer seen in #general');
    expect(store.lookup(LAZARUS)).toEqual([{ list: 'Team list', label: 'bridge thief' }]);
  });

  it("reads Forta's labelled-dataset columns", () => {
    const store = IntelStore.create(false);
    expect(store.loadText(`banned_address,wallet_tag,data_source\n${DRAINER},Fake_Phishing1772,etherscan-phish-hack-list\n`, 'forta')).toEqual({ list: 'forta', addresses: 1 });
    expect(store.lookup(DRAINER)[0]?.label).toBe('Fake_Phishing1772');
  });

  it('reads quoted CSV cells with commas', () => {
    const store = IntelStore.create(false);
    store.loadText(`address,name\n${LAZARUS},"SEMENOV, Roman"\n`, 'csv');
    expect(store.lookup(LAZARUS)[0]?.label).toBe('SEMENOV, Roman');
  });
});
