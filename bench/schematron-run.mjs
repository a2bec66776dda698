// Helper of bench/schematron.mjs, one fresh process per use:
//   node bench/schematron-run.mjs SCHEMA FILE...   check each file (Schematron only), print one count line per file
//   node bench/schematron-run.mjs --xslt SCHEMA    print the XSLT 3.0 teikit compiles SCHEMA to
//   node bench/schematron-run.mjs --load SCHEMA    print the wall and CPU seconds a load from the on-disk cache takes
// SCHEMA is a .sch file, or a RELAX NG schema whose embedded rules are meant.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

const started = performance.now();
const sch = await import(join(root, 'dist/src/validate/schematron/index.js'));
const { embeddedSchematron } = await import(join(root, 'dist/src/validate/schematron/embedded.js'));
const { parseXml } = await import(join(root, 'dist/src/xml/index.js'));

const args = process.argv.slice(2);
const load = (schema) => (schema.endsWith('.sch') ? sch.loadSchematron(schema) : sch.loadEmbeddedSchematron(schema));

if (args[0] === '--xslt') {
  const schema = args[1];
  const model = schema.endsWith('.sch') ? sch.readSchematron(schema) : embeddedSchematron(parseXml(readFileSync(schema), { file: schema }), schema);
  process.stdout.write(sch.compileSchematron(model).xslt);
} else if (args[0] === '--load') {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const s = load(args[1]);
  if (!s.fromCache) throw new Error('not in the cache');
  const used = process.cpuUsage(cpu);
  console.log(`${((performance.now() - t) / 1000).toFixed(3)} ${((used.user + used.system) / 1e6).toFixed(3)}`);
} else {
  const [schema, ...files] = args;
  const s = load(schema);
  for (const file of files) {
    const run = sch.checkSchematron(s, parseXml(readFileSync(file), { file }), file);
    console.log(`${file}: ${run.fired.length} fired`);
  }
  console.error(`${((performance.now() - started) / 1000).toFixed(2)} s`);
}
