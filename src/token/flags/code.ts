/**
 * Token flags from any code a user hands over, whatever it is (`evm/code-kind.ts`): creation code is run to
 * get the runtime code it deploys, a tiny proxy is said to be one (with the implementation it forwards to,
 * whose code the caller can fetch from a chain), and runtime code is analysed as it is.
 */
import { creationSegment, runtimeFromCreation, tinyProxy, type DelegationTarget } from '../../evm/code-kind.js';
import { unknownFlags, type TokenFlags } from '../types.js';
import { analyzeBytecode } from './bytecode.js';

export interface CodeAnalysis {
  flags: TokenFlags;
  kind: 'runtime' | 'creation' | 'proxy';
  /** The runtime code analysed (the deployed code of creation code). */
  runtime: string;
  /** For a tiny proxy: where its calls go. */
  proxy?: DelegationTarget;
  /** What was done with the code, in plain words (for the report's notes). */
  notes: string[];
}

export interface CodeOptions {
  /** Runs a creation transaction (`eth_call` without a recipient) on a chain; default: the in-process EVM. */
  call?: (tx: { from: string; data: string }) => Promise<string>;
}

/** A tiny proxy's flags: it is a proxy; nothing else can be told from its own code. */
function proxyFlags(p: DelegationTarget): TokenFlags {
  const flags = unknownFlags();
  const where = p.address ? `the code at ${p.address}, fixed in the proxy (it cannot be upgraded)` : `the address in storage slot 0x${p.slot}, which can be changed`;
  flags.is_proxy = { value: true, evidence: [{ from: 'bytecode', detail: `${p.eip1167 ? 'EIP-1167 minimal proxy' : 'a proxy'} of ${p.size} bytes: every call runs ${where}; the token's behaviour is that code's` }] };
  flags.selfdestruct = { value: false, evidence: [] };
  return flags;
}

export async function analyzeCode(hex: string, options: CodeOptions = {}): Promise<CodeAnalysis> {
  const notes: string[] = [];
  let runtime = hex;
  let kind: CodeAnalysis['kind'] = 'runtime';
  const segment = creationSegment(hex);
  if (segment) {
    kind = 'creation';
    const got = await runtimeFromCreation(hex, segment, options.call);
    runtime = got.runtime;
    notes.push(
      got.how === 'executed'
        ? `creation (deployment) bytecode: the constructor was run in ${options.call ? 'a call on the chain' : 'an in-process EVM'} and the runtime code it deploys (${(runtime.length - 2) / 2} bytes) was analysed`
        : `creation (deployment) bytecode: ${got.reason ?? 'the constructor could not run'}; the runtime code it copies (${segment.length} bytes at offset ${segment.offset}) was analysed, immutables unknown`,
    );
  }
  const proxy = tinyProxy(runtime);
  if (proxy) {
    notes.push(proxy.address ? `the code is ${proxy.eip1167 ? 'an EIP-1167 minimal proxy' : 'a tiny proxy'} of ${proxy.address}: the token's logic is there (give the token's address with --rpc to analyse it)` : `the code is a tiny proxy reading its implementation from storage slot 0x${proxy.slot} (give the token's address with --rpc to analyse it)`);
    return { flags: proxyFlags(proxy), kind: kind === 'creation' ? 'creation' : 'proxy', runtime, proxy, notes };
  }
  return { flags: analyzeBytecode(runtime).flags, kind, runtime, notes };
}

export async function codeFlags(hex: string, options: CodeOptions = {}): Promise<TokenFlags> {
  return (await analyzeCode(hex, options)).flags;
}
