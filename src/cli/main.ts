#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { auditCommand } from './audit-command.js';
import { detectorsCommand } from './detectors-command.js';
import { devnetCommand } from './devnet-command.js';
import { simulateCommand } from './simulate-command.js';
import { watchCommand } from './watch-command.js';
import { tokenCommand } from './token-command.js';
import { urlCommand } from './url-command.js';
import { postCommand } from './post-command.js';
import { serveCommand } from './serve-command.js';
import { demoCommand } from './demo-command.js';
import { DomainChecker } from '../fraud/domains/index.js';

/** Exit code 2: bad usage, bad config or no input; 1 is reserved for "findings at or above --fail-on". */
const USAGE_EXIT = 2;

const program = new Command('argus')
  .description('Argus: Web3 security. Audit Solidity, watch chains, check tokens, links and posts.')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride();
// A post's links go through the same domain analysis as `argus url` (one checker, built on first use).
let domains: DomainChecker | undefined;
const checkUrl = (url: string) => (domains ??= new DomainChecker()).check(url);

for (const command of [auditCommand(), detectorsCommand(), devnetCommand(), simulateCommand(), watchCommand(), tokenCommand(), urlCommand(), postCommand({ checkUrl }), serveCommand(), demoCommand()]) {
  // addCommand does not pass these settings down: without them a usage error would exit 1.
  program.addCommand(command.exitOverride().showHelpAfterError());
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : USAGE_EXIT;
  } else if (error instanceof ArgusError) {
    process.stderr.write(`${pc.red('argus:')} ${error.message} ${pc.dim(`[${error.code}]`)}\n`);
    process.exitCode = error.code === ERROR_CODES.INTERNAL ? 3 : USAGE_EXIT;
  } else {
    process.stderr.write(`${pc.red('argus: internal error:')} ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 3;
  }
}
