import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { SEVERITIES } from './finding.js';
import { LOG_LEVELS } from './logger.js';

/**
 * The validated configuration file (`argus.config.json` in the working directory, or `--config`).
 * Every key is optional; command-line flags override the file.
 */
export const configSchema = z
  .object({
    logLevel: z.enum(LOG_LEVELS).default('warn'),
    audit: z
      .object({
        failOn: z.enum([...SEVERITIES, 'none']).default('high'),
        /** Detector ids to skip, e.g. `audit/timestamp-dependence`. */
        exclude: z.array(z.string()).default([]),
        /** Optional detectors to turn on, e.g. `floating-pragma`, or `all`. */
        include: z.array(z.string()).default([]),
        /** Findings under this confidence are dropped. */
        minConfidence: z.number().min(0).max(1).default(0),
        /** Files larger than this are reported and skipped. */
        maxFileBytes: z.number().int().positive().default(8 * 1024 * 1024),
        /** Worker threads; 0 means one per core. */
        workers: z.number().int().min(0).max(256).default(0),
        ignore: z.array(z.string()).default(['**/node_modules/**', '**/.git/**']),
      })
      .strict()
      
      .default({ failOn: 'high', exclude: [], include: [], minConfidence: 0, maxFileBytes: 8 * 1024 * 1024, workers: 0, ignore: ['**/node_modules/**', '**/.git/**'] }),
    fraud: z
      .object({
        /** Your or your team's own domains: `argus url` and the API call them benign before any other check. */
        allow: z.array(z.string().min(1).max(253)).default([]),
        /** Allowlist files (plain, hosts, MetaMask or polkadot-js format), relative to the working directory. */
        allowlistFiles: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ allow: [], allowlistFiles: [] }),
  })
  .strict();

export type ArgusConfig = z.infer<typeof configSchema>;

export const DEFAULT_CONFIG_FILE = 'argus.config.json';

/** Parses and validates a config object; throws ConfigError naming every bad key. */
export function parseConfig(input: unknown, source = 'config'): ArgusConfig {
  const result = configSchema.safeParse(input ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid ${source}: ${problems.join('; ')}`, { source, problems });
  }
  return result.data;
}

/** Loads `file` (or the default file in `cwd` when it exists); defaults when there is none. */
export function loadConfig(file?: string, cwd = process.cwd()): ArgusConfig {
  const target = file ? path.resolve(cwd, file) : path.join(cwd, DEFAULT_CONFIG_FILE);
  if (!existsSync(target)) {
    if (file) throw new ConfigError(`Config file not found: ${file}`, { file });
    return parseConfig({});
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(target, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Config file ${target} is not valid JSON: ${(error as Error).message}`, { file: target });
  }
  return parseConfig(raw, target);
}
