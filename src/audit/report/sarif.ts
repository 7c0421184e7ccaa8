import type { Severity } from '../../core/finding.js';
import type { FileReport } from '../audit-file.js';
import type { Detector } from '../detectors/detector.js';

/**
 * SARIF 2.1.0, as GitHub code scanning reads it. Each rule carries its SWC ids and DASP category in
 * `properties.tags`; each result names the file relative to the working directory and the statement's
 * start and end lines.
 */
export function toSarif(reports: FileReport[], detectors: Detector[], version: string): string {
  const rules = detectors.map((d) => ({
    id: `audit/${d.meta.id}`,
    name: d.meta.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: d.meta.title },
    fullDescription: { text: d.meta.description },
    help: { text: `${d.meta.description}\n\nExploit scenario: ${d.meta.exploitScenario}\n\nRecommendation: ${d.meta.recommendation}` },
    defaultConfiguration: { level: level(d.meta.severity) },
    properties: {
      tags: [...d.meta.swc, `DASP:${d.meta.dasp}`, 'security'],
      precision: d.meta.confidence >= 0.8 ? 'high' : d.meta.confidence >= 0.5 ? 'medium' : 'low',
      'security-severity': securitySeverity(d.meta.severity),
    },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((r) =>
    r.findings.map((f) => {
      const s = f.subject.kind === 'source' ? f.subject : null;
      const [file, part] = (s?.file ?? r.file).split('#');
      return {
        ruleId: f.detector,
        ruleIndex: ruleIndex.get(f.detector) ?? -1,
        level: level(f.severity),
        message: { text: f.explanation },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(file!), uriBaseId: '%SRCROOT%' },
              region: s ? { startLine: s.startLine, startColumn: s.startColumn, endLine: s.endLine, endColumn: s.endColumn } : undefined,
            },
            ...(part ? { logicalLocations: [{ name: part, kind: 'module' }] } : {}),
          },
        ],
        properties: { severity: f.severity, confidence: f.confidence, tags: f.tags, contract: s?.contract, function: s?.function },
      };
    }),
  );
  const notifications = reports.flatMap((r) =>
    r.diagnostics.map((d) => ({
      level: d.severity === 'error' ? 'error' : 'warning',
      message: { text: d.message },
      descriptor: { id: d.code },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(d.file.split('#')[0]!) }, region: d.line ? { startLine: d.line, startColumn: d.column } : undefined } }],
    })),
  );
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'Argus', version, informationUri: 'https://github.com/argus-security/argus', rules } },
          originalUriBaseIds: { '%SRCROOT%': { uri: pathToUri(process.cwd()) } },
          invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
          results,
        },
      ],
    },
    null,
    2,
  );
}

function pathToUri(p: string): string {
  return 'file://' + encodeURI(p.endsWith('/') ? p : p + '/');
}

function level(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

function securitySeverity(s: Severity): string {
  return { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' }[s];
}
