import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchesGolden, projectRoot, runCli } from './helpers.js';

const pkg = JSON.parse(readFileSync(`${projectRoot}package.json`, 'utf8')) as { version: string };

describe('teikit (the command shell)', () => {
  it('prints its version', () => {
    const r = runCli(['--version']);
    expect(r).toMatchObject({ status: 0, stdout: `teikit ${pkg.version}\n` });
  });

  it('lists every command in --help', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    for (const name of ['encode', 'validate', 'transform', 'query', 'index']) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('prints the help of teikit and of every command, as the golden files in test/fixtures/cli/help/ say', () => {
    const main = runCli(['--help']);
    expect([main.status, main.stderr]).toEqual([0, '']);
    matchesGolden('test/fixtures/cli/help/teikit.txt', main.stdout);
    const commands = [...main.stdout.matchAll(/^  ([a-z]+) {2,}/gm)].map((m) => m[1]!);
    expect(commands).toEqual(['encode', 'annotate', 'build', 'validate', 'transform', 'query', 'index', 'catalog']);
    for (const name of commands) {
      const r = runCli([name, '--help']);
      expect([r.status, r.stderr], name).toEqual([0, '']);
      matchesGolden(`test/fixtures/cli/help/${name}.txt`, r.stdout);
    }
  });

  it('rejects an unknown command with exit code 2 and one line', () => {
    const r = runCli(['frobnicate']);
    expect(r).toEqual({ status: 2, stdout: '', stderr: 'teikit: unknown command "frobnicate"; run "teikit --help" for the list\n' });
  });

  it('with no command prints usage and exits 2', () => {
    const r = runCli([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^Usage: teikit <command>/);
  });

  it('rejects an unknown option of a command with exit code 2, without a stack trace', () => {
    for (const name of ['encode', 'validate', 'transform', 'query']) {
      const r = runCli([name, '--no-such-flag', 'x.xml']);
      expect(r.status, name).toBe(2);
      expect(r.stderr, name).toMatch(/--no-such-flag/);
      expect(r.stderr, name).not.toMatch(/\n\s+at /);
    }
  });
});
