/**
 * `rules/geo-range`: a `geo` holds "latitude longitude" as two decimal numbers (TEI Guidelines 13.3.4.1: "by default, a
 * pair of numbers separated by whitespace, latitude followed by longitude", WGS84), with the latitude in -90..90
 * and the longitude in -180..180. Skipped when a `geoDecl` declares another datum, whose notation we do not know.
 */
import { TEI_NS, attr, textContent } from '../../xml/index.js';
import { excerpt } from '../../diagnostics.js';
import { ruleDiagnostic, type Rule } from './context.js';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export const geoRange: Rule = {
  id: 'rules/geo-range',
  check(context) {
    const otherDatum = context.elements.some((el) => {
      if (el.uri !== TEI_NS || el.local !== 'geoDecl') return false;
      const datum = attr(el, 'datum');
      return datum !== undefined && datum !== 'WGS84';
    });
    if (otherDatum) return [];
    const out = [];
    for (const el of context.elements) {
      if (el.uri !== TEI_NS || el.local !== 'geo') continue;
      const text = textContent(el).trim();
      const parts = text.split(/\s+/);
      if (parts.length !== 2 || !parts.every((p) => NUMBER.test(p))) {
        out.push(ruleDiagnostic(context, this.id, el, `<geo>"${excerpt(text, 80)}"</geo> is not "latitude longitude" (two decimal numbers separated by a space)`, { actual: text, expected: 'lat long' }));
        continue;
      }
      const [lat, long] = parts.map(Number) as [number, number];
      if (lat < -90 || lat > 90) {
        out.push(ruleDiagnostic(context, this.id, el, `latitude ${excerpt(parts[0]!, 40)} in <geo> is outside -90..90 (is the order "latitude longitude"?)`, { actual: text }));
      }
      if (long < -180 || long > 180) {
        out.push(ruleDiagnostic(context, this.id, el, `longitude ${excerpt(parts[1]!, 40)} in <geo> is outside -180..180`, { actual: text }));
      }
    }
    return out;
  },
};
