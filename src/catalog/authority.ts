/**
 * Authority URIs in the forms correspSearch harvests (CMIF, https://correspsearch.net): GND, VIAF, Wikidata,
 * GeoNames. Registers write them in many ways (`https://www.wikidata.org/wiki/Q3085`, `<idno type="gnd">118540238
 * </idno>`, `gnd:118540238`); one canonical URI per authority, as in the CMIF examples.
 */
export interface Authority {
  name: 'gnd' | 'viaf' | 'wikidata' | 'geonames';
  /** Matches a URI of this authority; group 1 is the identifier. */
  uri: RegExp;
  /** A bare identifier (from a typed `idno`, or `type:id`). */
  id: RegExp;
  canonical: (id: string) => string;
}

export const AUTHORITIES: readonly Authority[] = [
  { name: 'gnd', uri: /^https?:\/\/(?:d-nb\.info|lobid\.org)\/gnd\/([0-9X-]+)\/?$/i, id: /^[0-9X-]{4,}$/i, canonical: (id) => `http://d-nb.info/gnd/${id}` },
  { name: 'viaf', uri: /^https?:\/\/(?:www\.)?viaf\.org\/viaf\/(\d+)\/?$/i, id: /^\d+$/, canonical: (id) => `http://viaf.org/viaf/${id}` },
  { name: 'wikidata', uri: /^https?:\/\/(?:www\.)?wikidata\.org\/(?:wiki|entity)\/(Q\d+)\/?$/i, id: /^Q\d+$/, canonical: (id) => `http://www.wikidata.org/entity/${id}` },
  { name: 'geonames', uri: /^https?:\/\/(?:www\.|sws\.)?geonames\.org\/(\d+)(?:\/.*)?$/i, id: /^\d+$/, canonical: (id) => `http://www.geonames.org/${id}` },
];

/** Which authorities to prefer, best first. */
export const PREFERENCE: Readonly<Record<'person' | 'org' | 'place', readonly Authority['name'][]>> = {
  person: ['gnd', 'viaf', 'wikidata'],
  org: ['gnd', 'viaf', 'wikidata'],
  place: ['geonames', 'wikidata', 'gnd'],
};

/** The canonical URI and authority of one token (`https://d-nb.info/gnd/1`, `gnd:1`, or `1` with its idno type). */
export function canonicalUri(token: string, type?: string): { name: Authority['name']; uri: string } | null {
  const t = token.trim();
  for (const a of AUTHORITIES) {
    const m = a.uri.exec(t);
    if (m !== null) return { name: a.name, uri: a.canonical(m[1]!.toUpperCase().startsWith('Q') ? m[1]!.toUpperCase() : m[1]!) };
  }
  const colon = /^([A-Za-z]+):(.+)$/.exec(t);
  const [kind, id] = colon !== null && !/^https?$/i.test(colon[1]!) ? [colon[1]!.toLowerCase(), colon[2]!] : [type?.toLowerCase(), t];
  const a = AUTHORITIES.find((x) => x.name === kind);
  if (a !== undefined && id !== undefined && a.id.test(id)) return { name: a.name, uri: a.canonical(id) };
  return null;
}

/** The best authority URI among `tokens` for this kind of entity; else the first http(s) URI; else null. */
export function bestUri(tokens: readonly string[], kind: 'person' | 'org' | 'place'): string | null {
  const found = tokens.map((t) => canonicalUri(t)).filter((c): c is NonNullable<typeof c> => c !== null);
  for (const name of PREFERENCE[kind]) {
    const hit = found.find((f) => f.name === name);
    if (hit !== undefined) return hit.uri;
  }
  return tokens.find((t) => /^https?:\/\/\S+$/.test(t)) ?? null;
}
