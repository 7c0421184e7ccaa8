/**
 * The Solidity dialect an injected snippet is written in. Hosts of the wild sample are 0.4 and 0.5
 * files; a snippet is rendered in the host's dialect, and the families that exist to test 0.8 syntax
 * (`call{value:}`, `unchecked`, `payable(...)`) render in 0.8 whatever the host (see generate.ts).
 */
export type Dialect = '0.4' | '0.5' | '0.8';

export interface Syntax {
  dialect: Dialect;
  /** ` payable` where an address that receives ether must say so (0.5+), '' in 0.4. */
  ap: string;
  /** msg.sender as a payable address. */
  sender: string;
  /** The current block's timestamp in this dialect's usual spelling. */
  now: string;
  /** The contract's own balance. */
  balance: string;
  /** Converts an address expression to a payable one (identity in 0.4). */
  payable(expr: string): string;
  /** A statement declaring `bool <ok>` from a low-level call forwarding `value` (and `data`, default empty). */
  callValue(target: string, value: string, ok: string, data?: string): string;
  /** A statement declaring `bool <ok>` from a low-level call with data and no value. */
  callData(target: string, data: string, ok: string): string;
  /** A low-level call with value as an expression statement whose result is dropped. */
  callValueIgnored(target: string, value: string): string;
  /** `bytes memory` (0.5+) or `bytes` (0.4) for a parameter. */
  bytesParam: string;
  /** `view` in 0.4.17+ and later; 0.4 hosts also accept it. */
  view: string;
  /** Wraps statements in `unchecked { }` in 0.8, plain in older dialects (where arithmetic wraps anyway). */
  unchecked(body: string): string;
  /** A revert statement. */
  fail: string;
}

export function syntaxFor(dialect: Dialect): Syntax {
  const v04 = dialect === '0.4';
  const v08 = dialect === '0.8';
  return {
    dialect,
    ap: v04 ? '' : ' payable',
    sender: v08 ? 'payable(msg.sender)' : 'msg.sender',
    now: v08 ? 'block.timestamp' : 'now',
    balance: v04 ? 'this.balance' : 'address(this).balance',
    payable: (expr) => (v04 ? expr : v08 ? `payable(${expr})` : `address(uint160(${expr}))`),
    callValue: (target, value, ok, data = '""') =>
      v04
        ? `bool ${ok} = ${target}.call.value(${value})(${data === '""' ? '' : data});`
        : v08
          ? `(bool ${ok}, ) = ${target}.call{value: ${value}}(${data});`
          : `(bool ${ok}, ) = ${target}.call.value(${value})(${data});`,
    callData: (target, data, ok) => (v04 ? `bool ${ok} = ${target}.call(${data});` : `(bool ${ok}, ) = ${target}.call(${data});`),
    callValueIgnored: (target, value) => (v04 ? `${target}.call.value(${value})();` : v08 ? `${target}.call{value: ${value}}("");` : `${target}.call.value(${value})("");`),
    bytesParam: v04 ? 'bytes' : 'bytes memory',
    view: 'view',
    unchecked: (body) => (v08 ? `unchecked { ${body} }` : body),
    fail: 'revert()',
  };
}
