import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The argus package's root folder: the nearest folder above this module whose package.json names
 * `argus`. The same answer from src/ (tests, tsx) and dist/src/ (the built CLI) and from an install under
 * node_modules, so models/, contracts/ and web/ are found wherever the code runs.
 */
let root: string | undefined;
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'argus') return (root = dir);
      } catch {
        // an unreadable package.json is not ours: keep walking up
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the argus package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** A path inside the package: `packagePath('models', 'rug-score.json')`. */
export function packagePath(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}

/** A file of the package's models/ folder, or null when it is not there (a model not trained yet). */
export function modelFile(file: string): string | null {
  const p = packagePath('models', file);
  return existsSync(p) ? p : null;
}
