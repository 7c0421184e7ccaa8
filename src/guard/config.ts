/**
 * The guard's policy file (`argus guard --policy FILE`, JSON): allow-lists and thresholds. Every key is
 * optional; the defaults are the safe ones (fail closed, a day of blocks for "fresh").
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ArgusError, ERROR_CODES } from '../core/errors.js';

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/u, 'an address (0x and 40 hex digits)');

export const guardPolicySchema = z
  .object({
    /** Contracts trusted as spenders and counterparties (routers, marketplaces, Permit2). */
    trustedSpenders: z.array(address).default([]),
    /** Addresses blocked whatever else is known. */
    blockedAddresses: z.array(address).default([]),
    /** A contract younger than this many blocks is "fresh": no one has had time to vet it (7,200 ≈ a day on Ethereum). */
    freshContractBlocks: z.number().int().min(0).default(7_200),
    /** An outflow of ETH above this (in ETH, from the simulation) is a warning. */
    maxEthLoss: z.number().min(0).default(10),
    /** When the simulation cannot decide (node down, fork broken): block (fail closed) or warn. */
    onSimulationFailure: z.enum(['block', 'warn']).default('block'),
    /** What a warning does: forward it (the default) or block it too. */
    onWarning: z.enum(['forward', 'block']).default('forward'),
    /** Blocks of the upstream's history read at start for each sender's counterparties (address poisoning). */
    historyBlocks: z.number().int().min(0).default(5_000),
    /** Address lists (plain, CSV, JSON) loaded at start: ScamSniffer's drainers, OFAC snapshots, your own. */
    intelFiles: z.array(z.string()).default([]),
    /** The Uniswap V2 DEX used to check that a token bought can be sold again (honeypots); off when absent. */
    dex: z.object({ router: address, factory: address, weth: address, quoteTokens: z.array(address).default([]) }).strict().optional(),
    /** Trust the sender's own earlier counterparties' lookalikes less: minimum hex digits in common at each end. */
    lookalike: z.object({ prefix: z.number().int().min(1).max(20).default(3), suffix: z.number().int().min(1).max(20).default(3) }).strict().default({ prefix: 3, suffix: 3 }),
  })
  .strict();

export type GuardPolicy = z.infer<typeof guardPolicySchema>;
/** What a policy file may hold (every key optional). */
export type GuardPolicyInput = z.input<typeof guardPolicySchema>;

export function parseGuardPolicy(input: unknown, source = 'guard policy'): GuardPolicy {
  const parsed = guardPolicySchema.safeParse(input ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ArgusError(ERROR_CODES.CONFIG, `${source} is not valid: ${problems}`);
  }
  return parsed.data;
}

export function loadGuardPolicy(file: string): GuardPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ArgusError(ERROR_CODES.FILE_NOT_FOUND, `cannot read the guard policy ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ArgusError(ERROR_CODES.CONFIG, `${file} is not JSON: ${(error as Error).message}`);
  }
  return parseGuardPolicy(data, file);
}
