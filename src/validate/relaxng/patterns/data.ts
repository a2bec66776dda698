/** `data`, and `data` with `except` (section 4.20: an except of notAllowed is no except). */
import type { Datatype } from '../datatypes/types.js';
import type { Interner } from './interner.js';
import { DATA_CT, type Pattern } from './pattern.js';

export function data(t: Interner, datatype: Datatype): Pattern {
  return t.intern(`d${datatype.key}`, 'data', false, DATA_CT, { datatype });
}

export function dataExcept(t: Interner, datatype: Datatype, except: Pattern): Pattern {
  if (except.kind === 'notAllowed') return data(t, datatype);
  return dataExceptOf(t, datatype, except);
}

/** Exactly this except (as cache.ts restores it). */
export function dataExceptOf(t: Interner, datatype: Datatype, except: Pattern): Pattern {
  return t.intern(`d${datatype.key}-${except.id}`, 'dataExcept', false, DATA_CT, { datatype, a: except });
}
