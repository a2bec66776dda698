/**
 * Name classes (RELAX NG section 3 "name classes", simplified form of section 4.12-4.16): `name`, `anyName` and
 * `nsName` (each with an optional `except`), and `choice`. They are immutable plain data, compared by a canonical
 * key so that interned patterns can name them.
 */

export type NameClass =
  | { kind: 'name'; ns: string; local: string }
  | { kind: 'anyName'; except: NameClass | undefined }
  | { kind: 'nsName'; ns: string; except: NameClass | undefined }
  | { kind: 'choice'; a: NameClass; b: NameClass };

export function contains(nc: NameClass, ns: string, local: string): boolean {
  switch (nc.kind) {
    case 'name':
      return nc.ns === ns && nc.local === local;
    case 'anyName':
      return nc.except === undefined || !contains(nc.except, ns, local);
    case 'nsName':
      return nc.ns === ns && (nc.except === undefined || !contains(nc.except, ns, local));
    case 'choice':
      return contains(nc.a, ns, local) || contains(nc.b, ns, local);
  }
}

/** jing's "specificity" of a match, used to pick the element patterns a misplaced element is checked against. */
export const SPECIFICITY_NONE = -1;
export function specificity(nc: NameClass, ns: string, local: string): number {
  switch (nc.kind) {
    case 'name':
      return nc.ns === ns && nc.local === local ? 2 : SPECIFICITY_NONE;
    case 'anyName':
      return contains(nc, ns, local) ? 0 : SPECIFICITY_NONE;
    case 'nsName':
      return contains(nc, ns, local) ? 1 : SPECIFICITY_NONE;
    case 'choice':
      return Math.max(specificity(nc.a, ns, local), specificity(nc.b, ns, local));
  }
}

export function nameClassKey(nc: NameClass): string {
  switch (nc.kind) {
    case 'name':
      return `{${nc.ns}}${nc.local}`;
    case 'anyName':
      return nc.except === undefined ? '*' : `*-(${nameClassKey(nc.except)})`;
    case 'nsName':
      return nc.except === undefined ? `{${nc.ns}}*` : `{${nc.ns}}*-(${nameClassKey(nc.except)})`;
    case 'choice':
      return `(${nameClassKey(nc.a)}|${nameClassKey(nc.b)})`;
  }
}

/** Whether the name class is a single name or a choice of names (no wildcard): RELAX NG DTD Compatibility, 4. */
export function simpleNames(nc: NameClass): Array<{ ns: string; local: string }> | undefined {
  if (nc.kind === 'name') return [{ ns: nc.ns, local: nc.local }];
  if (nc.kind === 'choice') {
    const a = simpleNames(nc.a);
    const b = simpleNames(nc.b);
    return a === undefined || b === undefined ? undefined : [...a, ...b];
  }
  return undefined;
}

/**
 * Whether two name classes share a name (RELAX NG section 7.3 and 7.4). As the specification suggests: a name in both
 * exists iff one of the representative names drawn from either class (each `name`, and for each namespace a local
 * name no schema can spell) is in both.
 */
export function overlaps(a: NameClass, b: NameClass): boolean {
  const reps: Array<[string, string]> = [];
  const ILLEGAL = '\u0000';
  const collect = (nc: NameClass): void => {
    switch (nc.kind) {
      case 'name':
        reps.push([nc.ns, nc.local]);
        break;
      case 'anyName':
        reps.push([ILLEGAL, ILLEGAL]);
        if (nc.except !== undefined) collect(nc.except);
        break;
      case 'nsName':
        reps.push([nc.ns, ILLEGAL]);
        if (nc.except !== undefined) collect(nc.except);
        break;
      case 'choice':
        collect(nc.a);
        collect(nc.b);
    }
  };
  collect(a);
  collect(b);
  return reps.some(([ns, local]) => contains(a, ns, local) && contains(b, ns, local));
}

/**
 * The union of name classes as jing describes it in "expected ..." lists: the names it can spell (those not
 * already covered by a wildcard of the union), and whether a wildcard is present.
 */
export interface NormalizedNames {
  names: Array<{ ns: string; local: string }>;
  wildcard: boolean;
}

export function normalizeNames(classes: readonly NameClass[]): NormalizedNames {
  const names: Array<{ ns: string; local: string }> = [];
  const wild: NameClass[] = [];
  const walk = (nc: NameClass): void => {
    if (nc.kind === 'choice') {
      walk(nc.a);
      walk(nc.b);
    } else if (nc.kind === 'name') names.push({ ns: nc.ns, local: nc.local });
    else wild.push(nc);
  };
  for (const c of classes) walk(c);
  const seen = new Set<string>();
  const out: Array<{ ns: string; local: string }> = [];
  for (const n of names) {
    const k = `{${n.ns}}${n.local}`;
    if (seen.has(k)) continue;
    seen.add(k);
    if (wild.some((w) => contains(w, n.ns, n.local))) continue;
    out.push(n);
  }
  return { names: out, wildcard: wild.length > 0 };
}

/**
 * Expanded names (namespace URI, local name) as small integers, one table per grammar, so that the memo tables of
 * derivative.ts are keyed by a number instead of a string built at every start tag and attribute. The lookup is two
 * map reads on strings the tokenizer already interned (their hashes are cached), with nothing allocated.
 */
export class NameIds {
  /** local name -> the namespaces it was seen with and their ids, in pairs (nearly always one pair). */
  private readonly byLocal = new Map<string, Array<string | number>>();
  private count = 0;

  id(ns: string, local: string): number {
    let list = this.byLocal.get(local);
    if (list === undefined) this.byLocal.set(local, (list = []));
    for (let i = 0; i < list.length; i += 2) if (list[i] === ns) return list[i + 1] as number;
    const id = this.count++;
    list.push(ns, id);
    return id;
  }
}
