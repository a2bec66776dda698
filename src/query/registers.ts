/**
 * Registers: `place`, `person`, `personGrp` and `org` entries (TEI 13.3), in the same file (`standOff`, `back`,
 * header lists) or in a separate register file named by a pointer (`../register/places.xml#id`, resolved relative
 * to the file that points, RFC 3986 section 5.2). Register files are read once per run (from the event stream,
 * keeping only the entries' subtrees) and cached.
 */
import { dirname, resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { percentDecode, uriScheme } from '../href.js';
import { expandPaths, tryReadRegularFile } from '../io.js';
import { attr, childElements, TEI_NS, xmlId, type XmlDocument, type XmlElement } from '../xml/index.js';
import { ENTRY_IDENTITY_ATTRIBUTES } from '../tei/index.js';
import { ENTRY_ELEMENTS, ENTRY_NAME_CHILDREN, NAME_ENTRIES, NAME_ENTRY_DEPTH, PREFERRED_TYPES } from './kinds.js';
import { streamRegister } from './stream.js';
import { plainText } from './text.js';
import type { EntryKind, RegisterEntry } from './types.js';

export interface Register {
  /** Entries by `xml:id`. */
  byId: Map<string, RegisterEntry>;
  /** Entries by authority URI (`idno`, `@ref`, `@sameAs`, `@corresp` of the entry), for `ref="http://..."`. */
  byUri: Map<string, RegisterEntry>;
}

export function emptyRegister(): Register {
  return { byId: new Map(), byUri: new Map() };
}

/**
 * The kind of register entry `el` is, or undefined: a `place`, `person`, `personGrp` or `org` (TEI 13.3), or a name
 * that is an entry itself (`NAME_ENTRIES`: an `xml:id` on a name inside a list `item`, FRUS's persons and terms).
 */
export function entryKindOf(el: XmlElement): { kind: EntryKind; self: boolean } | undefined {
  const kind = ENTRY_ELEMENTS[el.local];
  if (kind !== undefined) return { kind, self: false };
  const named = NAME_ENTRIES[el.local];
  if (named === undefined || xmlId(el) === undefined) return undefined;
  let p: XmlElement | XmlDocument = el.parent;
  for (let depth = 0; depth < NAME_ENTRY_DEPTH && p.type === 'element'; depth++, p = p.parent) {
    if (p.local !== 'item') continue;
    const list = p.parent;
    if (named.list === undefined || (list.type === 'element' && list.local === 'list' && attr(list, 'type') === named.list)) return { kind: named.kind, self: true };
    return undefined;
  }
  return undefined;
}

/** Read one register entry element (place, person, org...): its id, all its names and its authority URIs. */
function readRegisterEntry(el: XmlElement, kind: EntryKind, file: string, self = false): { entry: RegisterEntry | null; uris: string[]; id: string | undefined } {
  const id = xmlId(el);
  const uris: string[] = [];
  const addUris = (from: XmlElement): void => {
    for (const name of ENTRY_IDENTITY_ATTRIBUTES) {
      const value = attr(from, name);
      if (value !== undefined) for (const token of value.split(/\s+/)) if (token !== '' && !uris.includes(token)) uris.push(token);
    }
  };
  for (const idno of childElements(el, 'idno')) {
    const value = plainText(idno);
    if (value === '') continue;
    const type = attr(idno, 'type');
    // A typed bare identifier (`<idno type="gnd">118540238</idno>`) keeps its type: `gnd:118540238`.
    const token = type !== undefined && uriScheme(value) === undefined ? `${type.toLowerCase()}:${value}` : value;
    if (!uris.includes(token)) uris.push(token);
  }
  addUris(el);
  const entryId = id ?? uris[0];
  if (entryId === undefined) return { entry: null, uris, id };
  const names: string[] = [];
  let preferred: string | null = null;
  if (self) {
    const text = plainText(el);
    if (text !== '') names.push(text);
  }
  const nameChildren = ENTRY_NAME_CHILDREN[kind];
  for (const child of childElements(el)) {
    if (!nameChildren.has(child.local)) continue;
    addUris(child);
    const text = plainText(child);
    if (text === '') continue;
    if (!names.includes(text)) names.push(text);
    if (preferred === null && PREFERRED_TYPES.has(attr(child, 'type') ?? '')) preferred = text;
  }
  return { entry: { id: entryId, kind, file, preferred: preferred ?? names[0] ?? null, names, uris }, uris, id };
}

/** Add an entry element met during a walk to a register. */
export function addEntry(register: Register, el: XmlElement, file: string): void {
  const found = entryKindOf(el);
  if (found === undefined) return;
  const { entry, uris, id } = readRegisterEntry(el, found.kind, file, found.self);
  if (entry === null) return;
  if (id !== undefined && !register.byId.has(id)) register.byId.set(id, entry);
  for (const uri of uris) if (!register.byUri.has(uri)) register.byUri.set(uri, entry);
}

/** Every entry of a parsed document, wherever it sits. */
export function collectRegister(doc: XmlDocument, file: string): Register {
  const register = emptyRegister();
  const stack: XmlElement[] = [doc.root];
  // Pre-order, iterative (deep documents are legal XML).
  while (stack.length > 0) {
    const el = stack.pop()!;
    addEntry(register, el, file);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === 'element') stack.push(c);
    }
  }
  return register;
}


type Loaded = { ok: true; register: Register; tei: boolean; root: string } | { ok: false; reason: string };

/** Register files by absolute path, parsed once per run; and the registers given with `--register`. */
export class RegisterCache {
  private readonly files = new Map<string, Loaded>();
  /** Entries of the `--register` files (the first file that gives an id wins). */
  readonly global: Register = emptyRegister();
  /** Problems with the `--register` files: missing, not well-formed, not TEI. */
  readonly diagnostics: Diagnostic[] = [];

  /** `registers`: files or directories (their `*.xml`) whose entries every pointer may resolve against. */
  constructor(registers: readonly string[] = []) {
    let files: string[] = [];
    for (const r of registers) {
      try {
        for (const f of expandPaths([resolve(r)])) files.push(f);
      } catch {
        this.diagnostics.push(registerDiagnostic(r, 'register file not found'));
      }
    }
    files = [...new Set(files)];
    for (const file of files) {
      const loaded = this.load(file);
      if (!loaded.ok) {
        this.diagnostics.push(registerDiagnostic(file, loaded.reason));
        continue;
      }
      if (!loaded.tei) {
        this.diagnostics.push(registerDiagnostic(file, `not a TEI file (the root element <${loaded.root}> is not in the TEI namespace): no register entries read`));
        continue;
      }
      if (loaded.register.byId.size === 0 && loaded.register.byUri.size === 0) {
        this.diagnostics.push({ ...registerDiagnostic(file, 'no register entries (place, person, personGrp, org, or a name with an xml:id in a list) in this file'), severity: 'warning' });
      }
      for (const [id, e] of loaded.register.byId) if (!this.global.byId.has(id)) this.global.byId.set(id, e);
      for (const [uri, e] of loaded.register.byUri) if (!this.global.byUri.has(uri)) this.global.byUri.set(uri, e);
    }
  }

  load(path: string): Loaded {
    let loaded = this.files.get(path);
    if (loaded !== undefined) return loaded;
    let bytes: Uint8Array | undefined;
    // A pointer comes from untrusted XML: read regular files only (never /dev/zero or a FIFO), of bounded size.
    const read = tryReadRegularFile(path, 'document');
    if (read.ok) bytes = read.bytes;
    else if (read.reason === 'no such file or directory') loaded = { ok: false, reason: 'register file not found' };
    else if (read.reason.startsWith('it is ')) loaded = { ok: false, reason: 'the register is not a regular file' };
    else loaded = { ok: false, reason: `register file: ${read.reason}` };
    if (bytes !== undefined) {
      const parsed = streamRegister(bytes, path);
      loaded = parsed.ok
        ? { ok: true, register: parsed.register, tei: parsed.root.uri === TEI_NS, root: parsed.root.name }
        : { ok: false, reason: `register file is not well-formed (${parsed.diagnostic.line}:${parsed.diagnostic.column}: ${parsed.diagnostic.message})` };
    }
    this.files.set(path, loaded!);
    return loaded!;
  }
}

function registerDiagnostic(file: string, message: string): Diagnostic {
  return diagnostic({ file, line: 1, column: 1, severity: 'error', message, ruleId: 'query/register', source: 'query' });
}

export type Resolution =
  | { status: 'entry'; entry: RegisterEntry }
  /** A local pointer (`#id`, `file.xml#id`) that names nothing: reported once per `target`. */
  | { status: 'unresolved'; target: string; reason: string }
  /** An authority URI or a key the file does not describe: not an error, there is just no entry. */
  | { status: 'none' };

/**
 * Resolve one pointer token of `@ref`, `@key` or `@corresp`:
 * `#id` in the same file; `path.xml#id` in the register file, relative to the pointing file; an absolute URI
 * against the entries' `idno`/`@ref`/`@sameAs`; a bare key (`@key="p42"`) against the same file's `xml:id`s.
 * `dependencies` collects the register files consulted (for the index's change detection).
 */
export function resolvePointer(
  token: string,
  file: string,
  local: Register,
  cache: RegisterCache,
  dependencies: Set<string>,
): Resolution {
  // The file's own entries first, then those of the `--register` files (a project's central register).
  const global = (entry: RegisterEntry | undefined): RegisterEntry | undefined => {
    if (entry !== undefined) dependencies.add(entry.file);
    return entry;
  };
  if (token.startsWith('#')) {
    const id = percentDecode(token.slice(1));
    const entry = local.byId.get(id) ?? global(cache.global.byId.get(id));
    const where = cache.global.byId.size > 0 ? 'in this file or the --register files' : 'in this file';
    return entry !== undefined ? { status: 'entry', entry } : { status: 'unresolved', target: `${file}#${id}`, reason: `no register entry with xml:id "${id}" ${where}` };
  }
  if (uriScheme(token) !== undefined) {
    const entry = local.byUri.get(token) ?? global(cache.global.byUri.get(token));
    return entry !== undefined ? { status: 'entry', entry } : { status: 'none' };
  }
  const hash = token.indexOf('#');
  if (hash < 0) {
    const entry = local.byId.get(token) ?? global(cache.global.byId.get(token));
    return entry !== undefined ? { status: 'entry', entry } : { status: 'none' };
  }
  const path = resolve(dirname(file), percentDecode(token.slice(0, hash)));
  const id = percentDecode(token.slice(hash + 1));
  if (path === file) {
    const entry = local.byId.get(id);
    return entry !== undefined ? { status: 'entry', entry } : { status: 'unresolved', target: `${file}#${id}`, reason: `no register entry with xml:id "${id}" in this file` };
  }
  dependencies.add(path);
  const loaded = cache.load(path);
  if (!loaded.ok) return { status: 'unresolved', target: `${path}#${id}`, reason: loaded.reason };
  const entry = loaded.register.byId.get(id);
  return entry !== undefined ? { status: 'entry', entry } : { status: 'unresolved', target: `${path}#${id}`, reason: `no register entry with xml:id "${id}" in the register file` };
}

export function unresolvedDiagnostic(file: string, el: XmlElement, pointer: string, reason: string): Diagnostic {
  return diagnostic({
    file,
    line: el.line,
    column: el.column,
    severity: 'warning',
    message: `pointer "${pointer}" does not resolve: ${reason}`,
    ruleId: 'query/unresolved-pointer',
    source: 'query',
  });
}
