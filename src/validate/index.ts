/**
 * `teikit validate` as a library: well-formedness, RELAX NG (every schema that applies), Schematron, edition rules;
 * one file or a batch.
 */
export { validateFile, validateSource, validateDocument } from './validate-file.js';
export { validateFiles } from './batch.js';
export { resolveSchema, editionSchemaPath, type NamedSchema, type SchemaChoice, type SchemaOrigin } from './association.js';
export { resolveXIncludes, type XIncludeResult } from './xinclude.js';
export { checkRules, RULES, checkW3cDate, type Rule, type RuleContext } from './rules/index.js';
export { formatText, formatJson, exitCode as validationExitCode } from './report.js';
export type {
  FileReport,
  SchemaUsed,
  ValidateFilesOptions,
  ValidateOptions,
  ValidationReport,
  ValidationSummary,
  Verdict,
} from './types.js';
