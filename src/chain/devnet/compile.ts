/**
 * Compiles the devnet's own Solidity (contracts/ at the package root) with the `solc` npm package, the
 * same compiler build Hardhat pins, never downloading one. Imports such as `@openzeppelin/contracts/...`
 * are read from node_modules through the import callback. The output is cached in the OS temp folder
 * under a hash of the compiler version and the whole input, so a second start skips solc (~1 s).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Abi, Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import type { Artifact } from './artifacts.js';

const require = createRequire(import.meta.url);

/** The sources compiled for the devnet, relative to the package root. */
export const DEVNET_SOURCES = ['contracts/tokens/DevToken.sol'] as const;

/** The package root: the nearest folder above this file holding contracts/ (src/ and dist/src/ alike). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'contracts'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new ArgusError(ERROR_CODES.DEVNET, 'cannot find the contracts/ folder of the argus package');
    dir = up;
  }
}

/**
 * Reads an import: a file of the package (a relative import such as `./lib/X.sol` reaches solc already
 * resolved against the importing file, e.g. `contracts/token-corpus/lib/X.sol`), or `@scope/pkg/rest.sol`
 * / `pkg/rest.sol` from wherever Node resolves the package.
 */
function readImport(importPath: string): string {
  const local = path.join(packageRoot(), importPath);
  if (!path.isAbsolute(importPath) && existsSync(local)) return readFileSync(local, 'utf8');
  const parts = importPath.split('/');
  const nameParts = importPath.startsWith('@') ? 2 : 1;
  const pkg = parts.slice(0, nameParts).join('/');
  const pkgDir = path.dirname(require.resolve(`${pkg}/package.json`));
  return readFileSync(path.join(pkgDir, ...parts.slice(nameParts)), 'utf8');
}

interface SolcOutput {
  errors?: Array<{ severity: string; formattedMessage: string }>;
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
}

/**
 * Compiles DEVNET_SOURCES (or `options.sources`, paths relative to the package root, e.g. the attack
 * scenarios' contracts); returns every contract by name.
 */
export async function compileDevContracts(options: { cache?: boolean; sources?: readonly string[] } = {}): Promise<Record<string, Artifact>> {
  const root = packageRoot();
  const files = options.sources ?? DEVNET_SOURCES;
  const sources: Record<string, { content: string }> = {};
  for (const file of files) sources[file] = { content: readFileSync(path.join(root, file), 'utf8') };
  const input = {
    language: 'Solidity',
    sources,
    settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const solcVersion = (require('solc/package.json') as { version: string }).version;
  // The cache key covers the imported library sources too, through their package versions.
  const ozVersion = (require('@openzeppelin/contracts/package.json') as { version: string }).version;
  const key = createHash('sha256').update(JSON.stringify({ solcVersion, ozVersion, input })).digest('hex').slice(0, 24);
  const cacheDir = path.join(os.tmpdir(), 'argus-solc-cache');
  const cacheFile = path.join(cacheDir, `contracts-${key}.json`);
  if (options.cache !== false && existsSync(cacheFile)) {
    try {
      return JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, Artifact>;
    } catch {
      // a damaged cache entry: compile again
    }
  }

  const { default: solc } = await import('solc');
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import: (p) => {
        try {
          return { contents: readImport(p) };
        } catch (error) {
          return { error: `cannot read ${p}: ${(error as Error).message}` };
        }
      },
    }),
  ) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new ArgusError(ERROR_CODES.DEVNET, `the devnet contracts do not compile:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  }
  const artifacts: Record<string, Artifact> = {};
  for (const file of files) {
    for (const [contractName, c] of Object.entries(output.contracts?.[file] ?? {})) {
      if (c.evm.bytecode.object.length === 0) continue; // interfaces and abstract contracts
      artifacts[contractName] = { contractName, abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` as Hex };
    }
  }
  if (options.cache !== false) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(artifacts));
      renameSync(tmp, cacheFile);
    } catch {
      // the cache is an optimisation only
    }
  }
  return artifacts;
}
