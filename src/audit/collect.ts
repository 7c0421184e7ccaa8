import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { ArgusError, ERROR_CODES } from '../core/errors.js';

export interface CollectResult {
  files: string[];
  /** Inputs that could not be used, with why. */
  problems: Array<{ input: string; code: string; message: string }>;
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Expands files, folders and globs into Solidity files. Folders are walked without following symlinks
 * into folders already seen, so a symlink loop ends. Explicit files are taken whatever their extension.
 */
export async function collectSolidityFiles(inputs: string[], cwd: string, ignore: string[]): Promise<CollectResult> {
  const files = new Set<string>();
  const problems: CollectResult['problems'] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    if (GLOB_CHARS.test(input) && !existsSync(abs)) {
      const matches = await glob(input, { cwd, absolute: true, ignore, followSymbolicLinks: false, onlyFiles: true });
      const sol = matches.filter((m) => m.endsWith('.sol'));
      if (sol.length === 0) problems.push({ input, code: ERROR_CODES.NO_INPUT, message: `No Solidity files match ${input}` });
      for (const m of sol) files.add(path.normalize(m));
      continue;
    }
    let st;
    try {
      st = statSync(abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message = code === 'ELOOP' ? `${input} is a symlink loop` : `${input} does not exist`;
      problems.push({ input, code: ERROR_CODES.FILE_NOT_FOUND, message });
      continue;
    }
    if (st.isDirectory()) {
      const found = walkFolder(abs, ignore);
      if (found.length === 0) problems.push({ input, code: ERROR_CODES.NO_INPUT, message: `No .sol files under ${input}` });
      for (const f of found) files.add(f);
    } else {
      files.add(abs);
    }
  }
  return { files: [...files].sort(), problems };
}

function walkFolder(root: string, ignore: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const skipNames = new Set(ignore.map((g) => /^\*\*\/([^/*]+)\/\*\*$/.exec(g)?.[1]).filter((x): x is string => Boolean(x)));
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      continue; // broken link or loop
    }
    if (seen.has(real)) continue;
    seen.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (skipNames.has(e.name)) continue;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // dangling link or loop
        }
      }
      if (isDir) stack.push(full);
      else if (isFile && e.name.endsWith('.sol')) out.push(full);
    }
  }
  return out.sort();
}

/** Throws when nothing at all can be audited: exit code 2. */
export function requireFiles(result: CollectResult): void {
  if (result.files.length === 0) {
    const why = result.problems.map((p) => p.message).join('; ') || 'no input';
    throw new ArgusError(ERROR_CODES.NO_INPUT, `Nothing to audit: ${why}`, { problems: result.problems });
  }
}
