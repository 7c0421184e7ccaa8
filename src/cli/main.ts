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
import { proposalCommand } from './proposal-command.js';
import { urlCommand } from './url-command.js';
import { postCommand } from './post-command.js';
import { serveCommand } from './serve-command.js';
import { demoCommand } from './demo-command.js';
import { guardCommand } from './guard-command.js';
import { complianceCommand } from './compliance-command.js';
import { detectCommand, ingestCommand } from './bus-commands.js';
import { fedCommand } from './fed-command.js';
import { privacyCommand } from './privacy-command.js';
import { protocolCommand } from './protocol-command.js';
import { DomainChecker } from '../fraud/domains/index.js';

/**
 * Exit codes (README, "Exit codes"): 0 done; 1 findings at or above --fail-on; 2 bad usage, bad config or
 * bad input only (running it again unchanged fails the same way, so a supervisor should not restart it);
 * 3 an internal error (a bug); 4 the store (a damaged, unreadable or unwritable SQLite file); 5 the chain
 * (a node that answered but cannot be used: pruned state, a reorg deeper than the stream keeps, a devnet
 * that could not start; or an RPC failure of a one-off command).
 */
const USAGE_EXIT = 2;
const INTERNAL_EXIT = 3;
const STORE_EXIT = 4;
const CHAIN_EXIT = 5;

function exitCodeOf(error: ArgusError): number {
  switch (error.code) {
    case ERROR_CODES.INTERNAL:
      return INTERNAL_EXIT;
    case ERROR_CODES.STORE:
      return STORE_EXIT;
    case ERROR_CODES.RPC:
    case ERROR_CODES.RPC_PRUNED:
    case ERROR_CODES.STREAM:
    case ERROR_CODES.DEVNET:
      return CHAIN_EXIT;
    default:
      return USAGE_EXIT;
  }
}

/**
 * The reader of stdout went away (`argus url --file … --json | head -2`): that is not an error, so every
 * command stops quietly with exit code 0 instead of dying on an unhandled EPIPE. A command that runs until
 * stopped (devnet, watch, simulate, serve, demo) listens for SIGTERM: it gets one, and stops its node,
 * stores and server as on Ctrl-C. Any other command has nothing more to show and exits at once.
 * stderr's reader going away (`2>&1 | head`) is ignored the same way: there is nowhere left to say anything.
 */
function exitQuietlyWhenTheReaderGoes(): void {
  let gone = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (gone) return; // later writes to the closed pipe
    if (error.code !== 'EPIPE') throw error;
    gone = true;
    process.once('exit', () => {
      process.exitCode = 0;
    });
    if (process.listenerCount('SIGTERM') === 0) process.exit(0);
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(0), 10_000).unref(); // in case stopping hangs
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
exitQuietlyWhenTheReaderGoes();

const program = new Command('argus')
  .description('Argus: Web3 security. Audit Solidity, watch chains, check tokens, links and posts.')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride();
// A post's links go through the same domain analysis as `argus url` (one checker, built on first use).
let domains: DomainChecker | undefined;
const checkUrl = (url: string) => (domains ??= new DomainChecker()).check(url);

for (const command of [auditCommand(), detectorsCommand(), devnetCommand(), simulateCommand(), watchCommand(), tokenCommand(), urlCommand(), postCommand({ checkUrl }), serveCommand(), demoCommand(), complianceCommand(), ingestCommand(), detectCommand()]) {
  // addCommand does not pass these settings down: without them a usage error would exit 1.
  program.addCommand(command.exitOverride().showHelpAfterError());
}
program.addCommand(guardCommand().exitOverride().showHelpAfterError());
program.addCommand(fedCommand().exitOverride().showHelpAfterError());
program.addCommand(privacyCommand().exitOverride().showHelpAfterError());
program.addCommand(proposalCommand().exitOverride().showHelpAfterError());
program.addCommand(protocolCommand().exitOverride().showHelpAfterError());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : USAGE_EXIT;
  } else if (error instanceof ArgusError) {
    process.stderr.write(`${pc.red('argus:')} ${error.message} ${pc.dim(`[${error.code}]`)}\n`);
    process.exitCode = exitCodeOf(error);
  } else {
    process.stderr.write(`${pc.red('argus: internal error:')} ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = INTERNAL_EXIT;
  }
}
