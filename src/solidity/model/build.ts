import { textOf, type SyntaxNode } from '../parse/syntax.js';
import type {
  ContractKind,
  ContractModel,
  FunctionKind,
  FunctionModel,
  Mutability,
  Parameter,
  SourceUnit,
  StateVariable,
  Visibility,
} from './types.js';

/**
 * Builds contracts with inheritance resolved, their state variables, functions and modifiers, from
 * every source unit of one compilation unit (a file, its embedded parts and its imports).
 */
export function buildContracts(units: SourceUnit[]): { contracts: ContractModel[]; byName: Map<string, ContractModel> } {
  const contracts: ContractModel[] = [];
  const byName = new Map<string, ContractModel>();
  for (const unit of units) {
    for (const node of topLevelDeclarations(unit.root)) {
      const contract = declareContract(unit, node);
      if (!contract) continue;
      contracts.push(contract);
      // Later declarations of the same name (flattened files repeat imports) do not replace earlier ones.
      if (!byName.has(contract.name)) byName.set(contract.name, contract);
    }
  }
  for (const c of contracts) c.linearized = linearize(c, byName);
  for (const c of contracts) resolveMembers(c);
  return { contracts, byName };
}

const CONTRACT_TYPES: Record<string, ContractKind> = {
  contract_declaration: 'contract',
  interface_declaration: 'interface',
  library_declaration: 'library',
};

function topLevelDeclarations(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    for (const c of n.children) {
      if (c.type in CONTRACT_TYPES) out.push(c);
      else if (c.type === 'ERROR') visit(c); // declarations the parser recovered inside an error
    }
  };
  visit(root);
  return out;
}

function declareContract(unit: SourceUnit, node: SyntaxNode): ContractModel | null {
  const nameNode = node.fields.name;
  if (!nameNode) return null;
  const src = unit.text;
  let kind = CONTRACT_TYPES[node.type]!;
  if (kind === 'contract' && /^\s*abstract\b/.test(textOf(src, node))) kind = 'abstract';
  const contract: ContractModel = {
    name: textOf(src, nameNode),
    kind,
    node,
    unit,
    baseNames: [],
    linearized: [],
    ownStateVariables: [],
    stateVariables: new Map(),
    ownFunctions: [],
    functions: [],
    modifiers: new Map(),
    usingLibraries: [],
    structNames: new Set(),
    enumNames: new Set(),
  };
  for (const c of node.children) {
    if (c.type === 'inheritance_specifier') {
      const ancestor = c.fields.ancestor;
      if (ancestor) contract.baseNames.push(textOf(src, ancestor).split('.').pop()!.trim());
    }
  }
  const body = node.fields.body;
  if (!body) return contract;
  for (const member of body.children) {
    switch (member.type) {
      case 'state_variable_declaration':
        contract.ownStateVariables.push(stateVariable(src, member, contract));
        break;
      case 'function_definition':
      case 'constructor_definition':
      case 'fallback_receive_definition':
      case 'modifier_definition':
        contract.ownFunctions.push(functionModel(src, member, contract, unit));
        break;
      case 'using_directive':
        for (const alias of member.children) if (alias.type === 'type_alias') contract.usingLibraries.push(textOf(src, alias));
        break;
      case 'struct_declaration':
        if (member.fields.name) contract.structNames.add(textOf(src, member.fields.name));
        break;
      case 'enum_declaration':
        if (member.fields.name) contract.enumNames.add(textOf(src, member.fields.name));
        break;
    }
  }
  return contract;
}

function stateVariable(src: string, node: SyntaxNode, contract: ContractModel): StateVariable {
  const type = node.fields.type;
  const typeText = type ? textOf(src, type) : '';
  // Keywords between the type and the name: `uint public constant X`.
  const head = type && node.fields.name ? src.slice(type.endIndex, node.fields.name.startIndex) : '';
  const visibility = /\bpublic\b/.test(head) ? 'public' : /\bprivate\b/.test(head) ? 'private' : /\binternal\b/.test(head) ? 'internal' : null;
  return {
    name: node.fields.name ? textOf(src, node.fields.name) : '',
    typeText,
    node,
    contract,
    visibility,
    isConstant: /\bconstant\b/.test(head),
    isImmutable: /\bimmutable\b/.test(head),
    isMapping: /^\s*mapping\b/.test(typeText),
    isArray: /\]\s*$/.test(typeText),
    initialValue: node.fields.value ?? null,
  };
}

function parameters(src: string, nodes: SyntaxNode[]): Parameter[] {
  return nodes.map((p) => ({
    name: p.fields.name ? textOf(src, p.fields.name) : null,
    typeText: p.fields.type ? textOf(src, p.fields.type) : '',
    node: p,
    location: (p.tokens.location as Parameter['location']) ?? null,
  }));
}

function functionModel(src: string, node: SyntaxNode, contract: ContractModel, unit: SourceUnit): FunctionModel {
  let kind: FunctionKind;
  let name: string;
  const text = textOf(src, node);
  if (node.type === 'constructor_definition') {
    kind = 'constructor';
    name = 'constructor';
  } else if (node.type === 'modifier_definition') {
    kind = 'modifier';
    name = node.fields.name ? textOf(src, node.fields.name) : '';
  } else if (node.type === 'fallback_receive_definition') {
    kind = /^\s*receive\b/.test(text) ? 'receive' : 'fallback';
    name = kind;
  } else {
    name = node.fields.name ? textOf(src, node.fields.name) : '';
    kind = 'function';
    if (name === '') kind = 'fallback'; // `function () payable` before 0.6
    else if (name === contract.name && (unit.solidityMinor === null || unit.solidityMinor < 5)) kind = 'constructor';
  }
  const visibilityNode = node.children.find((c) => c.type === 'visibility');
  const header = node.fields.body ? src.slice(node.startIndex, node.fields.body.startIndex) : text;
  let visibility: Visibility = visibilityNode ? (textOf(src, visibilityNode) as Visibility) : 'public';
  // The grammar does not keep `public`/`internal` on constructors as a node.
  if (!visibilityNode && kind === 'constructor' && /\binternal\b/.test(header)) visibility = 'internal';
  if (kind === 'modifier') visibility = 'internal';
  const mutabilityNode = node.children.find((c) => c.type === 'state_mutability');
  let mutability: Mutability = 'nonpayable';
  if (mutabilityNode) {
    const m = textOf(src, mutabilityNode);
    mutability = m === 'constant' ? 'view' : (m as Mutability);
  } else if (/\bpayable\b/.test(header)) mutability = 'payable';
  // The grammar reads the pre-0.5 `constant` function keyword as a modifier invocation.
  const isConstantKeyword = (m: SyntaxNode) => textOf(src, m).trim() === 'constant';
  if (!mutabilityNode && node.children.some((c) => c.type === 'modifier_invocation' && isConstantKeyword(c))) mutability = 'view';
  const params = parameters(src, node.children.filter((c) => c.type === 'parameter'));
  const returnNode = node.fields.return_type;
  const returns = returnNode ? parameters(src, returnNode.children.filter((c) => c.type === 'parameter')) : [];
  const modifiers = node.children
    .filter((c) => c.type === 'modifier_invocation' && !isConstantKeyword(c))
    .map((m) => ({ name: textOf(src, m.children[0] ?? m).split('(')[0]!.trim(), node: m, definition: null }));
  const isEntryPoint =
    kind !== 'constructor' && kind !== 'modifier' && (visibility === 'public' || visibility === 'external' || kind === 'fallback' || kind === 'receive');
  return {
    name,
    kind,
    contract,
    node,
    body: node.fields.body ?? null,
    visibility,
    explicitVisibility: Boolean(visibilityNode),
    mutability,
    modifiers,
    params,
    returns,
    isEntryPoint,
  };
}

/** C3-style linearisation, simplified: depth-first from the most derived base, each contract once. */
function linearize(contract: ContractModel, byName: Map<string, ContractModel>): ContractModel[] {
  const out: ContractModel[] = [];
  const seen = new Set<ContractModel>();
  const visit = (c: ContractModel, depth: number) => {
    if (seen.has(c) || depth > 64) return;
    seen.add(c);
    out.push(c);
    // Solidity lists bases from most base-like to most derived: the last one is searched first.
    for (let i = c.baseNames.length - 1; i >= 0; i--) {
      const base = byName.get(c.baseNames[i]!);
      if (base) visit(base, depth + 1);
    }
  };
  visit(contract, 0);
  return out;
}

function signature(f: FunctionModel): string {
  return `${f.kind}:${f.name}/${f.params.length}`;
}

function resolveMembers(contract: ContractModel): void {
  const seenSignatures = new Set<string>();
  // A declaration without a body (an interface's) never hides an implementation: the simplified
  // linearisation can put `IERC20` before `ERC20` (`contract T is ERC20, ERC20Detailed` in OpenZeppelin 2.x,
  // where ERC20Detailed is IERC20).
  const implemented = new Set(contract.linearized.flatMap((c) => c.ownFunctions.filter((f) => f.body).map(signature)));
  for (const c of contract.linearized) {
    for (const v of c.ownStateVariables) if (!contract.stateVariables.has(v.name)) contract.stateVariables.set(v.name, v);
    for (const f of c.ownFunctions) {
      if (f.kind === 'modifier') {
        if (!contract.modifiers.has(f.name)) contract.modifiers.set(f.name, f);
        continue;
      }
      // Constructors of bases are not callable on the derived contract but run at deployment.
      if (f.kind === 'constructor' && c !== contract) continue;
      const sig = signature(f);
      if (seenSignatures.has(sig) || (!f.body && implemented.has(sig))) continue;
      seenSignatures.add(sig);
      contract.functions.push(f);
    }
    for (const lib of c.usingLibraries) if (!contract.usingLibraries.includes(lib)) contract.usingLibraries.push(lib);
    for (const s of c.structNames) contract.structNames.add(s);
    for (const e of c.enumNames) contract.enumNames.add(e);
  }
  for (const f of contract.ownFunctions) {
    for (const m of f.modifiers) m.definition = contract.modifiers.get(m.name) ?? null;
  }
}
