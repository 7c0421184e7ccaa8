import type { SyntaxNode } from '../parse/syntax.js';
import type { SyntaxProblem } from '../parse/tree-sitter.js';

/** One parsed Solidity source: a file, or one file inside an Etherscan multi-file JSON. */
export interface SourceUnit {
  /** The path reported to users; `outer.json#Inner.sol` for a file inside a multi-file JSON. */
  path: string;
  text: string;
  root: SyntaxNode;
  problems: SyntaxProblem[];
  /** The `pragma solidity` constraint, e.g. `^0.4.24`, or null. */
  pragma: string | null;
  /** Best guess of the compiler's minor version (4 for `^0.4.24`), or null when there is no pragma. */
  solidityMinor: number | null;
  /** Deepest nesting of the syntax tree. */
  maxDepth: number;
}

export type ContractKind = 'contract' | 'abstract' | 'interface' | 'library';

export interface StateVariable {
  name: string;
  typeText: string;
  node: SyntaxNode;
  contract: ContractModel;
  /** Visibility as written, or null when none is written (internal by default). */
  visibility: 'public' | 'internal' | 'private' | null;
  isConstant: boolean;
  isImmutable: boolean;
  isMapping: boolean;
  isArray: boolean;
  initialValue: SyntaxNode | null;
}

export interface Parameter {
  name: string | null;
  typeText: string;
  node: SyntaxNode;
  location: 'memory' | 'storage' | 'calldata' | null;
}

export type FunctionKind = 'function' | 'constructor' | 'fallback' | 'receive' | 'modifier';
export type Visibility = 'public' | 'external' | 'internal' | 'private';
export type Mutability = 'pure' | 'view' | 'payable' | 'nonpayable';

export interface ModifierUse {
  name: string;
  node: SyntaxNode;
  /** The modifier's definition when it is known (same compilation unit). */
  definition: FunctionModel | null;
}

export interface FunctionModel {
  name: string;
  kind: FunctionKind;
  contract: ContractModel;
  node: SyntaxNode;
  body: SyntaxNode | null;
  visibility: Visibility;
  /** False when no visibility is written (public by default before 0.5). */
  explicitVisibility: boolean;
  mutability: Mutability;
  modifiers: ModifierUse[];
  params: Parameter[];
  returns: Parameter[];
  /** Reachable by an outside transaction: public, external, fallback or receive, and not a constructor. */
  isEntryPoint: boolean;
}

export interface ContractModel {
  name: string;
  kind: ContractKind;
  node: SyntaxNode;
  unit: SourceUnit;
  baseNames: string[];
  /** Self first, then bases from most to least derived. */
  linearized: ContractModel[];
  ownStateVariables: StateVariable[];
  /** Every state variable visible in the contract, inherited ones included. */
  stateVariables: Map<string, StateVariable>;
  ownFunctions: FunctionModel[];
  /** Functions callable on the contract, inherited ones included; the most derived override wins. */
  functions: FunctionModel[];
  modifiers: Map<string, FunctionModel>;
  /** Libraries attached with `using X for Y`. */
  usingLibraries: string[];
  structNames: Set<string>;
  enumNames: Set<string>;
}

export type ExternalCallKind = 'call' | 'send' | 'transfer' | 'delegatecall' | 'callcode' | 'staticcall' | 'high-level';

export interface ExternalCall {
  kind: ExternalCallKind;
  /** The whole call expression, options and value included. */
  node: SyntaxNode;
  /** The address or contract expression being called. */
  target: SyntaxNode;
  /** The ether value sent, when the call sends any. */
  value: SyntaxNode | null;
  /** For high-level calls: the called function's name. */
  method: string | null;
  args: SyntaxNode[];
  /** How the call's result is used: ignored, or checked (require, if, assigned and later used). */
  result: 'ignored' | 'checked' | 'assigned';
}

interface OperationBase {
  node: SyntaxNode;
  /** Loops (for, while, do) around the operation inside its function, innermost last. */
  loops: SyntaxNode[];
  /** Inside an `unchecked { }` block. */
  unchecked: boolean;
  /** Inside a branch of an if, a ternary, or a short-circuit operator. */
  conditional: boolean;
  /** The function whose body holds the node (differs from the analysed one for inlined calls). */
  origin: FunctionModel;
}

export type Operation =
  | (OperationBase & { kind: 'external-call'; call: ExternalCall })
  | (OperationBase & { kind: 'state-write'; variable: StateVariable })
  | (OperationBase & { kind: 'state-read'; variable: StateVariable })
  | (OperationBase & { kind: 'internal-call'; target: FunctionModel })
  | (OperationBase & { kind: 'guard'; condition: SyntaxNode })
  | (OperationBase & { kind: 'selfdestruct' })
  | (OperationBase & { kind: 'assembly'; builtin: string });

export interface FunctionAnalysis {
  /** Operations of the body (modifier code before and after `_` included), in evaluation order. */
  operations: Operation[];
  /**
   * Operations with internal calls expanded (callees inlined once, to a bounded depth): the order
   * that matters for reentrancy.
   */
  flattened: Operation[];
  /** Local names (parameters, returns, declared variables) that shadow state variables. */
  locals: Set<string>;
  /** Locals whose value the caller controls (parameters and what is computed from them). */
  callerControlled: Set<string>;
  /** Storage-pointer locals and the state variable they point into. */
  storageAliases: Map<string, StateVariable>;
  /** The function checks the caller's identity (msg.sender or tx.origin) before it acts. */
  senderGuarded: boolean;
  /** Functions this one calls internally (direct). */
  callees: FunctionModel[];
}

/** Everything the detectors see of one input file. */
export interface AnalysisContext {
  /** The file being audited; findings outside it are dropped. */
  file: string;
  units: SourceUnit[];
  /** The audited file's own units (itself, or its parts in a multi-file JSON), not its imports. */
  ownUnits: SourceUnit[];
  contracts: ContractModel[];
  /** Contracts by name across the compilation unit (the file, its JSON parts and its imports). */
  contractsByName: Map<string, ContractModel>;
}
