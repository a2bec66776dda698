/**
 * The external DTD subset a DOCTYPE names: a local one is read for attribute defaults and entities (as jing reads
 * it), a remote one never (an info line says so), whatever the path is never a device.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runCli } from './helpers.js';
import { jing, runTool } from './tools.mjs';

const dir = join(projectRoot, 'test/fixtures/validate/dtd');
const schema = join(dir, 'doc.rng');
/** The verdict line shows the schema relative to the working directory (the project root). */
const shown = 'test/fixtures/validate/dtd/doc.rng';
const hasJing = jing.available;
const stable = (s: string): string => s.replace(/; \d+\.\d+ s$/m, '; T s');

describe('external DTD subset', () => {
  it('a local DTD gives its attribute defaults and entities, as jing does', () => {
    const r = runCli(['validate', '--schema', schema, join(dir, 'local.xml')]);
    expect(stable(r.stdout)).toBe(`${dir}/local.xml: valid (schema: ${shown})\n1 file: 1 valid, 0 invalid, 0 malformed; 0 errors, 0 warnings; T s\n`);
    expect(r.status).toBe(0);
    if (hasJing) expect(runTool(jing, [schema, join(dir, 'local.xml')]).status).toBe(0);
  });

  it('a remote DTD is never fetched: an info line, and the document is judged without it', () => {
    const r = runCli(['validate', '--schema', schema, join(dir, 'remote.xml')]);
    expect(stable(r.stdout)).toBe(
      `${dir}/remote.xml:2:1: info the external DTD "http://example.org/defaults.dtd" is remote and is never fetched; its attribute defaults and entities are not applied [xml/external-dtd]\n` +
        `${dir}/remote.xml:3:6: error element "doc" missing required attribute "type" [relaxng/invalid]\n` +
        `${dir}/remote.xml: invalid, 1 error (schema: ${shown})\n` +
        '1 file: 0 valid, 1 invalid, 0 malformed; 1 error, 0 warnings; T s\n',
    );
    expect(r.status).toBe(1);
  });
});
