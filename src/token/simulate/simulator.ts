/**
 * A long-lived trade simulator: one forked node, re-forked per token (see fork.ts), so that checking a
 * token costs the trades, not a node start. Tokens are checked one at a time: they share the node.
 */
import type { Address } from 'viem';
import type { TradeSimulation } from '../types.js';
import { Fork, type ForkOptions } from '../../evm/fork.js';
import { simulateTrades, type TradeOptions } from './trade.js';

export class TradeSimulator {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly fork: Fork) {}

  static async start(options: ForkOptions): Promise<TradeSimulator> {
    return new TradeSimulator(await Fork.start(options));
  }

  /** Simulates trades of `token` on a clean fork of `block` (default: the upstream's head now). */
  check(token: Address, options: TradeOptions & { block?: number }): Promise<TradeSimulation> {
    const run = async () => {
      await this.fork.reset({ blockNumber: options.block });
      return simulateTrades(this.fork.rpcUrl, token, options);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  stop(): Promise<void> {
    return this.fork.stop();
  }
}
