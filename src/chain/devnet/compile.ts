/**
 * Compiles the devnet's own Solidity (contracts/ at the package root) through the one solc service
 * (src/evm/solc.ts), which caches the output so a second start skips solc (~1 s).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { packageRoot } from '../../core/package-root.js';
import { compileSolidity, SolcError } from '../../evm/solc.js';
import type { Artifact } from './artifacts.js';

/** The sources compiled for the devnet, relative to the package root. */
export const DEVNET_SOURCES = ['contracts/tokens/DevToken.sol'] as const;

/**
 * Compiles DEVNET_SOURCES (or `options.sources`, paths relative to the package root, e.g. the attack
 * scenarios' contracts); returns every deployable contract by name.
 */
export async function compileDevContracts(options: { cache?: boolean; sources?: readonly string[]; evmVersion?: string } = {}): Promise<Record<string, Artifact>> {
  const root = packageRoot();
  const files = options.sources ?? DEVNET_SOURCES;
  const sources: Record<string, string> = {};
  for (const file of files) sources[file] = readFileSync(path.join(root, file), 'utf8');
  let compiled;
  try {
    compiled = compileSolidity({ sources, outputs: ['abi', 'evm.bytecode.object'], cache: options.cache !== false, evmVersion: options.evmVersion });
  } catch (error) {
    if (error instanceof SolcError) throw new ArgusError(ERROR_CODES.DEVNET, `the devnet contracts do not compile:\n${error.messages.join('\n')}`);
    throw error;
  }
  const artifacts: Record<string, Artifact> = {};
  for (const c of compiled) {
    if (!c.bytecode || !c.abi) continue; // interfaces and abstract contracts
    artifacts[c.name] = { contractName: c.name, abi: c.abi, bytecode: c.bytecode };
  }
  return artifacts;
}
