<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared functions of teikit's TEI transforms (included by tei-html.xsl and tei-text.xsl).
  Everything here is linear: id lookups go through the key "tk:id", never through //*[@xml:id = $x].
  Match patterns say note[ancestor::text], never text//note: saxon-js tests a pattern "A//B" by searching the
  descendants of each A, which made a 1 MB FRUS volume take 28 s instead of 1 s.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xmlns:eg="http://www.tei-c.org/ns/Examples"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- Every element with an xml:id, for pointer resolution (TEI Guidelines 16.2, "Pointing mechanisms"). -->
  <xsl:key name="tk:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!--
    The element a pointer such as @ref="#ili" designates in this document, or the empty sequence. Only the first
    token of a multi-valued pointer is used, and only same-document "#id" pointers are resolved.
  -->
  <xsl:function name="tk:target" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="first" select="tokenize(normalize-space($pointer), ' ')[1]"/>
    <xsl:sequence select="if (starts-with($first, '#') and string-length($first) gt 1)
      then key('tk:id', substring($first, 2), root($context))[1] else ()"/>
  </xsl:function>

  <!--
    A URL from the document that may become a link, or the empty sequence. Browsers strip leading and trailing C0
    controls and spaces and drop tabs and newlines anywhere (WHATWG URL Standard, "basic URL parser"), so
    " JaVa&#9;script:" would run as "javascript:"; we do the same clean-up first and then allow only http(s),
    mailto and same-document fragments. Everything else (javascript:, data:, vbscript:, file:, relative paths)
    is not linked.
  -->
  <xsl:function name="tk:safe-url" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="clean" select="replace(replace(string($url), '^[\p{Cc}\p{Z}\s]+|[\p{Cc}\p{Z}\s]+$', ''), '[\t\n\r]', '')"/>
    <xsl:sequence select="if (matches($clean, '^(https?://[^\s]|mailto:[^\s]|#)', 'i')
      and not(matches($clean, '[\p{Cc}]'))) then $clean else ()"/>
  </xsl:function>

  <!-- A language tag that is safe and plausible (BCP 47 shape), or the empty sequence. -->
  <xsl:function name="tk:lang" as="xs:string?">
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:sequence select="if (matches(string($lang), '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$')) then string($lang) else ()"/>
  </xsl:function>

  <!-- An HTML id from an xml:id: HTML ids may not contain whitespace (HTML Living Standard, "the id attribute"). -->
  <xsl:function name="tk:html-id" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="replace($id, '\s', '_')"/>
  </xsl:function>

  <!-- The ISO 8601 value of a dating element (att.datable.w3c), readable: 1962-04-18, or 1962-05-10/1962-05-14. -->
  <xsl:function name="tk:iso-date" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="
      if ($date/@when) then string($date/@when)
      else if ($date/@from or $date/@to) then concat(string($date/@from), '/', string($date/@to))
      else if ($date/@notBefore or $date/@notAfter) then concat('not before ', string(($date/@notBefore, '?')[1]), ', not after ', string(($date/@notAfter, '?')[1]))
      else ''"/>
  </xsl:function>

  <!-- The names a register entry holds: placeName, orgName, persName, name, and for groups their names. -->
  <xsl:function name="tk:entry-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/(placeName | orgName | persName | name | geogName | settlement | country | region | bloc)"/>
  </xsl:function>

  <!-- A note printed in the running text of the source (@place="inline", FRUS's @rend="inline"), not a footnote. -->
  <xsl:function name="tk:inline-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="$note/@place = ('inline', 'inText', 'in-text') or $note/@rend = 'inline'"/>
  </xsl:function>

  <!-- A note that becomes a numbered footnote: in the text, not inline, and not inside another footnote (notes in
       footnotes stay where they are, in parentheses). -->
  <xsl:function name="tk:footnote" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/ancestor::text) and not(tk:inline-note($note))
      and not($note/ancestor::note[not(tk:inline-note(.))])"/>
  </xsl:function>

  <!-- The XML of a TEI example (egXML content), without the Examples namespace declarations repeated on it. -->
  <xsl:function name="tk:example" as="xs:string">
    <xsl:param name="example" as="element()"/>
    <xsl:variable name="xml" select="string-join($example/node() ! serialize(., map{'method': 'xml', 'omit-xml-declaration': true()}), '')"/>
    <xsl:sequence select="replace($xml, ' xmlns(:eg)?=&quot;http://www.tei-c.org/ns/Examples&quot;', '')"/>
  </xsl:function>

  <!-- What kind of thing a name or register entry denotes: place, org, person, group or other (used as CSS class). -->
  <xsl:function name="tk:kind" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="n" select="local-name($el)"/>
    <xsl:sequence select="
      if ($n = ('place', 'placeName', 'geogName', 'settlement', 'country', 'region', 'bloc', 'district')) then 'place'
      else if ($n = ('org', 'orgName')) then 'org'
      else if ($n = ('person', 'persName', 'roleName', 'forename', 'surname')) then 'person'
      else if ($n = 'personGrp') then 'group'
      else if ($n = ('rs', 'name') and $el/@type = ('place', 'org', 'person', 'group')) then string($el/@type)
      else 'other'"/>
  </xsl:function>
</xsl:stylesheet>
