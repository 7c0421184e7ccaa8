/**
 * Token flags from any code a user hands over: runtime bytecode, as the analysers read it.
 */
import type { TokenFlags } from '../types.js';
import { analyzeBytecode } from './bytecode.js';

export async function codeFlags(hex: string): Promise<TokenFlags> {
  return analyzeBytecode(hex).flags;
}
