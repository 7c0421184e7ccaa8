/**
 * The one Solidity compile step of the house. Every compiler comes from the npm registry's `solc`
 * packages (solc-js; the default `solc` and versioned aliases such as `solc-0.4.26@npm:solc@0.4.26`),
 * never downloaded at run time. Imports resolve to files of the package (a relative import reaches solc
 * already resolved against the importing file) or to node_modules packages (`@openzeppelin/contracts/…`).
 * Outputs are cached in the OS temp folder under a hash of the compiler version and the whole input.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Abi, Hex } from 'viem';
import { packageRoot } from '../core/package-root.js';

const require = createRequire(import.meta.url);

/** The solc-js API Argus uses (0.4.x names its standard-JSON entry `compileStandardWrapper`). */
interface SolcJs {
  compile?: (input: string, callbacks?: unknown) => string;
  compileStandardWrapper?: (input: string, callback?: unknown) => string;
  version: () => string;
}

export type SolcOutputKind = 'abi' | 'evm.bytecode.object' | 'evm.deployedBytecode.object';

export interface CompileRequest {
  /** Source text by file name (relative to the package root when it imports local files). */
  sources: Record<string, string>;
  /** Compiler version (`0.8.26`, `0.4.26`); the default compiler when absent. See `solcVersionFor`. */
  version?: string;
  optimizer?: { enabled: boolean; runs: number };
  outputs: SolcOutputKind[];
  /** Extra text that changes the output without being in `sources` (imported files), for the cache key. */
  cacheSalt?: string;
  /** Use and fill the temp-folder cache (default true). */
  cache?: boolean;
  /** Target EVM (`shanghai` for a pre-Cancun chain); solc's default when absent. */
  evmVersion?: string;
}

export interface CompiledContract {
  file: string;
  name: string;
  abi?: Abi;
  /** Creation code, 0x-prefixed; empty for interfaces and abstract contracts. */
  bytecode?: Hex;
  /** Runtime code, hex without 0x (as solc gives it). */
  runtime?: string;
}

/** Compiler errors, with solc's own formatted messages. */
export class SolcError extends Error {
  constructor(
    readonly version: string,
    readonly messages: string[],
  ) {
    super(`solc ${version}: ${messages.join('\n')}`);
    this.name = 'SolcError';
  }
}

/** The version of the default compiler (the `solc` dependency, the same build Hardhat pins). */
export function defaultSolcVersion(): string {
  return (require('solc/package.json') as { version: string }).version;
}

/** Every installed compiler version: the default and each `solc-<version>` alias in node_modules. */
export function installedSolcVersions(): string[] {
  const versions = new Set([defaultSolcVersion()]);
  const modules = path.join(path.dirname(require.resolve('solc/package.json')), '..');
  try {
    for (const name of readdirSync(modules)) {
      const m = /^solc-(\d+\.\d+\.\d+)$/.exec(name);
      if (m) versions.add(m[1]!);
    }
  } catch {
    // no node_modules listing: the default compiler only
  }
  return [...versions].sort(compareVersions);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/**
 * The installed compiler that a file's `pragma solidity` accepts: the newest one in the pragma's minor
 * series (`^0.4.24` → 0.4.26, `>=0.5.0 <0.6.0` → 0.5.17), or null when none installed satisfies it.
 * Only the minor series is matched: an exact pin such as `0.4.19` is compiled with that series' newest
 * build, which accepts the same language.
 */
export function solcVersionFor(source: string): string | null {
  const pragma = /pragma\s+solidity\s+([^;]+);/.exec(source)?.[1];
  const installed = installedSolcVersions();
  if (!pragma) return installed.at(-1) ?? null;
  const series = /(\d+)\.(\d+)/.exec(pragma);
  if (!series) return null;
  const minor = `${series[1]}.${series[2]}.`;
  const inSeries = installed.filter((v) => v.startsWith(minor));
  if (inSeries.length > 0) return inSeries.at(-1)!;
  // `>=0.4.22 <0.9.0` and the like: the newest installed compiler under the upper bound.
  const upper = /<\s*(\d+\.\d+\.\d+)/.exec(pragma)?.[1];
  if (/>=?/.test(pragma)) return installed.filter((v) => !upper || compareVersions(v, upper) < 0).at(-1) ?? null;
  return null;
}

const compilers = new Map<string, SolcJs>();

function compilerFor(version: string): SolcJs {
  let solc = compilers.get(version);
  if (!solc) {
    solc = (version === defaultSolcVersion() ? require('solc') : require(`solc-${version}`)) as SolcJs;
    compilers.set(version, solc);
  }
  return solc;
}

/** Reads an import: a file of the package, or `@scope/pkg/rest.sol` / `pkg/rest.sol` from node_modules. */
function readImport(importPath: string): string {
  const local = path.join(packageRoot(), importPath);
  if (!path.isAbsolute(importPath) && existsSync(local)) return readFileSync(local, 'utf8');
  const parts = importPath.split('/');
  const nameParts = importPath.startsWith('@') ? 2 : 1;
  const pkgDir = path.dirname(require.resolve(`${parts.slice(0, nameParts).join('/')}/package.json`));
  return readFileSync(path.join(pkgDir, ...parts.slice(nameParts)), 'utf8');
}

interface SolcOutput {
  errors?: Array<{ severity: string; formattedMessage: string }>;
  contracts?: Record<string, Record<string, { abi?: Abi; evm?: { bytecode?: { object: string }; deployedBytecode?: { object: string } } }>>;
}

/** Compiles `request.sources`; every contract of those files, in file then solc order. Throws `SolcError`. */
export function compileSolidity(request: CompileRequest): CompiledContract[] {
  const version = request.version ?? defaultSolcVersion();
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(request.sources).map(([file, content]) => [file, { content }])),
    settings: { optimizer: request.optimizer ?? { enabled: true, runs: 200 }, outputSelection: { '*': { '*': request.outputs } }, ...(request.evmVersion ? { evmVersion: request.evmVersion } : {}) },
  };
  // Imported library sources are part of the key through their package version.
  let ozVersion = '';
  try {
    ozVersion = (require('@openzeppelin/contracts/package.json') as { version: string }).version;
  } catch {
    // not installed: imports of it would fail anyway
  }
  const useCache = request.cache !== false;
  const key = createHash('sha256').update(JSON.stringify({ version, ozVersion, input, salt: request.cacheSalt ?? '' })).digest('hex').slice(0, 24);
  const cacheFile = path.join(os.tmpdir(), 'argus-solc-cache', `${key}.json`);
  if (useCache && existsSync(cacheFile)) {
    try {
      return JSON.parse(readFileSync(cacheFile, 'utf8')) as CompiledContract[];
    } catch {
      // a damaged cache entry: compile again
    }
  }
  const solc = compilerFor(version);
  const json = JSON.stringify(input);
  const callbacks = {
    import: (p: string) => {
      try {
        return { contents: readImport(p) };
      } catch (error) {
        return { error: `cannot read ${p}: ${(error as Error).message}` };
      }
    },
  };
  const raw = version.startsWith('0.4.') && solc.compileStandardWrapper ? solc.compileStandardWrapper(json, callbacks.import) : solc.compile!(json, callbacks);
  const output = JSON.parse(raw) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new SolcError(version, errors.map((e) => e.formattedMessage));
  const out: CompiledContract[] = [];
  for (const file of Object.keys(request.sources)) {
    for (const [name, c] of Object.entries(output.contracts?.[file] ?? {})) {
      const contract: CompiledContract = { file, name };
      if (c.abi) contract.abi = c.abi;
      if (c.evm?.bytecode) contract.bytecode = (c.evm.bytecode.object ? `0x${c.evm.bytecode.object}` : '') as Hex;
      if (c.evm?.deployedBytecode) contract.runtime = c.evm.deployedBytecode.object;
      out.push(contract);
    }
  }
  if (useCache) {
    try {
      mkdirSync(path.dirname(cacheFile), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(out));
      renameSync(tmp, cacheFile);
    } catch {
      // the cache is an optimisation only
    }
  }
  return out;
}
