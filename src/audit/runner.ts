import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { auditFile, type FileAuditOptions, type FileReport } from './audit-file.js';

export interface RunOptions extends FileAuditOptions {
  /** Worker threads; 0 = one per core. 1 runs in this thread. */
  workers: number;
  onProgress?: (done: number, total: number, report: FileReport) => void;
}

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 8;

/**
 * Audits many files, on every core when there are enough of them. Reports come back in input order;
 * a worker that dies takes only its current file with it (reported as a diagnostic) and is replaced.
 */
export async function auditFiles(files: string[], options: RunOptions): Promise<FileReport[]> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const wanted = options.workers > 0 ? options.workers : cores;
  const workerUrl = new URL('./worker.js', import.meta.url);
  // Workers need the compiled JavaScript; under a TypeScript test runner we stay in-process.
  const canUseWorkers = import.meta.url.endsWith('.js');
  const count = Math.min(wanted, files.length);
  if (!canUseWorkers || count <= 1 || files.length < MIN_FILES_FOR_WORKERS) {
    const out: FileReport[] = [];
    for (const f of files) {
      const r = await auditFile(f, options);
      out.push(r);
      options.onProgress?.(out.length, files.length, r);
    }
    return out;
  }

  const results: FileReport[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const { onProgress, ...fileOptions } = options;
  const workerOptions: FileAuditOptions = { cwd: fileOptions.cwd, maxFileBytes: fileOptions.maxFileBytes, exclude: fileOptions.exclude, include: fileOptions.include ?? [], noModel: fileOptions.noModel ?? false };

  await new Promise<void>((resolve) => {
    let live = 0;
    const startWorker = () => {
      const worker = new Worker(fileURLToPath(workerUrl), { workerData: workerOptions });
      live++;
      let current = -1;
      const feed = () => {
        if (next >= files.length) {
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, file: files[current] });
      };
      worker.on('message', (msg: { index: number; report: FileReport }) => {
        results[msg.index] = msg.report;
        done++;
        onProgress?.(done, files.length, msg.report);
        current = -1;
        feed();
      });
      worker.on('error', (error) => {
        if (current >= 0) {
          const file = files[current]!;
          results[current] = {
            file,
            parsed: false,
            analysed: false,
            findings: [],
            diagnostics: [{ file, severity: 'error', code: 'ARGUS_INTERNAL', message: `auditing ${file} crashed its worker: ${error.message}` }],
            lines: 0,
            contracts: 0,
            millis: 0,
          };
          done++;
          onProgress?.(done, files.length, results[current]!);
          current = -1;
        }
      });
      worker.on('exit', () => {
        live--;
        if (next < files.length) startWorker();
        else if (live === 0) resolve();
      });
      feed();
    };
    for (let i = 0; i < count; i++) startWorker();
  });
  return results;
}
