/**
 * `teikit encode` as a user runs it (the built CLI in dist/): output to stdout or -o, warnings on stderr, and bad
 * input answered with one clear line naming the file and line, the exit code of the CLI contract (1 unusable data,
 * 2 usage or I/O), no stack trace and no partial output file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, runCli } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'teikit-encode-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const seed = readFileSync(`${projectRoot}editions/wilson-118181/record.txt`, 'utf8');
const authority = `${projectRoot}editions/wilson-118181/authority.json`;

let counter = 0;
function file(content: string | Uint8Array, name = 'record.txt'): string {
  const dir = join(tmp, `case-${++counter}`);
  mkdirSync(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs encode with -o and checks the common promises of a failure: one stderr line, no stdout, no output file. */
function failing(args: string[], status: 1 | 2): string {
  const out = join(tmp, `out-${++counter}.xml`);
  const r = runCli(['encode', ...args, '-o', out]);
  expect(r.status).toBe(status);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+|Error:/);
  expect(existsSync(out)).toBe(false);
  return r.stderr.trimEnd();
}

describe('teikit encode: output', () => {
  it('writes the TEI to -o (and nothing to stdout), atomically', () => {
    const out = join(tmp, 'cable.xml');
    const r = runCli(['encode', 'editions/wilson-118181/record.txt', '--authority', 'editions/wilson-118181/authority.json', '-o', out]);
    expect(r).toMatchObject({ status: 0, stdout: '', stderr: '' });
    // Outside the teikit tree, no <?xml-model?> is written; otherwise identical to the committed edition.
    const committed = readFileSync(`${projectRoot}editions/wilson-118181/wilson-118181.xml`, 'utf8').replace(/<\?xml-model [^\n]*\n/, '');
    expect(readFileSync(out, 'utf8')).toBe(committed);
  });

  it('uses authority.json next to the record by default', () => {
    const record = file(seed);
    copyFileSync(authority, join(record, '..', 'authority.json'));
    const r = runCli(['encode', record]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('<placeName ref="#ili">Yili</placeName>');
  });

  it('without an authority file tags no names but reports capitalised names as warnings (exit 0)', () => {
    const record = file(seed);
    const r = runCli(['encode', record]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('<standOff');
    expect(r.stdout).not.toContain('placeName ref=');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`${record}:34:10: warning capitalised name "Foreign Affairs Office of the Xinjiang Uyghur Autonomous Region" is not in the authority file; left untagged [encode/unknown-name]`);
    const names = lines.map((l) => /capitalised name "([^"]+)"|^.*?: warning "([^"]+)"/.exec(l)!.slice(1).join(''));
    expect(names).toEqual(['Foreign Affairs Office of the Xinjiang Uyghur Autonomous Region', 'Uyghur', 'Kazakh', 'Yili [Ili]', 'Tacheng [Qoqek]', 'Soviet Union', 'Chinese', 'Ministry of Foreign Affairs']);
    // A name and its second name in brackets are still tagged as such, without @ref (one warning for the pair).
    expect(lines[3]).toBe(`${record}:36:90: warning "Yili [Ili]": a name and its second name in brackets, neither in the authority file; both tagged placeName without @ref (add an entry with both names) [encode/alternative-name-unknown]`);
    expect(r.stdout).toContain('fleeing from <placeName>Yili</placeName> <supplied reason="alternative-name"><placeName>Ili</placeName></supplied> and <placeName>Tacheng</placeName> <supplied reason="alternative-name"><placeName>Qoqek</placeName></supplied> to the Soviet Union');
    for (const line of lines) expect(line).toMatch(/^.+:\d+:\d+: warning .+ \[encode\/(?:unknown-name|alternative-name-unknown)\]$/);
  });
});

describe('teikit encode: bad input', () => {
  it('an empty file', () => {
    const path = file('');
    expect(failing([path], 1)).toBe(`${path}:1:1: error empty record: no date line, title or text [encode/empty]`);
  });

  it('a binary file', () => {
    const path = file(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 'record.png');
    expect(failing([path], 1)).toBe(`${path}:2:1: error not a text record: control character U+001A (binary data?) [encode/binary]`);
  });

  it('a file with a NUL byte in the middle names its line', () => {
    const path = file(seed.replace('Please report to us', 'Please\u0000 report to us'));
    expect(failing([path], 1)).toBe(`${path}:40:7: error not a text record: control character U+0000 (binary data?) [encode/binary]`);
  });

  it('a record without a title', () => {
    const path = file('**April 21, 1962**\n\n**Summary:**\n\nA summary.\n\n[...]\n\nSome text.\n\n[...]\n');
    expect(failing([path], 1)).toBe(`${path}:1:1: error the record has no title (expected a bold title line after the date line) [encode/no-title]`);
  });

  it('a record without a text', () => {
    const path = file(seed.slice(0, seed.indexOf('[...]')));
    expect(failing([path], 1)).toBe(`${path}:28:1: error the record has no text: no "[...]" line starts the document [encode/no-body]`);
    const empty = file(seed.slice(0, seed.indexOf('[...]')) + '[...]\n\n[...]\n');
    expect(failing([empty], 1)).toBe(`${empty}:30:1: error the record has no text between its "[...]" lines [encode/no-body]`);
  });

  it('a date line it cannot read', () => {
    const path = file(seed.replace('**April 21, 1962**', '**Sometime in spring**'));
    expect(failing([path], 1)).toBe(`${path}:3:1: error cannot read the date line "Sometime in spring" (expected e.g. "April 21, 1962", "21 April 1962", "July 1962" or "1962") [encode/date-line]`);
    const impossible = file(seed.replace('**April 21, 1962**', '**February 30, 1962**'));
    expect(failing([impossible], 1)).toMatch(/:3:1: error cannot read the date line "February 30, 1962"/);
  });

  it('a date in the text that is not a calendar date is a warning, left untagged', () => {
    const path = file(seed.replace('during an 18 April phone call', 'during a 31 April phone call'));
    const r = runCli(['encode', path, '--authority', authority]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`${path}:36:178: warning "31 April" is not a calendar date; left untagged [encode/date-invalid]\n`);
    expect(r.stdout).toContain('during a 31 April phone call');
  });

  it('an unknown section label is a warning; its text is kept as a note', () => {
    const path = file(seed.replace('**Credits:**', '**Keywords:**\n\nBorders, refugees\n\n**Credits:**'));
    const r = runCli(['encode', path, '--authority', authority]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`${path}:18:1: warning unknown section "Keywords:" (known: Citation, Summary, Credits, Original Language, Contents); its text is kept as a note [encode/unknown-section]\n`);
    expect(r.stdout).toContain('<notesStmt>\n        <note type="section" n="Keywords">Borders, refugees</note>\n      </notesStmt>');
  });

  it('an authority file that is not JSON: the line and column of the syntax error', () => {
    const bad = file('{\n  "places": [\n    { "id": "ili", "names": [] },\n  ]\n}\n', 'authority.json');
    expect(failing([`${projectRoot}editions/wilson-118181/record.txt`, '--authority', bad], 1)).toBe(
      `${bad}:4:3: error not valid JSON: a value was expected, found "]" [authority/json-syntax]`,
    );
    const truncated = file('{ "places": [ { "id": "ili"', 'authority.json');
    expect(failing([`${projectRoot}editions/wilson-118181/record.txt`, '--authority', truncated], 1)).toBe(
      `${truncated}:1:28: error not valid JSON: "," or "}" was expected, found end of file [authority/json-syntax]`,
    );
  });

  it('an authority file that breaks its schema: each problem with its JSON path, line and column', () => {
    const bad = file(
      '{\n  "places": [\n    { "id": "ili", "names": [{ "name": "Yili", "lang": "en" }], "geo": { "lat": 143.9, "long": 81.3 } },\n    { "id": "x y", "names": [] }\n  ],\n  "people": []\n}\n',
      'authority.json',
    );
    const out = join(tmp, 'never.xml');
    const r = runCli(['encode', `${projectRoot}editions/wilson-118181/record.txt`, '--authority', bad, '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `${bad}:1:1: error authority file breaks its schema at (top level): unknown property "people" [authority/schema]`,
      `${bad}:3:81: error authority file breaks its schema at /places/0/geo/lat: must be <= 90 [authority/schema]`,
      `${bad}:4:13: error authority file breaks its schema at /places/1/id: must match pattern "^[A-Za-z_][A-Za-z0-9._-]*$" [authority/schema]`,
      `${bad}:4:29: error authority file breaks its schema at /places/1/names: must NOT have fewer than 1 items [authority/schema]`,
    ]);
  });

  it('an authority file with a duplicate id or a name claimed by two entries', () => {
    const record = `${projectRoot}editions/wilson-118181/record.txt`;
    const dup = file('{"places": [{"id": "a", "names": [{"name": "Yili", "lang": "en"}]}],\n "organisations": [{"id": "a", "names": [{"name": "Ministry", "lang": "en"}]}]}\n', 'authority.json');
    expect(failing([record, '--authority', dup], 1)).toBe(`${dup}:2:27: error /organisations/0/id: id "a" is already used at /places/0/id [authority/duplicate-id]`);
    const ambiguous = file('{"places": [{"id": "a", "names": [{"name": "Yili", "lang": "en"}]}],\n "organisations": [{"id": "b", "names": [{"name": "Yili", "lang": "en"}]}]}\n', 'authority.json');
    expect(failing([record, '--authority', ambiguous], 1)).toBe(
      `${ambiguous}:2:42: error /organisations/0/names/0: name "Yili" also belongs to "a" (/places/0/names/0); a mention could not be linked to one entry (set "match": false on one of them) [authority/ambiguous-name]`,
    );
  });

  it('a missing record or authority file is an I/O error (exit 2)', () => {
    const missing = join(tmp, 'nope.txt');
    expect(failing([missing], 2)).toBe(`${missing}:1:1: error cannot read file: no such file or directory [io/file]`);
    const noAuthority = join(tmp, 'nope.json');
    expect(failing([`${projectRoot}editions/wilson-118181/record.txt`, '--authority', noAuthority], 2)).toBe(`${noAuthority}:1:1: error cannot read file: no such file or directory [io/file]`);
  });

  it('usage errors (exit 2)', () => {
    expect(runCli(['encode'])).toMatchObject({ status: 2, stdout: '', stderr: 'teikit: encode: expected one RECORD.txt, got none; run "teikit encode --help"\n' });
    expect(runCli(['encode', 'a.txt', 'b.txt']).status).toBe(2);
    expect(runCli(['encode', 'a.txt', '--frobnicate'])).toMatchObject({ status: 2, stdout: '' });
  });

  it('does not clobber an existing -o file when encoding fails', () => {
    const out = file('previous content', 'out.xml');
    const r = runCli(['encode', file(''), '-o', out]);
    expect(r.status).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('previous content');
  });
});
