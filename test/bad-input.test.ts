import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli-helpers.js';

/**
 * Bad input gets a clear message and loses nothing: each case runs the real CLI on a real file, beside
 * a good file that must still be audited.
 */
const GOOD = `pragma solidity ^0.4.24;
contract Good {
  address owner;
  function setOwner(address o) public { require(tx.origin == owner); owner = o; }
}
`;

function withGoodFile(): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'Good.sol'), GOOD);
  return dir;
}

function auditJson(dir: string, extra: string[] = []) {
  const r = runCli(['audit', dir, '--format', 'json', '--fail-on', 'none', ...extra]);
  const report = JSON.parse(r.stdout) as { files: Array<{ file: string; parsed: boolean; diagnostics: Array<{ message: string; code: string }>; findings: unknown[] }> };
  const good = report.files.find((f) => f.file.endsWith('Good.sol'));
  return { r, report, good };
}

describe('bad input', () => {
  it('binary garbage with a .sol name is skipped with a clear message; the batch goes on', () => {
    const dir = withGoodFile();
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    writeFileSync(path.join(dir, 'garbage.sol'), bytes);
    const { r, report, good } = auditJson(dir);
    expect(r.status).toBe(0);
    const bad = report.files.find((f) => f.file.endsWith('garbage.sol'))!;
    expect(bad.diagnostics[0]!.code).toBe('ARGUS_NOT_TEXT');
    expect(bad.diagnostics[0]!.message).toMatch(/garbage\.sol is not a text file/);
    expect(r.stderr).toMatch(/garbage\.sol is not a text file/);
    expect(good!.findings.length).toBeGreaterThan(0);
  });

  it('an empty file is reported as empty, not as a crash', () => {
    const dir = withGoodFile();
    writeFileSync(path.join(dir, 'empty.sol'), '');
    const { r, report, good } = auditJson(dir);
    expect(r.status).toBe(0);
    const empty = report.files.find((f) => f.file.endsWith('empty.sol'))!;
    expect(empty.diagnostics.map((d) => d.message).join()).toMatch(/empty\.sol is empty/);
    expect(good!.findings.length).toBeGreaterThan(0);
  });

  it('a 5 MB contract is audited within limits', () => {
    const dir = withGoodFile();
    const fn = (i: number) => `  function f${i}(uint a) public { total += a; if (a > 10) { emit E(a); } }\n`;
    let body = 'pragma solidity ^0.8.0;\ncontract Big {\n  uint total;\n  event E(uint);\n';
    for (let i = 0; body.length < 5 * 1024 * 1024; i++) body += fn(i);
    body += '}\n';
    writeFileSync(path.join(dir, 'big.sol'), body);
    const { r, report, good } = auditJson(dir);
    expect(r.status).toBe(0);
    const big = report.files.find((f) => f.file.endsWith('big.sol'))!;
    expect(big.parsed).toBe(true);
    expect(good!.findings.length).toBeGreaterThan(0);
  });

  it('a file over the size limit is refused with the limit named', () => {
    const dir = withGoodFile();
    writeFileSync(path.join(dir, 'argus.config.json'), JSON.stringify({ audit: { maxFileBytes: 1000 } }));
    writeFileSync(path.join(dir, 'huge.sol'), 'contract A {}\n'.repeat(200));
    const r = runCli(['audit', '.', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/huge\.sol is .* over the 1\.0 KB limit/);
  });

  it('10,000 nested parentheses neither hang nor overflow the stack', () => {
    const dir = withGoodFile();
    const deep = `contract Deep { function f() public pure returns (uint) { return ${'('.repeat(10000)}1${')'.repeat(10000)}; } }`;
    writeFileSync(path.join(dir, 'deep.sol'), deep);
    const { r, report, good } = auditJson(dir);
    expect(r.status).toBe(0);
    expect(r.millis).toBeLessThan(30_000);
    const d = report.files.find((f) => f.file.endsWith('deep.sol'))!;
    expect(d.diagnostics.map((x) => x.message).join()).toMatch(/nested \d+ levels deep/);
    expect(good!.findings.length).toBeGreaterThan(0);
  });

  it('invalid UTF-8 is replaced, warned about, and the contract still audited', () => {
    const dir = tempDir();
    const bytes = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\n' + GOOD)]);
    writeFileSync(path.join(dir, 'Latin1.sol'), bytes);
    const r = runCli(['audit', dir, '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ message: string }>; findings: unknown[] }> };
    expect(report.files[0]!.diagnostics.map((d) => d.message).join()).toMatch(/not valid UTF-8/);
    expect(report.files[0]!.findings.length).toBeGreaterThan(0);
  });

  it('a syntax error names the file, line and column, and the rest is still audited', () => {
    const dir = withGoodFile();
    writeFileSync(path.join(dir, 'broken.sol'), 'pragma solidity ^0.4.24;\ncontract Broken {\n  function f( public {\n}\n');
    const { r, report, good } = auditJson(dir);
    expect(r.status).toBe(0);
    const broken = report.files.find((f) => f.file.endsWith('broken.sol'))!;
    expect(broken.parsed).toBe(false);
    expect(broken.diagnostics.map((d) => d.message).join()).toMatch(/broken\.sol:\d+:\d+: syntax error/);
    expect(good!.findings.length).toBeGreaterThan(0);
  });

  it('a folder with no Solidity exits 2 with a clear message', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'README.md'), '# nothing here');
    const r = runCli(['audit', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/No \.sol files under/);
  });

  it('a missing path exits 2 naming it', () => {
    const r = runCli(['audit', '/definitely/not/here.sol']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\/definitely\/not\/here\.sol does not exist/);
    // Said once, in the error, not also as a warning before it.
    expect(r.stderr.match(/does not exist/g)).toHaveLength(1);
  });

  it('a symlink loop ends', () => {
    const dir = withGoodFile();
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    symlinkSync(path.join(dir, 'self'), path.join(dir, 'self'));
    const { r, report, good } = auditJson(dir, []);
    expect(r.status).toBe(0);
    expect(r.millis).toBeLessThan(30_000);
    expect(report.files).toHaveLength(1);
    expect(good!.findings.length).toBeGreaterThan(0);
    const direct = runCli(['audit', path.join(dir, 'self')]);
    expect(direct.status).toBe(2);
    expect(direct.stderr).toMatch(/symlink loop/);
  });

  it('bad usage exits 2', () => {
    expect(runCli(['audit']).status).toBe(2);
    expect(runCli(['audit', 'examples', '--fail-on', 'urgent']).status).toBe(2);
    expect(runCli(['audit', 'examples', '--exclude', 'no-such-detector']).status).toBe(2);
  });
});
