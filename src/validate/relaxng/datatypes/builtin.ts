/**
 * The built-in datatype library (RELAX NG section 6.2.9, datatypeLibrary ""): `string` (the string as is) and
 * `token` (whitespace collapsed); neither takes parameters.
 */
import { DatatypeError, type Datatype, type DatatypeLibrary } from './types.js';
import { collapse } from './whitespace.js';

function make(name: 'string' | 'token'): Datatype {
  const norm = name === 'string' ? (s: string) => s : collapse;
  return {
    key: `|${name}`,
    library: '',
    name,
    params: [],
    allowsAnyString: true,
    needsContext: false,
    idType: undefined,
    check: () => undefined,
    parse: (value) => ({ key: norm(value), raw: value }),
  };
}

const TYPES = { string: make('string'), token: make('token') };

export const builtinLibrary: DatatypeLibrary = {
  uri: '',
  has: (name) => name === 'string' || name === 'token',
  create(name, params) {
    if (name !== 'string' && name !== 'token') throw new DatatypeError(`no such builtin datatype "${name}": must be "string" or "token"`);
    if (params.length > 0) throw new DatatypeError('builtin datatypes do not have any parameters');
    return TYPES[name];
  },
};
