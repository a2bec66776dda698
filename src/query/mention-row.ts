/**
 * The mention row: one definition of the fields of a `teikit query` result, in output order, from which follow the
 * TypeScript type `Mention`, the CSV columns, the JSON Schema (schemas/query-result.schema.json, checked against
 * `queryResultSchema()` by the tests) and the mention columns of the SQLite index (`MENTION_SQL_COLUMNS`).
 */
import type { ReferenceAttribute } from '../tei/index.js';
import type { QueryKind } from './types.js';

/** How a field is typed; `TypeOfField` maps each to its TypeScript type. */
type FieldType = 'string' | 'string?' | 'integer' | 'boolean' | 'string[]' | 'kind' | 'pointerAttribute';
interface TypeOfField {
  string: string;
  'string?': string | null;
  integer: number;
  boolean: boolean;
  'string[]': string[];
  kind: QueryKind;
  pointerAttribute: ReferenceAttribute | null;
}

interface Field {
  name: string;
  type: FieldType;
  /** For the JSON Schema; omitted where the name says it. */
  description?: string;
  /** A JSON Schema `minLength: 1` / `minimum: 1`. */
  nonEmpty?: boolean;
  /** Its column in the index's `mentions` table; absent for fields read from `files` or `entries`. */
  sql?: { column: string; type: string };
}

export const MENTION_FIELDS = [
  { name: 'file', type: 'string', nonEmpty: true, description: 'The file, relative to the working directory.' },
  { name: 'line', type: 'integer', nonEmpty: true, sql: { column: 'line', type: 'INTEGER NOT NULL' } },
  { name: 'column', type: 'integer', nonEmpty: true, description: "Column of the element's '<', in Unicode code points.", sql: { column: 'col', type: 'INTEGER NOT NULL' } },
  { name: 'kind', type: 'kind', sql: { column: 'kind', type: 'TEXT NOT NULL' } },
  { name: 'element', type: 'string', nonEmpty: true, description: 'Local name: placeName, settlement, persName, orgName, rs, name, date, time, ...', sql: { column: 'element', type: 'TEXT NOT NULL' } },
  { name: 'type', type: 'string?', description: '@type of the element.', sql: { column: 'type', type: 'TEXT' } },
  { name: 'surface', type: 'string', description: "The element's text, whitespace normalised.", sql: { column: 'surface', type: 'TEXT NOT NULL' } },
  { name: 'pointer', type: 'string?', description: '@ref, @key or @corresp as given.', sql: { column: 'pointer', type: 'TEXT' } },
  { name: 'pointerAttribute', type: 'pointerAttribute', sql: { column: 'pointer_attr', type: 'TEXT' } },
  { name: 'entry', type: 'string?', description: 'Id of the register entry the pointer resolves to.' },
  { name: 'register', type: 'string?', description: 'File holding the register entry.' },
  { name: 'preferred', type: 'string?', description: 'Preferred name of the entry.' },
  { name: 'names', type: 'string[]', description: 'Every name of the entry (empty without an entry).' },
  { name: 'title', type: 'string?', description: 'Document title (teiHeader titleStmt).' },
  { name: 'date', type: 'string?', description: 'Document date: sent, created, source, or published.' },
  { name: 'left', type: 'string', description: 'About 60 characters of text before the mention (never from the teiHeader).', sql: { column: 'left_ctx', type: 'TEXT NOT NULL' } },
  { name: 'right', type: 'string', description: 'About 60 characters of text after the mention.', sql: { column: 'right_ctx', type: 'TEXT NOT NULL' } },
  { name: 'inHeader', type: 'boolean', sql: { column: 'in_header', type: 'INTEGER NOT NULL' } },
  { name: 'when', type: 'string?', sql: { column: 'd_when', type: 'TEXT' } },
  { name: 'from', type: 'string?', sql: { column: 'd_from', type: 'TEXT' } },
  { name: 'to', type: 'string?', sql: { column: 'd_to', type: 'TEXT' } },
  { name: 'notBefore', type: 'string?', sql: { column: 'd_not_before', type: 'TEXT' } },
  { name: 'notAfter', type: 'string?', sql: { column: 'd_not_after', type: 'TEXT' } },
] as const satisfies readonly Field[];

type Fields = (typeof MENTION_FIELDS)[number];

/**
 * One row of `teikit query` output: the same object in the library, in `--format json`, in the SQLite index and in
 * the tests. What each field holds: `MENTION_FIELDS` and the README's table of fields.
 */
export type Mention = { [F in Fields as F['name']]: TypeOfField[F['type']] };

/** Field names in output order (the CSV columns). */
export const MENTION_FIELD_NAMES: ReadonlyArray<keyof Mention> = MENTION_FIELDS.map((f) => f.name);

/** `name TYPE` of each field stored in the index's `mentions` table, in field order. */
export const MENTION_SQL_COLUMNS: readonly string[] = MENTION_FIELDS.flatMap((f: Field) => (f.sql === undefined ? [] : [`${f.sql.column} ${f.sql.type}`]));

function fieldSchema(f: Field, kinds: readonly string[], pointerAttributes: readonly string[]): Record<string, unknown> {
  const described = (schema: Record<string, unknown>): Record<string, unknown> => (f.description === undefined ? schema : { ...schema, description: f.description });
  switch (f.type) {
    case 'string':
      return described(f.nonEmpty === true ? { type: 'string', minLength: 1 } : { type: 'string' });
    case 'string?':
      return described({ $ref: '#/definitions/nullableString' });
    case 'integer':
      return described(f.nonEmpty === true ? { type: 'integer', minimum: 1 } : { type: 'integer' });
    case 'boolean':
      return described({ type: 'boolean' });
    case 'string[]':
      return described({ type: 'array', items: { type: 'string' } });
    case 'kind':
      return described({ enum: [...kinds] });
    case 'pointerAttribute':
      return described({ enum: [...pointerAttributes, null] });
  }
}

/** The JSON Schema of `teikit query --format json` (schemas/query-result.schema.json). */
export function queryResultSchema(kinds: readonly string[], pointerAttributes: readonly string[]): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://teikit.example/schemas/query-result.schema.json',
    title: 'teikit query --format json',
    description: 'An array with one object per mention of a place, person, organisation or date, in file order then document order.',
    type: 'array',
    items: { $ref: '#/definitions/mention' },
    definitions: {
      nullableString: { type: ['string', 'null'] },
      mention: {
        type: 'object',
        additionalProperties: false,
        required: MENTION_FIELDS.map((f) => f.name),
        properties: Object.fromEntries(MENTION_FIELDS.map((f) => [f.name, fieldSchema(f, kinds, pointerAttributes)])),
      },
    },
  };
}
