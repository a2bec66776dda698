// teikit's public API: named exports only. test/api.test.ts pins this list.
export { diagnostic, formatDiagnostic, hasErrors, TeikitError } from './diagnostics.js';
export type { Diagnostic, DiagnosticSource, Severity } from './diagnostics.js';
export { parseXml, serializeXml, tryParseXml } from './xml/index.js';
export type { XmlAttribute, XmlDocument, XmlElement, XmlNode, ParseOptions, ParseResult } from './xml/index.js';
