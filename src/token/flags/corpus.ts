/**
 * The token corpus (contracts/token-corpus/) and the scenario tokens, compiled with the installed solc-js to
 * runtime bytecode, and their expected flags: what the tests and `eval/token.ts` measure the analysers on.
 * The runtime code is `evm.deployedBytecode.object`, the code a chain would hold at the token's address.
 * Compilation goes through the one solc service (src/evm/solc.ts), which caches it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { compileSolidity } from '../../evm/solc.js';
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

/** Compiles `files` (relative to the package root); returns every deployable contract of those files. */
export async function compileRuntime(files: readonly string[]): Promise<CompiledToken[]> {
  const root = packageRoot();
  const sources: Record<string, string> = {};
  for (const file of files) sources[file] = readFileSync(path.join(root, file), 'utf8');
  // Imported local files (lib/) are part of the cache key through their text.
  const cacheSalt = files.map((f) => localImports(root, f)).join('\n');
  const compiled = compileSolidity({ sources, outputs: ['evm.deployedBytecode.object'], cacheSalt });
  return compiled.filter((c) => c.runtime).map((c) => ({ name: c.name, file: c.file, runtime: c.runtime! }));
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
