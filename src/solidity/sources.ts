import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES, InputError } from '../core/errors.js';
import { parseSolidityText } from './parse/tree-sitter.js';
import type { SourceUnit } from './model/types.js';

/**
 * Reading Solidity sources safely: size limits, binary detection, invalid UTF-8, Etherscan's multi-file
 * JSON, and relative imports.
 */

export interface ReadWarning {
  file: string;
  message: string;
}

export interface ReadOptions {
  maxFileBytes: number;
}

/** Reads a file as text; throws InputError for files that are too large, binary, or unreadable. */
export function readSourceText(file: string, options: ReadOptions, warnings: ReadWarning[] = []): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(ERROR_CODES.FILE_UNREADABLE, file, `${file} is a directory`);
    size = st.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(ERROR_CODES.FILE_NOT_FOUND, file, `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (size > options.maxFileBytes) {
    throw new InputError(ERROR_CODES.FILE_TOO_LARGE, file, `${file} is ${formatBytes(size)}, over the ${formatBytes(options.maxFileBytes)} limit (audit.maxFileBytes)`, { size });
  }
  const bytes = readFileSync(file);
  if (looksBinary(bytes)) {
    throw new InputError(ERROR_CODES.NOT_TEXT, file, `${file} is not a text file (binary content); skipped`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    warnings.push({ file, message: `${file} is not valid UTF-8; invalid bytes were replaced with U+FFFD and the rest audited` });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

/** NUL bytes, or more than 10% control characters in the first 8 KB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return n > 0 && control / n > 0.1;
}

/**
 * Etherscan publishes multi-file sources as JSON: `{"A.sol": {"content": "..."}}` or a standard-JSON input
 * `{"language": "Solidity", "sources": {...}}`. Returns the embedded files, or null for plain Solidity.
 */
export function embeddedSources(text: string): Array<{ name: string; content: string }> | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return null;
  let json: unknown;
  try {
    json = JSON.parse(trimmed.startsWith('{{') ? trimmed.slice(1, -1) : trimmed);
  } catch {
    return null;
  }
  if (!json || typeof json !== 'object') return null;
  const record = json as Record<string, unknown>;
  const sources = (record.sources && typeof record.sources === 'object' ? record.sources : record) as Record<string, unknown>;
  const out: Array<{ name: string; content: string }> = [];
  for (const [name, entry] of Object.entries(sources)) {
    const content = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).content : undefined;
    if (typeof content === 'string') out.push({ name, content });
  }
  return out.length > 0 ? out : null;
}

/** `pragma solidity ^0.4.24;` → '^0.4.24' and minor 4. */
export function pragmaOf(text: string): { pragma: string | null; minor: number | null } {
  const m = /pragma\s+solidity\s+([^;]+);/.exec(text);
  if (!m) return { pragma: null, minor: null };
  const pragma = m[1]!.trim();
  const versions = [...pragma.matchAll(/0\.(\d+)(?:\.(\d+))?/g)].map((v) => Number(v[1]));
  // `>=0.4.22 <0.6.0`: the lower bound is the version the author wrote against.
  const minor = versions.length > 0 ? versions[0]! : null;
  return { pragma, minor };
}

export async function parseUnit(pathLabel: string, text: string): Promise<SourceUnit> {
  const { root, problems, maxDepth } = await parseSolidityText(text);
  const { pragma, minor } = pragmaOf(text);
  return { path: pathLabel, text, root, problems, pragma, solidityMinor: minor, maxDepth };
}

const IMPORT_RE = /^\s*import\s+(?:[^'"]*\bfrom\s+)?["']([^"']+)["']/gm;

/**
 * Loads a file and, for inheritance, the files it imports by relative path or from node_modules,
 * transitively (at most `limit` files). Only the first unit(s) belong to the audited file.
 */
export async function loadCompilationUnit(
  file: string,
  displayPath: string,
  options: ReadOptions & { cwd: string; limit?: number },
  warnings: ReadWarning[],
): Promise<{ own: SourceUnit[]; imported: SourceUnit[] }> {
  const text = readSourceText(file, options, warnings);
  const embedded = embeddedSources(text);
  const own: SourceUnit[] = [];
  if (embedded) {
    for (const part of embedded) own.push(await parseUnit(`${displayPath}#${part.name}`, part.content));
  } else {
    own.push(await parseUnit(displayPath, text));
  }
  const imported: SourceUnit[] = [];
  if (embedded) return { own, imported };
  const seen = new Set<string>([path.resolve(file)]);
  const queue: Array<[string, string]> = [[path.resolve(file), text]];
  const limit = options.limit ?? 64;
  while (queue.length > 0 && seen.size < limit) {
    const [from, content] = queue.shift()!;
    for (const m of content.matchAll(IMPORT_RE)) {
      const spec = m[1]!;
      const resolved = resolveImport(spec, from, options.cwd);
      if (!resolved || seen.has(resolved)) continue;
      seen.add(resolved);
      try {
        const importedText = readSourceText(resolved, options, []);
        imported.push(await parseUnit(path.relative(options.cwd, resolved), importedText));
        queue.push([resolved, importedText]);
      } catch {
        // An unreadable import only costs inheritance information; the audited file still runs.
      }
    }
  }
  return { own, imported };
}

function resolveImport(spec: string, from: string, cwd: string): string | null {
  const candidates = spec.startsWith('.') ? [path.resolve(path.dirname(from), spec)] : [path.resolve(cwd, 'node_modules', spec), path.resolve(cwd, spec)];
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}
