/**
 * The vocabulary as an XSLT 3.0 module, so that the stylesheets in transforms/ use the same lists as the TypeScript
 * stages. `npm run build` writes it to transforms/generated/vocabulary.xsl (build output); a stylesheet includes
 * it with `<xsl:include href="generated/vocabulary.xsl"/>` (from transforms/) and uses the names documented in the
 * README ("TEI vocabulary"). Everything lives in the namespace `urn:teikit:vocabulary` (prefix `tv`), so it cannot
 * clash with a stylesheet's own `tk:` names.
 */
import { DATE_ATTRIBUTES, DATE_ELEMENTS, ISO_DATE_ATTRIBUTES, NOT_DATED_ELEMENTS } from './dates.js';
import { LANGUAGE_NAMES } from './languages.js';
import { GENERIC_NAME_ELEMENTS, GENERIC_NAME_TYPES, KINDS, NAME_ELEMENTS, NAME_PARTS } from './names.js';
import { ENTRY_IDENTITY_ATTRIBUTES, LOCAL_POINTER_ATTRIBUTES, REFERENCE_ATTRIBUTES } from './pointers.js';
import { ENTRY_ELEMENTS, KIND_ELEMENTS, PREFERRED_NAME_TYPES, REGISTER_ELEMENTS } from './registers.js';
import { ALTERNATIVE_ELEMENTS, ASIDE_ELEMENTS, BREAK_ELEMENTS, PHRASE_ELEMENTS } from './text.js';

export const VOCABULARY_NAMESPACE = 'urn:teikit:vocabulary';
const TEI = 'http://www.tei-c.org/ns/1.0';

/** An XPath 3.1 string literal (XPath 3.1, 3.1.1: a quote inside is doubled), escaped for an XML attribute. */
function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
function sequence(items: readonly string[]): string {
  return `(${items.map(literal).join(', ')})`;
}
function map(entries: ReadonlyArray<readonly [string, string | readonly string[]]>): string {
  return `map{${entries.map(([k, v]) => `${literal(k)}: ${typeof v === 'string' ? literal(v) : sequence(v)}`).join(', ')}}`;
}
function variable(name: string, as: string, select: string, doc: string): string {
  return `  <!-- ${doc} -->\n  <xsl:variable name="tv:${name}" as="${as}" select="${select}"/>\n`;
}

/** The text of transforms/generated/vocabulary.xsl. */
export function vocabularyXslt(): string {
  const strings = 'xs:string*';
  const stringMap = 'map(xs:string, xs:string)';
  const parts = [
    variable('kinds', strings, sequence(KINDS), 'What a name or register entry denotes (src/tei/names.ts).'),
    variable('name-kinds', stringMap, map(Object.entries(NAME_ELEMENTS)), 'Name element -> kind (TEI 13.2.1, 13.2.3).'),
    variable('generic-name-elements', strings, sequence(GENERIC_NAME_ELEMENTS), 'rs and name: their @type says what they name (TEI 13.2.1).'),
    variable('generic-name-types', stringMap, map(Object.entries(GENERIC_NAME_TYPES)), 'Lower-cased @type of rs/name -> kind.'),
    variable('name-elements', strings, sequence([...Object.keys(NAME_ELEMENTS), ...GENERIC_NAME_ELEMENTS]), 'Every name element.'),
    variable('name-parts', strings, sequence(NAME_PARTS), 'Parts of a personal name (TEI 13.2.2).'),
    variable('entry-kinds', stringMap, map(Object.entries(ENTRY_ELEMENTS)), 'Register entry element -> kind (TEI 13.3).'),
    variable('kind-entries', stringMap, map(KINDS.map((k) => [k, KIND_ELEMENTS[k].entry])), 'Kind -> register entry element.'),
    variable('kind-lists', stringMap, map(KINDS.map((k) => [k, KIND_ELEMENTS[k].list])), 'Kind -> register list element.'),
    variable('entry-name-elements', 'map(xs:string, xs:string*)', map(KINDS.map((k) => [k, KIND_ELEMENTS[k].entryNames])), 'Kind -> children of an entry that are its names.'),
    variable('preferred-name-types', strings, sequence(PREFERRED_NAME_TYPES), '@type values marking the preferred name of an entry.'),
    variable('register-elements', strings, sequence(REGISTER_ELEMENTS), 'Lists and entries: not running text (TEI 13.3).'),
    variable('reference-attributes', strings, sequence(REFERENCE_ATTRIBUTES), 'Attributes saying which entity a name names, in order (TEI 13.1.1).'),
    variable('local-pointer-attributes', strings, sequence(LOCAL_POINTER_ATTRIBUTES), 'teidata.pointer attributes whose #id must resolve (TEI 16.2).'),
    variable('entry-identity-attributes', strings, sequence(ENTRY_IDENTITY_ATTRIBUTES), 'Attributes of an entry naming it in an authority.'),
    variable('date-attributes', strings, sequence(DATE_ATTRIBUTES), 'att.datable.w3c (TEI 3.6.4, 13.4).'),
    variable('iso-date-attributes', strings, sequence(ISO_DATE_ATTRIBUTES), 'att.datable.iso.'),
    variable('date-elements', strings, sequence(DATE_ELEMENTS), 'Elements that are dates when they carry a date attribute.'),
    variable('not-dated-elements', strings, sequence(NOT_DATED_ELEMENTS), 'Elements whose @from/@to are not dates.'),
    variable('phrase-elements', strings, sequence(PHRASE_ELEMENTS), 'Phrase-level elements: their tags do not separate words.'),
    variable('break-elements', strings, sequence(BREAK_ELEMENTS), 'Milestones that separate words unless @break="no" (TEI 3.11.3).'),
    variable('alternative-elements', strings, sequence(ALTERNATIVE_ELEMENTS), 'Elements whose children are alternatives.'),
    variable('aside-elements', strings, sequence(ASIDE_ELEMENTS), 'Not running text although outside the header.'),
    variable('language-names', stringMap, map(Object.entries(LANGUAGE_NAMES)), 'BCP 47 primary tag -> English name.'),
  ];
  const functions = `
  <!-- The kind a TEI name states by itself: from its element name, else (rs, name) from its @type; empty for any
       other element and for an rs/name whose type says nothing. -->
  <xsl:function name="tv:name-kind" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="n" select="local-name($el)"/>
    <xsl:sequence select="if (namespace-uri($el) ne '${TEI}') then ()
      else if (map:contains($tv:name-kinds, $n)) then map:get($tv:name-kinds, $n)
      else if ($n = $tv:generic-name-elements and $el/@type) then map:get($tv:generic-name-types, lower-case($el/@type))
      else ()"/>
  </xsl:function>

  <!-- True for a TEI name element (specific or generic). -->
  <xsl:function name="tv:is-name" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="namespace-uri($el) eq '${TEI}' and local-name($el) = $tv:name-elements"/>
  </xsl:function>

  <!-- The kind of a TEI register entry (place, person, personGrp, org), or empty. -->
  <xsl:function name="tv:entry-kind" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if (namespace-uri($el) eq '${TEI}') then map:get($tv:entry-kinds, local-name($el)) else ()"/>
  </xsl:function>

  <!-- The children of a register entry that are names of it, in document order. -->
  <xsl:function name="tv:entry-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="kind" select="tv:entry-kind($entry)"/>
    <xsl:sequence select="if (exists($kind)) then $entry/*[local-name() = map:get($tv:entry-name-elements, $kind)] else ()"/>
  </xsl:function>

  <!-- True for a date or time carrying a W3C or ISO date attribute. -->
  <xsl:function name="tv:is-dated" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="namespace-uri($el) eq '${TEI}' and local-name($el) = $tv:date-elements
      and exists($el/@*[namespace-uri() eq ''][local-name() = ($tv:date-attributes, $tv:iso-date-attributes)])"/>
  </xsl:function>

  <!-- The English name of a language tag's primary subtag, or empty when not known. -->
  <xsl:function name="tv:language-name" as="xs:string?">
    <xsl:param name="tag" as="xs:string?"/>
    <xsl:sequence select="map:get($tv:language-names, lower-case(tokenize(string($tag), '-')[1]))"/>
  </xsl:function>
`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by \`npm run build\` from src/tei/ (src/tei/xslt.ts): do not edit; change the TypeScript instead. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tv="${VOCABULARY_NAMESPACE}"
  exclude-result-prefixes="#all">

${parts.join('\n')}${functions}</xsl:stylesheet>
`;
}
