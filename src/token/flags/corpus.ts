/**
 * The token corpus (contracts/token-corpus/) and the scenario tokens, compiled with the installed solc-js to
 * runtime bytecode, and their expected flags: what the tests and `eval/token.ts` measure the analysers on.
 * The runtime code is `evm.deployedBytecode.object`, the code a chain would hold at the token's address.
 * Compilation is cached in the OS temp folder under a hash of the compiler and the input.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../chain/devnet/compile.js';
import type { FlagName } from '../types.js';

const require = createRequire(import.meta.url);

export const CORPUS_DIR = 'contracts/token-corpus';
export const CORPUS_SOURCES = [`${CORPUS_DIR}/Scams.sol`, `${CORPUS_DIR}/Clean.sol`, `${CORPUS_DIR}/Proxy.sol`, `${CORPUS_DIR}/Legacy.sol`, `${CORPUS_DIR}/Reflection.sol`] as const;
export const SCENARIO_SOURCES = ['contracts/scenarios/ScamTokens.sol'] as const;

export interface CompiledToken {
  name: string;
  /** Source path relative to the package root. */
  file: string;
  /** Runtime bytecode, hex without 0x. */
  runtime: string;
}

export type Expected = Partial<Record<FlagName, boolean>>;

export interface ExpectedEntry {
  /** Source file relative to the package root; absent for bytecode-only tokens (WETH9). */
  file?: string;
  /** Where the runtime bytecode comes from when it is not compiled here. */
  bytecode?: string;
  note?: string;
  /** A token of contracts/scenarios/ (the attack scenarios), not of the corpus. */
  scenario?: boolean;
  flags: Expected;
}

/** Reads an import: a file of the package (relative imports resolve to one) or a node_modules package. */
function readImport(root: string, importPath: string): string {
  const local = path.join(root, importPath);
  if (existsSync(local)) return readFileSync(local, 'utf8');
  const parts = importPath.split('/');
  const nameParts = importPath.startsWith('@') ? 2 : 1;
  const pkgDir = path.dirname(require.resolve(`${parts.slice(0, nameParts).join('/')}/package.json`));
  return readFileSync(path.join(pkgDir, ...parts.slice(nameParts)), 'utf8');
}

interface SolcOutput {
  errors?: Array<{ severity: string; formattedMessage: string }>;
  contracts?: Record<string, Record<string, { evm: { deployedBytecode: { object: string } } }>>;
}

/** Compiles `files` (relative to the package root); returns every deployable contract of those files. */
export async function compileRuntime(files: readonly string[]): Promise<CompiledToken[]> {
  const root = packageRoot();
  const sources: Record<string, { content: string }> = {};
  for (const file of files) sources[file] = { content: readFileSync(path.join(root, file), 'utf8') };
  const input = {
    language: 'Solidity',
    sources,
    settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['evm.deployedBytecode.object'] } } },
  };
  const solcVersion = (require('solc/package.json') as { version: string }).version;
  const ozVersion = (require('@openzeppelin/contracts/package.json') as { version: string }).version;
  // Imported local files (lib/) are part of the key through their text.
  const libText = files.map((f) => localImports(root, f)).join('\n');
  const key = createHash('sha256').update(JSON.stringify({ solcVersion, ozVersion, input, libText })).digest('hex').slice(0, 24);
  const cacheFile = path.join(os.tmpdir(), 'argus-solc-cache', `runtime-${key}.json`);
  if (existsSync(cacheFile)) {
    try {
      return JSON.parse(readFileSync(cacheFile, 'utf8')) as CompiledToken[];
    } catch {
      // damaged cache entry: compile again
    }
  }
  const { default: solc } = await import('solc');
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import: (p) => {
        try {
          return { contents: readImport(root, p) };
        } catch (error) {
          return { error: `cannot read ${p}: ${(error as Error).message}` };
        }
      },
    }),
  ) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(`the token corpus does not compile:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  const out: CompiledToken[] = [];
  for (const file of files) {
    for (const [name, c] of Object.entries(output.contracts?.[file] ?? {})) {
      if (c.evm.deployedBytecode.object.length > 0) out.push({ name, file, runtime: c.evm.deployedBytecode.object });
    }
  }
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(out));
    renameSync(tmp, cacheFile);
  } catch {
    // the cache is an optimisation only
  }
  return out;
}

function localImports(root: string, file: string): string {
  const text = readFileSync(path.join(root, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/import\s+[^'"]*["'](\.[^"']+)["']/g)) {
    const p = path.join(path.dirname(path.join(root, file)), m[1]!);
    if (existsSync(p)) out.push(readFileSync(p, 'utf8'));
  }
  return out.join('\n');
}

/** WETH9's runtime code from the Uniswap V2 periphery build (compiled by solc 0.4 upstream). */
export function weth9Runtime(): string {
  const build = require('@uniswap/v2-periphery/build/WETH9.json') as { evm: { deployedBytecode: { object: string } } };
  return build.evm.deployedBytecode.object;
}

export function loadExpected(): Record<string, ExpectedEntry> {
  return JSON.parse(readFileSync(path.join(packageRoot(), CORPUS_DIR, 'expected.json'), 'utf8')) as Record<string, ExpectedEntry>;
}
