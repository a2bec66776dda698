/**
 * Tables keyed by strings that come from outside: element names, encoding names, entity names, datatype names,
 * words of a date, command names. A plain object literal inherits `constructor`, `toString`, `__proto__` and the rest
 * of `Object.prototype`, so `TABLE[name]` for an element named `constructor` would find a function, not "no entry"
 * (a crash, or a wrong answer such as a name element where there is none). These tables have no prototype:
 * a lookup finds only the keys written here.
 */

/** A frozen table with no prototype, holding exactly `entries`. */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** An empty record with no prototype, for one filled from a document at run time. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
