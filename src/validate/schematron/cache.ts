/**
 * The compiled form of a Schematron schema: the XSLT 3.0 stylesheet of compile.ts, compiled to SEF (saxon-js's
 * stylesheet export format) by the XSLT compiler of the `xslt3` package, run as a child process the way the build
 * compiles `transforms/`. saxon-js runs SEF but exports no compiler API of its own (its embedded compiler refuses
 * to run through the public `transform` entry point), so the child process is the supported route.
 *
 * Compiling costs about a second; the result is cached on disk by the SHA-256 of the stylesheet text (which holds
 * every expression of the schema and the phase), under `<cache dir>/schematron/`, next to the RELAX NG cache and
 * in the same directory (`$TEIKIT_CACHE_DIR`). A cache that cannot be written is skipped, never an error.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../diagnostics.js';
import { readRegularFile, sha256, tryReadRegularFile, writeAtomically } from '../../io.js';
import type { CompiledXslt } from './compile.js';
import { schemaError } from './read.js';

/** Bumped whenever the stylesheets compile.ts writes change meaning. */
const FORMAT = 2;

export interface Sef {
  /** The parsed SEF, as saxon-js's `stylesheetInternal` takes it. */
  sef: unknown;
  hash: string;
  fromCache: boolean;
}

function xslt3Script(): string {
  return createRequire(import.meta.url).resolve('xslt3/xslt3.js');
}

/** The compiler's first error, `Static error in XPath on line N in FILE {expr}: message`, at the schema's place. */
function compileError(stderr: string, compiled: CompiledXslt): Error {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^Failed to compile stylesheet/.test(l));
  const code = /^Error (\w+)/.exec(lines[0] ?? '')?.[1];
  const detail = lines.find((l) => /on line \d+/.test(l)) ?? lines.slice(code === undefined ? 0 : 1).join(' ');
  const line = Number(/on line (\d+)/.exec(detail)?.[1] ?? '0');
  const at = compiled.lines[line - 1] ?? compiled.lines[0]!;
  const message = detail
    .replace(/^(Static error|Error)( in XPath)? on line \d+( in \S+)?\s*/, '')
    .replace(/^\{([^]*?)\}:\s*/, 'in "$1": ')
    .trim();
  return schemaError(at, `Schematron does not compile${code !== undefined ? ` (${code})` : ''}: ${message || 'the XSLT compiler failed'}`, 'schematron-compile');
}

function compileToSef(compiled: CompiledXslt, dir: string): string {
  const xsl = join(dir, 'schema.xsl');
  const out = join(dir, 'schema.sef.json');
  writeAtomically(xsl, compiled.xslt);
  const result = spawnSync(process.execPath, [xslt3Script(), `-xsl:${xsl}`, `-export:${out}`, '-nogo', '-relocate:on'], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) throw compileError(`${result.stderr ?? ''}\n${result.stdout ?? ''}`, compiled);
  return new TextDecoder().decode(readRegularFile(out, 'schema'));
}

/** The SEF of `compiled`, from `<cacheDir>/schematron/` or compiled now (and cached unless `noCache`). */
export function sefFor(compiled: CompiledXslt, cacheDir: string, noCache: boolean): Sef {
  const hash = sha256(`teikit-schematron@${FORMAT}\0${compiled.xslt}`);
  const entry = join(cacheDir, 'schematron', `${hash}.sef.json`);
  if (!noCache) {
    const read = tryReadRegularFile(entry, 'schema');
    try {
      if (read.ok) return { sef: JSON.parse(new TextDecoder().decode(read.bytes)) as unknown, hash, fromCache: true };
    } catch {
      // not cached yet (or damaged): compile below
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'teikit-sch-'));
  try {
    const text = compileToSef(compiled, dir);
    if (!noCache) {
      try {
        writeAtomically(entry, text);
      } catch {
        // the cache is an optimisation
      }
    }
    return { sef: JSON.parse(text) as unknown, hash, fromCache: false };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rules embedded in a RELAX NG schema, by the schema's bytes: a cached load then neither parses the schema (150 ms
// for tei_all.rng) nor takes its rules out and writes the stylesheet again; it reads one small entry and the SEF.

/** What a cached load needs besides the SEF: its hash, the phase, the schema's notes; `none`: no embedded rules. */
export interface SourceEntry {
  none?: true;
  hash?: string;
  phase?: string;
  notes?: Diagnostic[];
}

let codeHash: string | undefined;

/** The code that turns a schema into a stylesheet: an entry made by other code is never used. */
function compilerVersion(): string {
  if (codeHash === undefined) {
    // The compiled modules (dist/), or their sources when run from them (tests).
    const parts = ['compile', 'embedded', 'read'].map((m) => {
      for (const ext of ['.js', '.ts']) {
        const read = tryReadRegularFile(fileURLToPath(new URL(`./${m}${ext}`, import.meta.url)), 'schema');
        if (read.ok) return sha256(read.bytes);
      }
      return m;
    });
    codeHash = sha256(parts.join('\0'));
  }
  return codeHash;
}

function sourcePath(cacheDir: string, file: string, bytes: Uint8Array): string {
  return join(cacheDir, 'schematron', 'embedded', `${sha256(`${FORMAT}\0${compilerVersion()}\0${file}\0${sha256(bytes)}`)}.json`);
}

/** The entry for the RELAX NG schema `file` with these bytes, if cached (and, unless `none`, its SEF too). */
export function readSourceEntry(cacheDir: string, file: string, bytes: Uint8Array): { entry: SourceEntry; sef?: unknown } | undefined {
  const read = tryReadRegularFile(sourcePath(cacheDir, file, bytes), 'schema');
  if (!read.ok) return undefined;
  try {
    const entry = JSON.parse(new TextDecoder().decode(read.bytes)) as SourceEntry;
    if (entry.none === true) return { entry };
    const sef = tryReadRegularFile(join(cacheDir, 'schematron', `${entry.hash}.sef.json`), 'schema');
    if (!sef.ok) return undefined;
    return { entry, sef: JSON.parse(new TextDecoder().decode(sef.bytes)) as unknown };
  } catch {
    return undefined; // damaged: read the schema again
  }
}

export function writeSourceEntry(cacheDir: string, file: string, bytes: Uint8Array, entry: SourceEntry): void {
  try {
    writeAtomically(sourcePath(cacheDir, file, bytes), JSON.stringify(entry));
  } catch {
    // the cache is an optimisation
  }
}
