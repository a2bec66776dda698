/**
 * `npm start` (scripts/start.mjs): encodes the cable's record, validates it (edition schema and rules), writes the
 * HTML and the text into editions/wilson-118181/build/ and says where; fails loudly when a step fails.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, sharedDir } from './helpers.js';

const start = `${projectRoot}scripts/start.mjs`;
const edition = `${projectRoot}editions/wilson-118181/`;
const run = (args: string[]) => spawnSync(process.execPath, [start, ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
const tmp = mkdtempSync(join(tmpdir(), 'teikit-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm start', () => {
  it('builds the cable edition: TEI, HTML and text in the build folder, and says where they are', () => {
    const r = run([]);
    // stderr may carry the encoder's warnings (names the authority file does not know), never an error.
    expect(r.stderr).not.toMatch(/FAILED| error /);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('wilson-118181.xml: valid (schema: schemas/teikit-edition.rng; edition rules)');
    expect(r.stdout).toMatch(/The edition wilson-118181 is built:\n {2}TEI {3}editions\/wilson-118181\/build\/wilson-118181\.xml\n {2}HTML {2}editions\/wilson-118181\/build\/wilson-118181\.html .*\n {2}text {2}editions\/wilson-118181\/build\/wilson-118181\.txt\n$/);
    expect(readFileSync(`${edition}build/wilson-118181.html`, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    const seed = `${sharedDir}seed/wilson-center-118181.txt`;
    if (existsSync(seed)) {
      const body = readFileSync(seed, 'utf8').split('[...]')[1]!;
      const norm = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');
      expect(norm(readFileSync(`${edition}build/wilson-118181.txt`, 'utf8'))).toBe(norm(body));
    }
  }, 180_000);

  it('fails loudly, naming the step, when the edition cannot be built', () => {
    const broken = join(tmp, 'broken-edition');
    cpSync(edition, broken, { recursive: true, filter: (src) => !src.includes('/build') });
    writeFileSync(join(broken, 'authority.json'), '{ not json');
    const r = run([broken]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\nnpm start: FAILED: encode the record \(teikit exited with code [12]\)\n$/);
    expect(existsSync(join(broken, 'build', 'broken-edition.html'))).toBe(false);
  });
});
