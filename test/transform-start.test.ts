/**
 * `teikit build EDITION_DIR` and `npm start` (scripts/start.mjs, which runs it on the cable): the master encoded
 * from the record or annotated in place, validated, then the HTML and the text in the build folder; one progress
 * line per step; a failing step stops the build. Every run works on a copy in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeRecord, loadAuthority } from '../src/encode/index.js';
import { transformToHtml, transformToText } from '../src/transform/index.js';
import { projectRoot, runCli, sharedDir } from './helpers.js';

const cable = join(projectRoot, 'editions', 'wilson-118181');
const tmp = mkdtempSync(join(tmpdir(), 'teikit-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the cable's folder (sources only) named `name` in the temporary folder. */
function copyCable(name: string, files = ['record.txt', 'authority.json', 'wilson-118181.xml']): string {
  const dir = join(tmp, name);
  for (const f of files) cpSync(join(cable, f), join(dir, f === 'wilson-118181.xml' ? `${name}.xml` : f));
  return dir;
}

const lines = (dir: string, name: string, first: string) => [
  `build: [1/5] ${first}`,
  `build: [2/5] validate ${dir}/${name}.xml: valid (edition schema and edition rules)`,
  `build: [3/5] html     ${dir}/build/${name}.html`,
  `build: [4/5] text     ${dir}/build/${name}.txt`,
  `build: [5/5] catalog  ${dir}/build/${name}.catalog.json, ${dir}/build/${name}.cmif.xml`,
  '',
];

describe('teikit build', () => {
  it('annotates an existing master (the cable: unchanged), validates it, writes HTML and text', () => {
    const dir = copyCable('cable');
    const master = join(dir, 'cable.xml');
    const before = readFileSync(master);
    const mtime = statSync(master).mtimeMs;
    const r = runCli(['build', dir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toEqual(lines(dir, 'cable', `annotate ${master}: unchanged (every name of the authority file is tagged and in the registers)`));
    expect(readFileSync(master)).toEqual(before);
    expect(statSync(master).mtimeMs).toBe(mtime);
    expect(readFileSync(join(dir, 'build', 'cable.html'), 'utf8')).toBe(transformToHtml(before, { file: master }));
    expect(readFileSync(join(dir, 'build', 'cable.txt'), 'utf8')).toBe(transformToText(before, { file: master }));
    // The catalogue record is the committed one of the cable (the same file under another name).
    const record = JSON.parse(readFileSync(join(dir, 'build', 'cable.catalog.json'), 'utf8')) as { file: string }[];
    const committed = JSON.parse(readFileSync(join(cable, 'wilson-118181.catalog.json'), 'utf8')) as { file: string }[];
    expect(record).toEqual(committed.map((r) => ({ ...r, file: 'cable.xml' })));
    const seed = `${sharedDir}seed/wilson-center-118181.txt`;
    if (existsSync(seed)) {
      const body = readFileSync(seed, 'utf8').split('[...]')[1]!;
      const norm = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');
      expect(norm(readFileSync(join(dir, 'build', 'cable.txt'), 'utf8'))).toBe(norm(body));
    }
  });

  it('encodes the record when the folder has no master yet', () => {
    const dir = copyCable('fresh', ['record.txt', 'authority.json']);
    const r = runCli(['build', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toEqual(lines(dir, 'fresh', `encode   ${dir}/record.txt -> ${dir}/fresh.xml`));
    const encoded = encodeRecord(readFileSync(join(cable, 'record.txt')), { file: join(dir, 'record.txt'), authority: loadAuthority(join(cable, 'authority.json')) });
    expect(readFileSync(join(dir, 'fresh.xml'), 'utf8')).toBe(encoded.xml);
  });

  it('tags a name added to the authority file into the hand-edited master, in place', () => {
    const dir = join(tmp, 'edited');
    cpSync(join(projectRoot, 'test', 'fixtures', 'annotate', 'cable-edited.xml'), join(dir, 'edited.xml'));
    cpSync(join(projectRoot, 'test', 'fixtures', 'annotate', 'authority-edited.json'), join(dir, 'authority.json'));
    const r = runCli(['build', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      `build: [1/5] annotate ${dir}/edited.xml: tagged 1 name and 0 dates, added 0 @refs to tagged names; registers: 1 entry added, 1 name or identifier added to existing entries`,
    );
    expect(readFileSync(join(dir, 'edited.xml'), 'utf8')).toBe(readFileSync(join(projectRoot, 'test', 'fixtures', 'annotate', 'cable-edited.annotated.xml'), 'utf8'));
  });

  it('stops at an invalid master, naming it, and writes no HTML', () => {
    const dir = copyCable('invalid');
    const master = join(dir, 'invalid.xml');
    writeFileSync(master, readFileSync(master, 'utf8').replace('<p>Please report to us', '<p><placeName>Nowhere</placeName> Please report to us'));
    const r = runCli(['build', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[1]).toBe(`build: [2/5] validate ${master}: invalid; the build stops here`);
    expect(r.stderr).toMatch(/invalid\.xml:\d+:\d+: error .* \[rules\/name-has-ref\]\n/);
    expect(existsSync(join(dir, 'build', 'invalid.html'))).toBe(false);
  });

  it('a folder that is not an edition, or a broken authority file, is one clear line', () => {
    const empty = join(tmp, 'empty');
    cpSync(join(cable, 'authority.json'), join(empty, 'authority.json'));
    const r = runCli(['build', empty]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${empty}:1:1: error not an edition folder: neither empty.xml nor record.txt is there [io/file]\n`);
    const broken = copyCable('broken');
    writeFileSync(join(broken, 'authority.json'), '{ not json');
    const b = runCli(['build', broken]);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/^.*broken\/authority\.json:1:3: error .*\[authority\/json-syntax\]\n$/);
    expect(runCli(['build']).status).toBe(2);
  });
});

describe('npm start', () => {
  it('runs teikit build on an edition folder and fails loudly when it fails', () => {
    const start = join(projectRoot, 'scripts', 'start.mjs');
    const dir = copyCable('started');
    const ok = spawnSync(process.execPath, [start, dir], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`build: [4/5] text     ${dir}/build/started.txt\n`);
    writeFileSync(join(dir, 'authority.json'), '{ not json');
    const bad = spawnSync(process.execPath, [start, dir], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/\nnpm start: FAILED: teikit build exited with code 1\n$/);
  });
});
