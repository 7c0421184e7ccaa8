/**
 * OFAC's SDN list in its "advanced" XML (SDN_ADVANCED.XML, the Sanctions List Service's export), read with
 * fast-xml-parser. Digital currency addresses are Features of a party's Profile whose FeatureType is
 * "Digital Currency Address - <asset>" (the type ids differ between exports, so they are looked up by name
 * in ReferenceValueSets each time); the party's name is its primary Identity's primary Alias; the day it
 * was listed is the earliest EntryEvent date of its SanctionsEntry, and its programmes are that entry's
 * SanctionsMeasure comments (CYBER2, DPRK3, ...). The list's own date is DateOfIssue.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Day } from './history.js';
import type { Snapshot, SnapshotEntry } from './snapshots.js';

type Node = Record<string, unknown>;

const REPEATED = new Set([
  'FeatureType', 'SanctionsProgram', 'DistinctParty', 'Profile', 'Identity', 'Alias', 'DocumentedName', 'DocumentedNamePart', 'NamePartValue',
  'Feature', 'FeatureVersion', 'VersionDetail', 'SanctionsEntry', 'EntryEvent', 'SanctionsMeasure',
]);

const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);
const text = (v: unknown): string => {
  if (typeof v === 'string') return v.trim();
  if (v && typeof v === 'object' && typeof (v as Node)['#text'] === 'string') return ((v as Node)['#text'] as string).trim();
  return '';
};
const attr = (n: Node, name: string) => (n[`@${name}`] === undefined ? undefined : String(n[`@${name}`]));

function dayOf(d: unknown): Day | undefined {
  const n = d as Node | undefined;
  const y = Number(text(n?.Year));
  const m = Number(text(n?.Month));
  const day = Number(text(n?.Day));
  if (!y || !m || !day) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Is this text the SDN advanced XML (and not some other XML)? */
export function isSdnAdvancedXml(head: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<Sanctions[\s>]/u.test(head);
}

export function parseSdnAdvancedXml(xml: string, source = 'SDN_ADVANCED.XML'): Snapshot {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false, // an address is text: never a number
    parseAttributeValue: false,
    alwaysCreateTextNode: false,
    isArray: (name) => REPEATED.has(name),
    processEntities: true,
  });
  const doc = parser.parse(xml) as Node;
  const root = doc.Sanctions as Node | undefined;
  if (!root) throw new Error('not an OFAC SDN advanced XML file: no <Sanctions> root element');
  const refs = (root.ReferenceValueSets ?? {}) as Node;
  const assetOfType = new Map<string, string>();
  for (const t of list((refs.FeatureTypeValues as Node | undefined)?.FeatureType)) {
    const m = /^Digital Currency Address\s*-\s*(\S+)/iu.exec(text(t));
    const id = attr(t, 'ID');
    if (m && id) assetOfType.set(id, (m[1] as string).toUpperCase());
  }
  const programName = new Map(list((refs.SanctionsProgramValues as Node | undefined)?.SanctionsProgram).map((p) => [attr(p, 'ID') ?? '', text(p)]));

  // Listing day and programmes per profile, from the sanctions entries.
  const entryOf = new Map<string, { date?: Day; programs: Set<string> }>();
  for (const e of list((root.SanctionsEntries as Node | undefined)?.SanctionsEntry)) {
    const profile = attr(e, 'ProfileID');
    if (!profile) continue;
    const dates = list(e.EntryEvent).map((ev) => dayOf(ev.Date)).filter((d): d is Day => d !== undefined).sort();
    const programs = new Set<string>();
    for (const m of list(e.SanctionsMeasure)) {
      const c = text(m.Comment);
      if (c) programs.add(c);
      const id = attr(m, 'SanctionsProgramID');
      if (id && programName.get(id)) programs.add(programName.get(id) as string);
    }
    entryOf.set(profile, { ...(dates[0] ? { date: dates[0] } : {}), programs });
  }

  const entries: SnapshotEntry[] = [];
  for (const party of list((root.DistinctParties as Node | undefined)?.DistinctParty)) {
    for (const profile of list(party.Profile)) {
      const id = attr(profile, 'ID') ?? attr(party, 'FixedRef') ?? '';
      const identities = list(profile.Identity);
      const identity = identities.find((i) => attr(i, 'Primary') === 'true') ?? identities[0];
      const aliases = list(identity?.Alias);
      const alias = aliases.find((a) => attr(a, 'Primary') === 'true') ?? aliases[0];
      const name = list(alias?.DocumentedName)[0];
      const parts = list(name?.DocumentedNamePart).flatMap((p) => list(p.NamePartValue).map(text)).filter(Boolean);
      const entry = entryOf.get(id);
      for (const f of list(profile.Feature)) {
        const asset = assetOfType.get(attr(f, 'FeatureTypeID') ?? '');
        if (!asset) continue;
        for (const v of list(f.FeatureVersion)) {
          for (const d of list(v.VersionDetail)) {
            const address = text(d);
            if (!address) continue;
            entries.push({
              address,
              ...(parts.length ? { name: parts.join(' ') } : {}),
              ...(entry?.date ? { dateAdded: entry.date } : {}),
              assets: [asset],
              ...(entry?.programs.size ? { programs: [...entry.programs] } : {}),
            });
          }
        }
      }
    }
  }
  const issued = dayOf(root.DateOfIssue);
  if (!issued) throw new Error('the SDN advanced XML has no DateOfIssue');
  return { series: 'OFAC SDN (advanced XML)', date: issued, source: `${source} (issued ${issued})`, entries };
}
