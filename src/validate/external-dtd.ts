/**
 * The external DTD subset a document's DOCTYPE names (XML 1.0, 2.8), read as jing reads it: its attribute defaults
 * (3.3.2) and entity declarations (4.2) apply to the document, so that a TEI file with `<!DOCTYPE TEI SYSTEM
 * "tei.dtd">` gets the same verdict from teikit as from jing. Only a local regular file is read, through io.ts (size
 * cap included; never a device or FIFO); entity expansion stays within the XML layer's budget (src/xml/dtd.ts). A
 * remote DTD (http, https, any other scheme) is never fetched unless a catalog maps it to a local file: an `info`
 * line says its defaults and entities are not applied.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { localFile } from '../href.js';
import { tryReadRegularFile } from '../io.js';
import { loadCatalog, resolveExternalId } from './catalog.js';

/** Line and column (1-based) of the DOCTYPE in the input, for the info lines; 1:1 when it cannot be found. */
function doctypeAt(input: string | Uint8Array): { line: number; column: number } {
  const text = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, Math.min(input.length, 65536)).toString('latin1');
  const at = text.indexOf('<!DOCTYPE');
  if (at < 0) return { line: 1, column: 1 };
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

/**
 * The `externalDtd` hook of src/xml for the document `file` (relative system ids against its folder): the text of
 * a local DTD, or undefined with an `info` diagnostic pushed to `notes`.
 */
export function externalDtdReader(file: string, input: string | Uint8Array, notes: Diagnostic[], catalog?: string): (systemId: string, publicId: string | undefined) => string | undefined {
  return (systemId, publicId) => {
    const note = (message: string): undefined => {
      notes.push(diagnostic({ file, ...doctypeAt(input), severity: 'info', message, ruleId: 'xml/external-dtd', source: 'xml' }));
      return undefined;
    };
    // A catalog maps the DOCTYPE's public and system ids first (XML Catalogs 1.1, 7.1), as jing's resolver does.
    let path = catalog === undefined ? undefined : resolveExternalId(loadCatalog(catalog), systemId, publicId);
    if (path === undefined) {
      const target = localFile(systemId, file);
      if ('badFileUrl' in target) return note(`the external DTD "${systemId}" is not a usable file URL; its attribute defaults and entities are not applied`);
      if ('remote' in target) return note(`the external DTD "${systemId}" is remote and is never fetched; its attribute defaults and entities are not applied`);
      path = target.path;
    }
    const read = tryReadRegularFile(path, 'schema');
    if (!read.ok) return note(`the external DTD "${systemId}" cannot be read (${read.reason}); its attribute defaults and entities are not applied`);
    return new TextDecoder().decode(read.bytes);
  };
}
