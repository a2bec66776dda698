<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared functions of teikit's TEI transforms (included by tei-html.xsl and tei-text.xsl).
  Everything here is linear: id lookups go through the key "tk:id", never through //*[@xml:id = $x].
  Match patterns never say text//note: saxon-js tests a pattern "A//B" by searching the
  descendants of each A, which made a 1 MB FRUS volume take 28 s instead of 1 s.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xmlns:tv="urn:teikit:vocabulary"
  xmlns:eg="http://www.tei-c.org/ns/Examples"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!--
    Where a node is: asked only of the elements that need it (notes, names, apps, heads, paragraphs), never of every
    node. saxon-js evaluates an XSLT 3.0 accumulator by walking the whole document once per accumulator and keeping
    its value on every node (an object per node and accumulator): seven accumulators cost a third of the transform
    of a FRUS volume (measured). The ancestor steps below cost the depth of the element asked about, once.
  -->

  <!-- In the running text: inside text (not the header or standOff). -->
  <xsl:function name="tk:in-text" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor-or-self::text)"/>
  </xsl:function>

  <!-- A paragraph-like element that holds blocks (lists, tables, verse, other paragraphs), outside its notes (a
       block inside a note does not make the paragraph around the note a block). Each element is looked at by the
       nearest paragraph around it only (the search stops at a block and does not enter notes), so the cost of all
       paragraphs together is linear in the size of the document. -->
  <xsl:function name="tk:holds-blocks" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="tk:has-block($el/*)"/>
  </xsl:function>
  <xsl:function name="tk:has-block" as="xs:boolean">
    <xsl:param name="els" as="element()*"/>
    <xsl:sequence select="some $e in $els satisfies (
      exists($e[self::list or self::table or self::lg or self::l or self::sp or self::figure or self::quote[p | lg | l] or self::p or self::ab or self::div or self::floatingText or self::castList or self::listBibl])
      or (not($e/self::note) and tk:has-block($e/*)))"/>
  </xsl:function>

  <!-- An app that is not inside another app, nor in an EpiDoc apparatus division (printed there, once). -->
  <xsl:function name="tk:outer-app" as="xs:boolean">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="empty($app/ancestor::app) and empty($app/ancestor::div[@type = 'apparatus'])"/>
  </xsl:function>

  <!-- The level of a head: the divisions (div, div1-div7, floatingText) open around it. -->
  <xsl:function name="tk:div-depth" as="xs:integer">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="count($el/ancestor::*[self::div or self::div1 or self::div2 or self::div3 or self::div4 or self::div5 or self::div6 or self::div7 or self::floatingText])"/>
  </xsl:function>

  <!-- The TEI vocabulary (names and their kinds, register entries, language names), written by the build from
       src/tei/ so that every stage of teikit reads the same lists. -->
  <xsl:include href="../generated/vocabulary.xsl"/>

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

  <!-- An HTML id from an xml:id: HTML ids may not contain whitespace (HTML Living Standard, "the id attribute"); a
       colon, which a well-formed xml:id (an NCName) cannot hold, becomes "_" too, so that the page's own ids,
       all beginning "tk:", never collide with the document's. -->
  <xsl:function name="tk:html-id" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="replace($id, '[\s:]', '_')"/>
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

  <!-- An ISO 8601 date (att.datable.w3c: YYYY, YYYY-MM, YYYY-MM-DD, or month and day) in words: "3 May 1830", "May 1830",
       "1830"; anything else as it is. -->
  <xsl:function name="tk:date-words" as="xs:string">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:variable name="months" select="('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December')"/>
    <xsl:variable name="v" select="string($iso)"/>
    <xsl:variable name="ymd" select="'^(-?\d{4,})-(\d{2})-(\d{2})([T ].*)?$'"/>
    <xsl:sequence select="
      if (matches($v, $ymd) and xs:integer(replace($v, $ymd, '$2')) = 1 to 12) then
        concat(xs:integer(replace($v, $ymd, '$3')), ' ', subsequence($months, xs:integer(replace($v, $ymd, '$2')), 1), ' ', tk:year(replace($v, $ymd, '$1')))
      else if (matches($v, '^-?\d{4,}-\d{2}$') and xs:integer(replace($v, '^.*-', '')) = 1 to 12) then
        concat(subsequence($months, xs:integer(replace($v, '^.*-', '')), 1), ' ', tk:year(replace($v, '-\d{2}$', '')))
      else if (matches($v, '^--\d{2}-\d{2}$') and xs:integer(substring($v, 3, 2)) = 1 to 12) then concat(xs:integer(substring($v, 6, 2)), ' ', subsequence($months, xs:integer(substring($v, 3, 2)), 1))
      else if (matches($v, '^-?\d{4,}$')) then tk:year($v)
      else $v"/>
  </xsl:function>
  <xsl:function name="tk:year" as="xs:string">
    <xsl:param name="y" as="xs:string"/>
    <xsl:sequence select="if (starts-with($y, '-')) then concat(xs:integer(substring($y, 2)), ' BC') else string(xs:integer($y))"/>
  </xsl:function>

  <!-- The dating attributes of an element in words: "3 May 1830", "between 1770 and 1771", "from ... to ...". -->
  <xsl:function name="tk:dating-words" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="
      if ($el/@when) then tk:date-words($el/@when)
      else if ($el/@from and $el/@to) then concat('from ', tk:date-words($el/@from), ' to ', tk:date-words($el/@to))
      else if ($el/@notBefore and $el/@notAfter) then concat('between ', tk:date-words($el/@notBefore), ' and ', tk:date-words($el/@notAfter))
      else if ($el/@notBefore) then concat('not before ', tk:date-words($el/@notBefore))
      else if ($el/@notAfter) then concat('not after ', tk:date-words($el/@notAfter))
      else normalize-space($el)"/>
  </xsl:function>

  <!-- The link and the name of the authority an identifier belongs to (Wikidata, GND, VIAF, GeoNames, Getty TGN,
       Trismegistos), or the URL itself when the identifier is one; the empty sequence otherwise. -->
  <xsl:function name="tk:authority-url" as="xs:string?">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="v" select="normalize-space($idno)"/>
    <xsl:variable name="type" select="lower-case(string($idno/@type))"/>
    <xsl:sequence select="
      if (exists(tk:safe-url($v)) and not(starts-with($v, '#'))) then tk:safe-url($v)
      else if ($type = 'wikidata' and matches($v, '^Q[0-9]+$')) then concat('https://www.wikidata.org/wiki/', $v)
      else if ($type = 'geonames' and matches($v, '^[0-9]+$')) then concat('https://www.geonames.org/', $v)
      else if ($type = 'viaf' and matches($v, '^[0-9]+$')) then concat('https://viaf.org/viaf/', $v)
      else if ($type = ('gnd', 'pnd') and matches($v, '^[0-9X-]+$')) then concat('https://d-nb.info/gnd/', $v)
      else if ($type = 'tgn' and matches($v, '^[0-9]+$')) then concat('http://vocab.getty.edu/page/tgn/', $v)
      else if ($type = ('tm', 'trismegistos') and matches($v, '^[0-9]+$')) then concat('https://www.trismegistos.org/text/', $v)
      else ()"/>
  </xsl:function>
  <xsl:function name="tk:authority-name" as="xs:string?">
    <xsl:param name="type" as="xs:string?"/>
    <xsl:sequence select="$tk:authority-names(lower-case(string($type)))"/>
  </xsl:function>
  <!-- (A global variable: saxon-js builds a map written in an expression again at each evaluation.) -->
  <xsl:variable name="tk:authority-names" as="map(xs:string, xs:string)" select="map{'wikidata': 'Wikidata', 'geonames': 'GeoNames', 'viaf': 'VIAF', 'gnd': 'GND', 'pnd': 'GND',
      'tgn': 'Getty TGN', 'tm': 'Trismegistos', 'trismegistos': 'Trismegistos', 'url': 'URL', 'uri': 'URI', 'doi': 'DOI',
      'isbn': 'ISBN', 'issn': 'ISSN', 'orcid': 'ORCID'}"/>

  <!-- The names a register entry holds (the TEI vocabulary's entry names: placeName, orgName, persName, name, ...);
       for other entries (nym, event) their name-like children. -->
  <xsl:function name="tk:entry-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if (exists(tv:entry-kind($entry))) then tv:entry-names($entry)
      else $entry/*[self::placeName or self::orgName or self::persName or self::name or self::geogName or self::settlement or self::country or self::region or self::bloc]"/>
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
    <xsl:sequence select="tk:in-text($note) and not(tk:inline-note($note)) and not($note/parent::app)
      and empty($note/ancestor::note[not(tk:inline-note(.))])"/>
  </xsl:function>

  <!-- A footnote between blocks (at the end of a div, kept there because no marker in the text points to it) has no
       place in a sentence to mark: it is printed with the notes only. -->
  <xsl:function name="tk:unmarked-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/(parent::div | parent::body | parent::front | parent::back | parent::text | parent::postscript))"/>
  </xsl:function>

  <!-- The number of each footnote (by its generate-id()): its place among the footnotes of the whole document, in
       document order, counted once (linear, unlike xsl:number level="any"). -->
  <xsl:variable name="tk:footnote-numbers" as="map(xs:string, xs:integer)"
    select="map:merge(//note[tk:footnote(.)] ! map:entry(generate-id(.), position()))"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- The number or sign a footnote is printed with: its @n as the source numbers it (TEI Guidelines 3.9.1: "n"
       gives the number or other label of the note), else its place among the footnotes. -->
  <xsl:function name="tk:note-label" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="($note/@n[normalize-space()]/normalize-space(), string($tk:footnote-numbers(generate-id($note))))[1]"/>
  </xsl:function>

  <!--
    The genre of one TEI document, which decides how its text is printed: "epidoc" (an edition division, or the
    EpiDoc schema named in an xml-model processing instruction), "drama" (speeches, a cast list or a list of
    participants), "frus" (the namespace of the Foreign Relations of the United States, or its document divisions),
    "letter" (a correspDesc), "prose" (chapters), else "general". Computed once per document, never per node.
  -->
  <xsl:function name="tk:genre" as="xs:string">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="body" select="$doc/text/body"/>
    <xsl:sequence select="
      if ($body/div[@type = 'edition'] or root($doc)/processing-instruction('xml-model')[matches(., 'epidoc', 'i')]) then 'epidoc'
      else if ($doc/teiHeader/profileDesc/particDesc or $doc/text/front/castList or exists(($body//sp)[1])) then 'drama'
      else if ($doc/namespace::*[. = 'http://history.state.gov/frus/ns/1.0'] or $body/div[@type = 'document']) then 'frus'
      else if ($doc/teiHeader/profileDesc/correspDesc) then 'letter'
      else if ($body/div[@type = 'chapter'] or $body/child::div/child::div[@type = 'chapter']) then 'prose'
      else 'general'"/>
  </xsl:function>

  <!-- The witnesses and sources of a reading (@wit, @source), pointers without their "#": "A B". -->
  <xsl:function name="tk:witnesses" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="string-join(tokenize(normalize-space(string-join(($reading/@wit, $reading/@source), ' ')), ' ') ! replace(., '^#', ''), ' ')"/>
  </xsl:function>

  <!-- The two sides of a choice (TEI Guidelines 3.5.1): the source's form (sic, abbr, orig, first seg) and the
       editor's (corr, expan, reg, second seg). -->
  <xsl:function name="tk:choice-source" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="($choice/(sic | abbr | orig | seg[1]))[1]"/>
  </xsl:function>
  <xsl:function name="tk:choice-editor" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="($choice/(corr | expan | reg | seg[2]))[1]"/>
  </xsl:function>

  <!-- generate-id() without the number saxon-js gives each document it reads in a process ("d7aAfBb" -> "aAfBb"):
       the same page whether it is the first file of a batch or the tenth. -->
  <xsl:function name="tk:gid" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="replace(generate-id($node), '^d[0-9]+', '')"/>
  </xsl:function>

  <!-- The HTML id of a division: its xml:id, else one made from its position; "tk:" cannot begin an xml:id (an
       NCName has no colon), so made ids never collide with the document's own. -->
  <xsl:function name="tk:div-id" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="if ($div/@xml:id) then tk:html-id($div/@xml:id) else concat('tk:div-', tk:gid($div))"/>
  </xsl:function>

  <!-- "callNumber" -> "Call number", "documentNumber" -> "Document number", "URL" -> "URL". -->
  <xsl:function name="tk:label" as="xs:string">
    <xsl:param name="word" as="xs:string"/>
    <xsl:variable name="spaced" select="lower-case(replace(replace($word, '([a-z])([A-Z])', '$1 $2'), '[-_]', ' '))"/>
    <xsl:sequence select="if (matches($word, '^[A-Z]+$')) then $word else concat(upper-case(substring($spaced, 1, 1)), substring($spaced, 2))"/>
  </xsl:function>

  <!-- The words a bare link (a ptr, a ref without text) is shown with: the name of the service it leads to
       ("Zotero", "Wikidata", ...), else its host name, so that a bibliography is not a column of bare URLs. -->
  <xsl:function name="tk:link-label" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="host" select="lower-case(replace(replace($url, '^[a-zA-Z]+://', ''), '[/?#:].*$', ''))"/>
    <xsl:variable name="base" select="replace($host, '^www\.', '')"/>
    <xsl:variable name="parent" select="replace($base, '^[^.]+\.', '')"/>
    <xsl:sequence select="($tk:services($base), $tk:services($parent), $base)[1]"/>
  </xsl:function>
  <xsl:variable name="tk:services" as="map(xs:string, xs:string)" select="map{'zotero.org': 'Zotero', 'wikidata.org': 'Wikidata', 'd-nb.info': 'GND', 'viaf.org': 'VIAF',
      'geonames.org': 'GeoNames', 'trismegistos.org': 'Trismegistos', 'papyri.info': 'papyri.info', 'doi.org': 'DOI',
      'edh-www.adw.uni-heidelberg.de': 'EDH', 'edh.ub.uni-heidelberg.de': 'EDH', 'pleiades.stoa.org': 'Pleiades'}"/>

  <!-- Text with bidirectional controls (U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates, marks)
       isolated between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, so that an override in a
       title or a tooltip cannot reorder the text after it (Unicode Bidirectional Algorithm, UAX #9, 6.3). -->
  <xsl:function name="tk:isolate" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="if (matches($text, $tk:bidi-controls)) then concat('&#x2068;', $text, '&#x2069;') else $text"/>
  </xsl:function>
  <xsl:variable name="tk:bidi-controls" as="xs:string" select="'[&#x202A;-&#x202E;&#x2066;-&#x2069;&#x200E;&#x200F;&#x061C;]'"/>

  <!-- Shared templates, for the HTML (default mode) and the text (mode tk:flat). -->

  <!-- Name parts written without a space between them (<forename>Charles</forename><surname>Dickens</surname>)
       are separate words: a space is put between them. -->
  <xsl:template match="(forename | surname | genName | addName | nameLink | roleName)[preceding-sibling::node()[1][self::forename or self::surname or self::genName or self::addName or self::nameLink or self::roleName]]" mode="#default tk:flat" priority="3">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
  </xsl:template>

  <!-- The parts of a bibliographic reference written one after the other without punctuation
       (<author>Lewis Carroll</author><title>Alice</title>) are separated by a comma, so that they do not run together. -->
  <xsl:template match="*[parent::bibl][preceding-sibling::node()[1][self::*]][not(self::note or self::ptr or self::lb or self::pb)]" mode="#default tk:flat" priority="4">
    <!-- $field: the part is shown on its own (a row of the title block), not within its bibl. -->
    <xsl:param name="field" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="not($field)"><xsl:text>, </xsl:text></xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <!-- A break inside a word (lb, pb or cb with break="no", TEI Guidelines 3.11.3) keeps the word whole: the
       whitespace around the break in the source, which is only layout of the XML, is dropped. -->
  <xsl:function name="tk:nobreak" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node[self::lb or self::pb or self::cb][@break = 'no'])"/>
  </xsl:function>

  <!-- Ruby (TEI ruby, rb, rt): the whitespace between ruby, rb and rt is only the layout of the XML (a ruby holds
       rb and rt, no text of its own), and Japanese and Chinese put no space between a ruby and the characters
       around it; printed, either would be a gap in the middle of the sentence ("かの 邪智暴虐 の王"). So
       whitespace-only text in a ruby is dropped, and so is whitespace between a ruby and a CJK character next to
       it (CSS Text Module Level 3, 4.1.2: a line break between two such characters is removed, not turned into a
       space). -->

  <!-- The text nodes that need more than their value: next to a break (the break inside a word above), in a ruby
       or next to one. One rule for them all, its pattern as cheap as possible: saxon-js tries every rule that may
       match a text node on every text node (three rules here, with two function calls, took a fifth of the
       transform of a FRUS volume, measured). In the order of the three cases' importance: -->
  <xsl:template match="text()[preceding-sibling::node()[1][self::lb or self::pb or self::cb or self::ruby]
      or following-sibling::node()[1][self::lb or self::pb or self::cb or self::ruby] or parent::ruby]" mode="#default tk:flat" priority="3">
    <xsl:variable name="before" select="preceding-sibling::node()[1]"/>
    <xsl:variable name="after" select="following-sibling::node()[1]"/>
    <xsl:variable name="joins-before" select="tk:nobreak($before)"/>
    <xsl:variable name="joins-after" select="tk:nobreak($after)"/>
    <xsl:choose>
      <!-- 1. whitespace-only text in a ruby: dropped. -->
      <xsl:when test="parent::ruby and not(normalize-space())"/>
      <!-- 2. next to a break inside a word: the whitespace on that side dropped. -->
      <xsl:when test="$joins-before or $joins-after">
        <xsl:variable name="start" select="if ($joins-before) then replace(., '^\s+', '') else string(.)"/>
        <xsl:value-of select="if ($joins-after) then replace($start, '\s+$', '') else $start"/>
      </xsl:when>
      <!-- 3. next to a ruby: the whitespace between it and a CJK character dropped. -->
      <xsl:when test="$before/self::ruby or $after/self::ruby">
        <xsl:variable name="start" select="if ($before/self::ruby) then replace(., concat('^\s+(', $tk:cjk, ')'), '$1') else string(.)"/>
        <xsl:value-of select="if ($after/self::ruby) then replace($start, concat('(', $tk:cjk, ')\s+$'), '$1') else $start"/>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- Characters written without spaces between words: CJK punctuation, kana, ideographs, full-width forms. -->
  <xsl:variable name="tk:cjk" as="xs:string" select="'[&#x3000;-&#x30FF;&#x3400;-&#x4DBF;&#x4E00;-&#x9FFF;&#xF900;-&#xFAFF;&#xFF00;-&#xFFEF;]'"/>

  <!-- The XML of a TEI example (egXML content), without the Examples namespace declarations repeated on it. -->
  <xsl:function name="tk:example" as="xs:string">
    <xsl:param name="example" as="element()"/>
    <xsl:variable name="xml" select="string-join($example/node() ! serialize(., map{'method': 'xml', 'omit-xml-declaration': true()}), '')"/>
    <xsl:sequence select="replace($xml, ' xmlns(:eg)?=&quot;http://www.tei-c.org/ns/Examples&quot;', '')"/>
  </xsl:function>

  <!-- What kind of thing a name or register entry denotes: place, org, person, group (the TEI vocabulary), or
       other; used as a CSS class. -->
  <xsl:function name="tk:kind" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="(tv:entry-kind($el), tv:name-kind($el), 'other')[1]"/>
  </xsl:function>
</xsl:stylesheet>
