/**
 * The datatype libraries a schema may name (RELAX NG section 6.2.7 and 6.2.8): the built-in library, XML Schema
 * datatypes, and RELAX NG DTD Compatibility datatypes (section 5 of that specification: ID, IDREF, IDREFS).
 */
import { builtinLibrary } from './builtin.js';
import { DatatypeError, type Datatype, type DatatypeLibrary } from './types.js';
import { collapse, tokens } from './whitespace.js';
import { xsdLibrary, XSD_URI } from './xsd.js';

export { DatatypeError, NO_CONTEXT, type Datatype, type DatatypeLibrary, type DatatypeValue, type ValueContext } from './types.js';
export { XSD_URI } from './xsd.js';

const COMPATIBILITY_URI = 'http://relaxng.org/ns/compatibility/datatypes/1.0';

const compatibilityLibrary: DatatypeLibrary = {
  uri: COMPATIBILITY_URI,
  has: (name) => name === 'ID' || name === 'IDREF' || name === 'IDREFS',
  create(name, params, context) {
    if (!this.has(name)) throw new DatatypeError(`datatype "${name}" from library "${COMPATIBILITY_URI}" not recognized`);
    if (params.length > 0) throw new DatatypeError('invalid parameters');
    const xsd = xsdLibrary.create(name, [], context);
    return { ...xsd, key: `${COMPATIBILITY_URI}|${name}`, library: COMPATIBILITY_URI } satisfies Datatype;
  },
};

const LIBRARIES = new Map<string, DatatypeLibrary>([
  ['', builtinLibrary],
  [XSD_URI, xsdLibrary],
  [COMPATIBILITY_URI, compatibilityLibrary],
]);

export function findLibrary(uri: string): DatatypeLibrary | undefined {
  return LIBRARIES.get(uri);
}

export { collapse, tokens };
