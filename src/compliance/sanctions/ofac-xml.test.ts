import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSdnAdvancedXml } from './ofac-xml.js';
import { snapshotFromFile } from './bundled.js';
import { historyFromSnapshots } from './snapshots.js';

const SAMPLE = path.resolve('test/fixtures/ofac/sdn_advanced_sample.xml');

describe('OFAC SDN advanced XML', () => {
  it('reads digital currency address features with the party, the listing day and the programmes', () => {
    const s = snapshotFromFile(SAMPLE);
    expect(s.date).toBe('2024-09-27');
    expect(s.series).toBe('OFAC SDN (advanced XML)');
    expect(s.entries).toHaveLength(4); // the birthdate feature is not an address
    const lazarus = s.entries.find((e) => e.address === '0x098B716B8Aaf21512996dC57EB0615e2383E2f96');
    expect(lazarus).toEqual({ address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96', name: 'LAZARUS GROUP', dateAdded: '2019-09-13', assets: ['ETH'], programs: ['CYBER2', 'DPRK3'] });
    expect(s.entries.find((e) => e.assets?.[0] === 'XBT')?.address).toBe('bc1qa5wkgaew2dkv56kfvj49j0av5nml45x9ek9hz6');
    expect(s.entries.find((e) => e.assets?.[0] === 'USDT')).toMatchObject({ name: 'SUEX OTC, S.R.O.', dateAdded: '2021-09-21', programs: ['CYBER2'] });
  });

  it('screens by it: listed from the entry day, as whom and under which programme', () => {
    const history = historyFromSnapshots([snapshotFromFile(SAMPLE)]);
    expect(history.screen('0x098b716b8aaf21512996dc57eb0615e2383e2f96', '2019-09-12').status).toBe('not-listed');
    const r = history.screen('0x098b716b8aaf21512996dc57eb0615e2383e2f96', '2024-01-01');
    expect(r.status).toBe('listed');
    expect(r.listing?.name).toBe('LAZARUS GROUP');
    expect(r.listing?.programs).toEqual(['CYBER2', 'DPRK3']);
  });

  it('an explicit day overrides DateOfIssue; other XML and a missing date are refused clearly', () => {
    expect(snapshotFromFile(SAMPLE, '2024-10-01').date).toBe('2024-10-01');
    expect(() => parseSdnAdvancedXml('<?xml version="1.0"?><rss></rss>')).toThrow(/no <Sanctions> root/u);
    expect(() => parseSdnAdvancedXml('<Sanctions><DistinctParties/></Sanctions>')).toThrow(/DateOfIssue/u);
    const dir = mkdtempSync(path.join(tmpdir(), 'argus-xml-'));
    const csv = path.join(dir, 'list.csv');
    writeFileSync(csv, 'address\n0x098B716B8Aaf21512996dC57EB0615e2383E2f96\n');
    expect(() => snapshotFromFile(csv)).toThrow(/day the list was taken/u);
  });
});
