/**
 * One definition of the mention row (src/query/mention-row.ts): the JSON Schema in schemas/, the CSV header and the
 * index's table all follow from it. `UPDATE=1` rewrites the schema file from the definition.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_SQL } from '../src/query/db.js';
import { CSV_COLUMNS, QUERY_KINDS } from '../src/query/index.js';
import { queryResultSchema } from '../src/query/mention-row.js';
import { REFERENCE_ATTRIBUTES } from '../src/tei/index.js';
import { projectRoot } from './helpers.js';

const schemaFile = `${projectRoot}schemas/query-result.schema.json`;

describe('the mention row', () => {
  it('schemas/query-result.schema.json is the schema the definition gives', () => {
    const schema = queryResultSchema(QUERY_KINDS, REFERENCE_ATTRIBUTES);
    if (process.env.UPDATE === '1') writeFileSync(schemaFile, JSON.stringify(schema, null, 2) + '\n');
    expect(JSON.parse(readFileSync(schemaFile, 'utf8'))).toEqual(schema);
  });

  it('gives the CSV header', () => {
    expect(CSV_COLUMNS.join(',')).toBe(
      'file,line,column,kind,element,type,surface,pointer,pointerAttribute,entry,register,preferred,names,title,date,left,right,inHeader,when,from,to,notBefore,notAfter',
    );
  });

  it('gives the columns of the index table "mentions"', () => {
    const db = new Database(':memory:');
    db.exec(SCHEMA_SQL);
    const columns = (db.prepare('PRAGMA table_info(mentions)').all() as Array<{ name: string; type: string; notnull: number }>).map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}`);
    db.close();
    expect(columns).toEqual([
      'id INTEGER', 'file_id INTEGER NOT NULL', 'seq INTEGER NOT NULL', 'line INTEGER NOT NULL', 'col INTEGER NOT NULL', 'kind TEXT NOT NULL',
      'element TEXT NOT NULL', 'type TEXT', 'surface TEXT NOT NULL', 'pointer TEXT', 'pointer_attr TEXT', 'left_ctx TEXT NOT NULL',
      'right_ctx TEXT NOT NULL', 'in_header INTEGER NOT NULL', 'd_when TEXT', 'd_from TEXT', 'd_to TEXT', 'd_not_before TEXT', 'd_not_after TEXT',
      'surface_norm TEXT NOT NULL', 'entry INTEGER', 'range_lo INTEGER', 'range_hi INTEGER',
    ]);
  });
});
