/** `value`: interned by datatype and the value's key in its value space (section 6.2.8 compares values, not strings). */
import type { Datatype, DatatypeValue } from '../datatypes/types.js';
import type { Interner } from './interner.js';
import { DATA_CT, type Pattern } from './pattern.js';

export function value(t: Interner, datatype: Datatype, v: DatatypeValue): Pattern {
  return t.intern(`v${datatype.key}=${v.key}`, 'value', false, DATA_CT, { datatype, value: v });
}
