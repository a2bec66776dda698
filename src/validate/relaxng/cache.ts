/**
 * On-disk cache of compiled schemas, so that a second `teikit validate` starts without reading and simplifying
 * tei_all again. An entry is keyed by the engine's format, the schema's path and content; it records every file the
 * schema read (includes, externalRefs) with its SHA-256, and is used only when all of them are unchanged.
 *
 * Entry format (one file, two lines): a small JSON header `{format, engine, files: [{path, sha256}], hash}`, then
 * the interned pattern table itself (not the schema: nothing is simplified again). Patterns are listed in id
 * order, each naming its operands by id, so reading replays the builder and every pattern gets its id back.
 * Writes go to a temporary file renamed into place, so a concurrent reader never sees half an entry; a cache that
 * cannot be read or written is ignored, never an error.
 */
import { createHash } from 'node:crypto';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { readRegularFile, sha256, writeAtomically } from '../../io.js';
import { findLibrary, NO_CONTEXT, type Datatype } from './datatypes/index.js';
import type { IdType } from './datatypes/types.js';
import { CompiledGrammar } from './grammar.js';
import { PatternBuilder, type Kind, type Pattern } from './patterns/index.js';
import { nameClassKey, type NameClass } from './patterns/names.js';
import { table } from '../../tables.js';

/** Bumped whenever the compiled form or the checks done at compile time change. */
const FORMAT = 3;
const ENGINE = `teikit-relaxng@${FORMAT}`;

export interface CacheHeader {
  format: number;
  engine: string;
  files: Array<{ path: string; sha256: string }>;
  hash: string;
}

/** `$TEIKIT_CACHE_DIR`, else the platform's cache directory + `/teikit`. */
export function defaultCacheDir(): string {
  const env = process.env['TEIKIT_CACHE_DIR'];
  if (env !== undefined && env !== '') return env;
  if (platform() === 'win32') return join(process.env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'teikit', 'Cache');
  if (platform() === 'darwin') return join(homedir(), 'Library', 'Caches', 'teikit');
  const xdg = process.env['XDG_CACHE_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'teikit');
}

export function entryPath(cacheDir: string, schemaPath: string, main: Uint8Array): string {
  const key = createHash('sha256').update(`${ENGINE}\0${schemaPath}\0`).update(main).digest('hex');
  return join(cacheDir, 'relaxng', `${key}.json`);
}

/** Combined hash of every file of a schema (the `hash` of a loaded schema). */
export function schemaHash(files: CacheHeader['files']): string {
  return sha256(files.map((f) => `${f.path}\0${f.sha256}`).join('\n'));
}

/** The cached grammar if the entry exists and every file it was built from is unchanged. */
export function readEntry(path: string, mainPath: string, main: Uint8Array): { header: CacheHeader; grammar: CompiledGrammar } | undefined {
  let raw: string;
  try {
    raw = new TextDecoder().decode(readRegularFile(path, 'schema'));
  } catch {
    return undefined;
  }
  try {
    const nl = raw.indexOf('\n');
    if (nl < 0) return undefined;
    const header = JSON.parse(raw.slice(0, nl)) as CacheHeader;
    if (header.format !== FORMAT || header.engine !== ENGINE) return undefined;
    for (const f of header.files) {
      const data = f.path === mainPath ? main : readRegularFile(f.path, 'schema');
      if (sha256(data) !== f.sha256) return undefined;
    }
    return { header, grammar: deserialize(JSON.parse(raw.slice(nl + 1)) as Serialized) };
  } catch {
    return undefined;
  }
}

export function writeEntry(path: string, files: CacheHeader['files'], grammar: CompiledGrammar): void {
  const header: CacheHeader = { format: FORMAT, engine: ENGINE, files, hash: schemaHash(files) };
  try {
    writeAtomically(path, `${JSON.stringify(header)}\n${JSON.stringify(serialize(grammar))}`);
  } catch {
    // nothing more to do: the cache is an optimisation
  }
}

interface Serialized {
  datatypes: Array<[string, string, Array<[string, string]>]>;
  nameClasses: NameClass[];
  /** From id 3 on (0-2 are empty, notAllowed and text): [kind, ...operands]. */
  patterns: Array<Array<string | number>>;
  start: number;
  /** element id -> content id, in pairs. */
  contents: number[];
  /** The element patterns reachable from the start, and the ID types of attributes (grammar.ts). */
  elements: number[];
  idTypes: Array<[string, string]>;
}

const CODES: Readonly<Record<string, Kind>> = table({ c: 'choice', g: 'group', i: 'interleave', o: 'oneOrMore', l: 'list', d: 'data', x: 'dataExcept', v: 'value', a: 'attribute', e: 'element', f: 'after' });
const CODE_OF = Object.fromEntries(Object.entries(CODES).map(([c, k]) => [k, c])) as Record<Kind, string>;

function paramsOf(dt: Datatype): Array<[string, string]> {
  return dt.params.map((p) => [p.name, p.value]);
}

export function serialize(g: CompiledGrammar): Serialized {
  const dts = new Map<string, number>();
  const datatypes: Serialized['datatypes'] = [];
  const ncs = new Map<string, number>();
  const nameClasses: NameClass[] = [];
  const dt = (d: Datatype): number => {
    let i = dts.get(d.key);
    if (i === undefined) {
      dts.set(d.key, (i = datatypes.length));
      datatypes.push([d.library, d.name, paramsOf(d)]);
    }
    return i;
  };
  const nc = (n: NameClass): number => {
    const k = nameClassKey(n);
    let i = ncs.get(k);
    if (i === undefined) {
      ncs.set(k, (i = nameClasses.length));
      nameClasses.push(n);
    }
    return i;
  };
  const patterns: Serialized['patterns'] = [];
  const contents: number[] = [];
  for (const p of g.builder.all.slice(3)) {
    const code = CODE_OF[p.kind];
    switch (p.kind) {
      case 'choice':
        patterns.push([code, ...p.alts!.map((q) => q.id)]);
        break;
      case 'group':
      case 'interleave':
      case 'after':
        patterns.push([code, p.a!.id, p.b!.id]);
        break;
      case 'oneOrMore':
      case 'list':
        patterns.push([code, p.a!.id]);
        break;
      case 'data':
        patterns.push([code, dt(p.datatype!)]);
        break;
      case 'dataExcept':
        patterns.push([code, dt(p.datatype!), p.a!.id]);
        break;
      case 'value': {
        const v = p.value!;
        patterns.push(v.name === undefined ? [code, dt(p.datatype!), v.key, v.raw] : [code, dt(p.datatype!), v.key, v.raw, v.name.ns, v.name.local]);
        break;
      }
      case 'attribute':
        patterns.push([code, nc(p.nameClass!), p.a!.id]);
        break;
      case 'element':
        patterns.push([code, nc(p.nameClass!)]);
        if (p.content !== undefined) contents.push(p.id, p.content.id);
        break;
      default:
        throw new Error(`cannot serialise ${p.kind}`);
    }
  }
  return {
    datatypes, nameClasses, patterns, start: g.start.id, contents,
    elements: g.elements.map((p) => p.id), idTypes: [...g.idTypes].map(([k, t]) => [k, t!]),
  };
}

export function deserialize(s: Serialized): CompiledGrammar {
  const b = new PatternBuilder();
  const datatypes = s.datatypes.map(([lib, name, params]) => {
    return findLibrary(lib)!.create(name, params.map(([n, v]) => ({ name: n, value: v })), NO_CONTEXT);
  });
  const byId = b.all;
  const at = (i: unknown): Pattern => {
    const p = byId[i as number];
    if (p === undefined) throw new Error('damaged cache entry');
    return p;
  };
  for (const row of s.patterns) {
    const kind = CODES[row[0] as string];
    if (kind === undefined) throw new Error('damaged cache entry');
    const expected = byId.length;
    let p: Pattern;
    switch (kind) {
      case 'choice':
        p = b.restore(kind, { alts: row.slice(1).map(at) });
        break;
      case 'group':
      case 'interleave':
      case 'after':
        p = b.restore(kind, { a: at(row[1]), b: at(row[2]) });
        break;
      case 'oneOrMore':
      case 'list':
        p = b.restore(kind, { a: at(row[1]) });
        break;
      case 'data':
        p = b.restore(kind, { datatype: datatypes[row[1] as number]! });
        break;
      case 'dataExcept':
        p = b.restore(kind, { datatype: datatypes[row[1] as number]!, a: at(row[2]) });
        break;
      case 'value': {
        const value = row.length > 4
          ? { key: row[2] as string, raw: row[3] as string, name: { ns: row[4] as string, local: row[5] as string } }
          : { key: row[2] as string, raw: row[3] as string };
        p = b.restore(kind, { datatype: datatypes[row[1] as number]!, value });
        break;
      }
      case 'attribute':
        p = b.restore(kind, { nameClass: s.nameClasses[row[1] as number]!, a: at(row[2]) });
        break;
      case 'element':
        p = b.restore(kind, { nameClass: s.nameClasses[row[1] as number]! });
        break;
      default:
        throw new Error('damaged cache entry');
    }
    if (p.id !== expected) throw new Error('damaged cache entry');
  }
  for (let i = 0; i < s.contents.length; i += 2) at(s.contents[i]).content = at(s.contents[i + 1]);
  return new CompiledGrammar(b, at(s.start), { elements: s.elements.map(at), idTypes: s.idTypes as Array<[string, IdType]> });
}
