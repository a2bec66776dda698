/**
 * Authority files: the registers an edition's names point to (JSON, checked by ajv against
 * `schemas/authority.schema.json`). Every problem is reported with its JSON Pointer and its line and column in
 * the file. Beyond the schema: ids are unique (they become xml:ids) and a name looked for in the text belongs to
 * one entry only (otherwise a mention could not be linked exactly).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { diagnostic, TeikitError, type Diagnostic } from '../diagnostics.js';
import { readRegularFile } from '../io.js';
import { packageFile } from '../package-files.js';
import { SourceText } from './positions.js';
import { JsonSyntaxError, parseJson, type JsonValue } from './json.js';

/** The four registers, in the order they appear in the file and in the TEI standOff. */
export type EntityKind = 'place' | 'org' | 'person' | 'group';

export interface AuthorityName {
  name: string;
  /** BCP 47 tag, written as xml:lang. */
  lang: string;
  /** "adjective" names ("Chinese" for China) are tagged `rs`, not placeName/orgName/persName. Default "name". */
  form?: 'name' | 'adjective';
  /** false: in the register only, never looked for in the text. Default true. */
  match?: boolean;
  type?: string;
}

export interface AuthorityEntity {
  kind: EntityKind;
  id: string;
  type?: string;
  names: AuthorityName[];
  note?: string;
  idnos?: { type: string; value: string }[];
  /** WGS 84 decimal degrees (places only). */
  geo?: { lat: number; long: number };
}

export interface Authority {
  /** The file it came from, if any (for messages). */
  file?: string;
  entities: AuthorityEntity[];
}

/** JSON member -> entity kind. */
const REGISTERS: [string, EntityKind][] = [['places', 'place'], ['organisations', 'org'], ['persons', 'person'], ['groups', 'group']];

let compiled: ValidateFunction | undefined;

/** The JSON Schema the package ships, `schemas/authority.schema.json`. */
function schemaValidator(): ValidateFunction {
  if (compiled) return compiled;
  let text: string | undefined;
  try {
    text = readFileSync(packageFile('schemas/authority.schema.json'), 'utf8');
  } catch {
    // reported below
  }
  if (text !== undefined) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    compiled = ajv.compile(JSON.parse(text) as object);
    return compiled;
  }
  throw new TeikitError(diagnostic({ file: 'schemas/authority.schema.json', line: 1, column: 1, message: 'cannot find the authority JSON Schema', ruleId: 'io/file', source: 'io' }), 2);
}

function describeAjvError(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(top level)' : e.instancePath;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where}: unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    case 'required':
      return `${where}: missing property "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${where}: ${e.message ?? 'is invalid'}`;
  }
}

export interface AuthorityCheck {
  /** Present when the file is usable (no error among the diagnostics). */
  authority?: Authority;
  diagnostics: Diagnostic[];
}

/**
 * Check an authority file given as its text (positions are reported) or as an already parsed JSON value.
 * Never throws for bad data: problems come back as error diagnostics (ruleIds `authority/json-syntax`,
 * `authority/schema`, `authority/duplicate-id`, `authority/ambiguous-name`).
 */
export function checkAuthority(input: string | unknown, file = 'authority.json'): AuthorityCheck {
  let value: unknown = input;
  let offsets = new Map<string, number>();
  const source = new SourceText(typeof input === 'string' ? input : '', file);
  const at = (pointer: string, message: string, ruleId: string): Diagnostic => {
    // The nearest enclosing value that has a position (a missing property is reported at its object).
    let p = pointer;
    while (!offsets.has(p) && p !== '') p = p.slice(0, p.lastIndexOf('/'));
    const { line, column } = offsets.has(p) ? source.position(offsets.get(p)!) : { line: 1, column: 1 };
    return diagnostic({ file, line, column, message, ruleId, source: 'encode' });
  };
  if (typeof input === 'string') {
    try {
      const parsed = parseJson(input);
      value = parsed.value;
      offsets = parsed.offsets;
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const { line, column } = source.position(error.offset);
      return { diagnostics: [diagnostic({ file, line, column, message: `not valid JSON: ${error.message}`, ruleId: 'authority/json-syntax', source: 'encode' })] };
    }
  }
  const validate = schemaValidator();
  if (!validate(value)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
    return { diagnostics: errors.map((e) => at(e.instancePath, `authority file breaks its schema at ${describeAjvError(e)}`, 'authority/schema')) };
  }

  const diagnostics: Diagnostic[] = [];
  const entities: AuthorityEntity[] = [];
  const ids = new Map<string, string>();
  const names = new Map<string, { id: string; pointer: string }>();
  const data = value as Record<string, JsonValue>;
  for (const [member, kind] of REGISTERS) {
    const list = (data[member] ?? []) as Record<string, JsonValue>[];
    list.forEach((raw, index) => {
      const pointer = `/${member}/${index}`;
      const entity = { kind, ...(raw as object) } as AuthorityEntity;
      const seen = ids.get(entity.id);
      if (seen !== undefined) diagnostics.push(at(`${pointer}/id`, `${pointer}/id: id "${entity.id}" is already used at ${seen}`, 'authority/duplicate-id'));
      else ids.set(entity.id, `${pointer}/id`);
      entity.names.forEach((n, j) => {
        if (n.match === false) return;
        const key = n.name.trim().replace(/\s+/g, ' ');
        const other = names.get(key);
        if (other !== undefined && other.id !== entity.id) {
          diagnostics.push(at(`${pointer}/names/${j}`, `${pointer}/names/${j}: name "${key}" also belongs to "${other.id}" (${other.pointer}); a mention could not be linked to one entry (set "match": false on one of them)`, 'authority/ambiguous-name'));
        } else names.set(key, { id: entity.id, pointer: `${pointer}/names/${j}` });
      });
      entities.push(entity);
    });
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { authority: { file, entities }, diagnostics };
}

/** The text of an authority file: exit code 2 when unreadable, 1 when it is not UTF-8. */
export function readAuthorityText(path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readRegularFile(path, 'authority'));
  } catch (error) {
    if (error instanceof TeikitError) throw error;
    throw new TeikitError(diagnostic({ file: path, line: 1, column: 1, message: 'authority file is not UTF-8 text', ruleId: 'authority/json-syntax', source: 'encode' }));
  }
}

/**
 * Read and check an authority file. Throws a `TeikitError` (exit code 1) carrying the first problem when the file
 * is unusable (the message counts the others; `checkAuthority` returns them all), exit code 2 when unreadable.
 */
export function loadAuthority(path: string): Authority {
  const { authority, diagnostics } = checkAuthority(readAuthorityText(path), path);
  if (authority) return authority;
  const first = diagnostics[0]!;
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more problem${diagnostics.length > 2 ? 's' : ''})` : '';
  throw new TeikitError({ ...first, message: first.message + more });
}
