// @ts-check
/**
 * The reference tools the tests and benches compare teikit with, found in one place: jing, trang, xmllint,
 * Saxon-HE, the Nu Html Checker (vnu-jar) and Chromium with ChromeDriver. Debian installs them (`.ci/run`); each is
 * found by its files, without starting a process, so importing this costs nothing. A test file calls
 * `skipUnless(tool, 'what is skipped')`, which warns loudly when the tool is absent, and skips with `it.skipIf`.
 * Plain JavaScript (type-checked through JSDoc) so that bench/*.mjs import it too.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

/**
 * @typedef {object} Tool
 * @property {string} name what the warning calls it
 * @property {boolean} available every file it needs is there
 * @property {string[]} argv the command and its fixed arguments; append the tool's own arguments
 * @property {string} missing what to install when it is absent
 */

/** @param {string} name @returns {string | undefined} an executable of that name on PATH */
function onPath(name) {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Debian's jars. */
const JAVA_DIR = '/usr/share/java';
/** @param {string} name */
const jar = (name) => join(JAVA_DIR, `${name}.jar`);

const java = onPath('java');

/**
 * @param {string} name
 * @param {boolean} available
 * @param {string[]} argv
 * @param {string} missing
 * @returns {Tool}
 */
const tool = (name, available, argv, missing) => ({ name, available, argv, missing });

/** Debian's `jing` wrapper: jing's driver with Xerces' XInclude processing switched on. */
const jingPath = onPath('jing');
export const jing = tool('jing', jingPath !== undefined, [jingPath ?? 'jing'], 'the Debian package jing');

/**
 * jing's driver without XInclude (teikit validates the tree it is given; `teikit validate --xinclude` is a separate
 * step), run by java from Debian's jars, with Saxon-HE and xml-resolver where jing's wrapper would add them.
 */
const jingJars = ['jing', 'xercesImpl', 'Saxon-HE', 'xml-resolver'].map(jar).filter((j) => existsSync(j));
export const jingDriver = tool(
  'jing (java driver, no XInclude)',
  java !== undefined && existsSync(jar('jing')) && existsSync(jar('xercesImpl')),
  [java ?? 'java', '-cp', jingJars.join(':'), 'com.thaiopensource.relaxng.util.Driver'],
  'java and the Debian package jing',
);

/** trang's jar, with Xerces (`java -cp CLASSPATH` is the caller's: trang is run from a Java class of the tests). */
export const trang = tool(
  'trang',
  java !== undefined && existsSync(jar('trang')) && existsSync(jar('xercesImpl')),
  [java ?? 'java', '-cp', [jar('trang'), jar('xercesImpl')].join(':')],
  'java and the Debian package trang',
);

const xmllintPath = onPath('xmllint');
export const xmllint = tool('xmllint', xmllintPath !== undefined, [xmllintPath ?? 'xmllint'], 'the Debian package libxml2-utils');
/** libxml2's catalog resolver, the reference for OASIS XML Catalogs lookups. */
const xmlcatalogPath = onPath('xmlcatalog');
export const xmlcatalog = tool('xmlcatalog', xmlcatalogPath !== undefined, [xmlcatalogPath ?? 'xmlcatalog'], 'the Debian package libxml2-utils');

/** Saxon-HE 9.9 (Debian libsaxonhe-java): `net.sf.saxon.Transform`. */
export const SAXON_HE_JAR = jar('Saxon-HE');
export const saxonHe = tool(
  'Saxon-HE',
  java !== undefined && existsSync(SAXON_HE_JAR),
  [java ?? 'java', '-cp', SAXON_HE_JAR, 'net.sf.saxon.Transform'],
  'java and the Debian package libsaxonhe-java',
);

/** The Nu Html Checker of the dev dependency vnu-jar, run with Debian's java. */
const vnuJar = (() => {
  try {
    return String(createRequire(import.meta.url)('vnu-jar'));
  } catch {
    return undefined;
  }
})();
export const vnu = tool(
  'the Nu Html Checker (vnu-jar)',
  java !== undefined && vnuJar !== undefined && existsSync(vnuJar),
  [java ?? 'java', '-jar', vnuJar ?? 'vnu.jar'],
  'java and the npm dev dependency vnu-jar',
);

/** Debian's Chromium and its ChromeDriver (playwright-core drives the browser itself; it downloads none). */
export const CHROMIUM = onPath('chromium') ?? '/usr/bin/chromium';
export const CHROMEDRIVER = onPath('chromedriver') ?? '/usr/bin/chromedriver';
export const chromium = tool(
  'Chromium',
  existsSync(CHROMIUM) && existsSync(CHROMEDRIVER),
  [CHROMIUM],
  'the Debian packages chromium and chromium-driver',
);

/**
 * Warn loudly, once per call, when `t` is absent; returns true when what needs it must be skipped.
 * @param {Tool} t
 * @param {string} what the tests that are skipped
 * @returns {boolean}
 */
export function skipUnless(t, what) {
  if (!t.available) console.warn(`\n*** ${t.name} is missing (install ${t.missing}); SKIPPED: ${what} ***\n`);
  return !t.available;
}

/**
 * Run `t` with `args`: stdout and stderr as text, never throwing.
 * @param {Tool} t
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptionsWithStringEncoding | {}} [options]
 * @returns {{ status: number | null; stdout: string; stderr: string }}
 */
export function runTool(t, args, options = {}) {
  const [command, ...fixed] = t.argv;
  const r = spawnSync(/** @type {string} */ (command), [...fixed, ...args], { maxBuffer: 256 * 1024 * 1024, ...options, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
