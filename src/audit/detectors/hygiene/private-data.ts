import { textOf, unparen } from '../../../solidity/parse/syntax.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import { mentionsAny } from '../../../solidity/dataflow.js';
import { defineDetector } from '../detector.js';

/**
 * Private data on chain (SWC-136): `private` only hides a variable from other contracts; every slot
 * is readable with `eth_getStorageAt`, and the value also travelled in clear in the transaction that
 * set it. Reported when a `private` state variable whose name says it is a secret (password, secret,
 * seed, key, pin, answer, salt, solution, mnemonic…) is written, in a public or external function or
 * the constructor, from a parameter. Names with `hash`/`commit` are skipped: storing a hash is the fix.
 * Keyed on names because "secret" is a matter of intent that only the name records; a private
 * variable holding an ordinary value is not a finding.
 */
const SECRET_WORDS = new Set(['password', 'passwd', 'pass', 'passphrase', 'passcode', 'secret', 'secrets', 'seed', 'key', 'privkey', 'pin', 'answer', 'salt', 'solution', 'mnemonic', 'hidden']);
const SAFE_WORDS = new Set(['hash', 'hashed', 'commit', 'commitment', 'public', 'pub']);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_$]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
}

export function looksSecret(name: string): boolean {
  const w = words(name);
  return w.some((x) => SECRET_WORDS.has(x)) && !w.some((x) => SAFE_WORDS.has(x));
}

export default defineDetector(
  {
    id: 'private-data',
    title: 'Secret stored in a private variable',
    swc: ['SWC-136'],
    dasp: 'other',
    severity: 'info',
    confidence: 0.6,
    description: 'A private state variable named as a secret is set from a function argument. Private state and transaction inputs are public on chain.',
    exploitScenario:
      'The owner sets `password` with a transaction; an attacker reads the argument from the transaction (or the slot with eth_getStorageAt) and passes the password check to claim the prize.',
    recommendation: 'Never put secrets on chain; store a hash and use a commit-reveal scheme, or check signatures instead of shared secrets.',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      const src = contract.unit.text;
      const secrets = contract.ownStateVariables.filter((v) => v.visibility === 'private' && looksSecret(v.name));
      if (secrets.length === 0) continue;
      for (const fn of contract.ownFunctions) {
        if (!fn.body || !(fn.isEntryPoint || fn.kind === 'constructor')) continue;
        const params = new Set(fn.params.map((p) => p.name).filter((n): n is string => n !== null));
        const inputs = new Set([...params, ...analyzeFunction(fn, contract).callerControlled]);
        for (const op of analyzeFunction(fn, contract).operations) {
          if (op.kind !== 'state-write' || op.origin !== fn || !secrets.includes(op.variable)) continue;
          const assign = op.node.parent;
          const value = assign?.type === 'assignment_expression' && assign.fields.left === op.node ? assign.fields.right : op.node.type === 'assignment_expression' ? op.node.fields.right : undefined;
          if (!value || !mentionsAny(unparen(value), inputs, src)) continue;
          report({ node: op.node.type === 'assignment_expression' ? op.node : (assign ?? op.node), unit: contract.unit, contract, fn, message: `Private variable \`${op.variable.name}\` is set from an argument of ${fn.name || fn.kind} (\`${textOf(src, value).trim()}\`); both are readable on chain.` });
        }
      }
    }
  },
);
