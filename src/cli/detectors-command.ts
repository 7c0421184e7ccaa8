import { Command } from 'commander';
import pc from 'picocolors';
import { DETECTORS } from '../audit/detectors/index.js';

export function detectorsCommand(): Command {
  return new Command('detectors')
    .description('List the audit detectors with their SWC ids and DASP categories')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        process.stdout.write(JSON.stringify(DETECTORS.map((d) => d.meta), null, 2) + '\n');
        return;
      }
      for (const d of DETECTORS) {
        const m = d.meta;
        process.stdout.write(`${pc.bold(('audit/' + m.id).padEnd(34))} ${m.severity.padEnd(8)} ${pc.dim([...m.swc, 'DASP:' + m.dasp].join(' '))}\n  ${m.title}\n`);
      }
    });
}
