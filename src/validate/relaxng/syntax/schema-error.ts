/** Errors in a schema: one diagnostic naming the schema file, line and column, exit code 2 (source 'schema'). */
import { diagnostic, TeikitError } from '../../../diagnostics.js';

export function schemaError(file: string, line: number, column: number, message: string): TeikitError {
  return new TeikitError(diagnostic({ file, line, column, message, ruleId: 'relaxng/schema', source: 'schema' }), 2);
}

/** Where a schema element is reported: just after the `>` of its start tag, as jing's SAX locator stands. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

export function errorAt(place: Place, message: string): TeikitError {
  return schemaError(place.file, place.line, place.column, `incorrect RELAX NG schema: ${message}`);
}
