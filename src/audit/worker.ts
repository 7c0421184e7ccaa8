import { parentPort, workerData } from 'node:worker_threads';
import { auditFile, type FileAuditOptions } from './audit-file.js';

/** Worker thread: audits the files the main thread sends, one at a time. */
const options = workerData as FileAuditOptions;
parentPort?.on('message', (msg: { index: number; file: string }) => {
  void auditFile(msg.file, options).then((report) => parentPort?.postMessage({ index: msg.index, report }));
});
