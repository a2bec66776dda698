<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI P5 -> plain text (teikit). The words of the text (front, body, back; never the teiHeader, standOff or
  facsimile) in reading order, one block per paragraph-like element with a blank line between blocks, one line per
  verse line, list item, signature or dateline.

  $reading = false() (default): the text as published. Supplied words in square brackets, gaps as "[...]", the
  source's forms of choice (sic, abbr, orig), deletions kept between Leiden double brackets ⟦ ⟧, additions
  between half brackets ⸌ ⸍, a standalone sic followed by "[sic]", ruby glosses in 《 》.
  $reading = true(): a clean reading text. Supplied words without brackets, gaps and deletions left out, the
  editor's forms of choice (corr, expan, reg); a bracketed second name (supplied reason="alternative-name") in
  parentheses.
  In both, notes are not inlined in the running text (they would break the sentence they sit in): a marker "[1]"
  stands where the note is (its @n, else its number in document order; a ptr with @n to a note repeats its marker,
  as an archive record prints a second reference; "¹" in the reading text), and the notes follow the text under a
  line "Notes", each after its marker ("[1] ", "1. " in the reading text); readings of app/lem/rdg likewise under
  "Apparatus".

  Whitespace (TEI Guidelines 1.3.1.1.4 and the "whitespace" section of the XML spec): the text is first flattened
  to a sequence of strings and two kinds of markers (block separator, line break); each line is then
  normalize-space()d. Element boundaries never add or remove spaces, so "All<hi> mutants</hi>" stays two words and
  "w<hi>or</hi>d" stays one; lb and pb with break="no" join the word across the break.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xmlns:eg="http://www.tei-c.org/ns/Examples"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:include href="modules/common.xsl"/>
  <xsl:include href="modules/leiden.xsl"/>
  <xsl:include href="modules/text/epidoc.xsl"/>
  <xsl:include href="modules/text/drama.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="reading" as="xs:boolean" select="false()"/>

  <xsl:mode name="tk:flat" on-no-match="shallow-skip"/>

  <!-- The flattened text is a sequence of strings (the text) and two integer markers: no temporary tree is built
       (building one cost saxon-js more than the rest of the transform together). -->
  <xsl:variable name="tk:SEP" as="xs:integer" select="1"/>
  <xsl:variable name="tk:BR" as="xs:integer" select="2"/>

  <xsl:template match="text()" mode="tk:flat">
    <xsl:sequence select="string(.)"/>
  </xsl:template>

  <xsl:template match="/">
    <xsl:variable name="root" select="*[1]"/>
    <xsl:variable name="texts" select="if ($root/self::TEI or $root/self::teiCorpus) then $root//text[not(ancestor::text)] else $root"/>
    <xsl:variable name="notes" select="$texts//note[tk:footnote(.)]"/>
    <xsl:variable name="apps" select="$texts//app[tk:outer-app(.)]"/>
    <xsl:variable name="flat" as="item()*">
        <xsl:for-each select="$texts">
          <xsl:apply-templates select="." mode="tk:flat">
            <xsl:with-param name="genre" select="if (parent::TEI) then tk:genre(..) else 'general'" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:for-each>
        <xsl:if test="$notes">
          <xsl:sequence select="$tk:SEP"/>Notes<xsl:sequence select="$tk:SEP"/>
          <xsl:for-each select="$notes">
            <xsl:value-of select="if ($reading) then concat(tk:note-label(.), '. ') else concat(tk:note-marker(tk:note-label(.)), ' ')"/>
            <xsl:apply-templates mode="tk:flat"/>
            <xsl:sequence select="$tk:SEP"/>
          </xsl:for-each>
        </xsl:if>
        <xsl:if test="$apps">
          <xsl:sequence select="$tk:SEP"/>Apparatus<xsl:sequence select="$tk:SEP"/>
          <xsl:for-each select="$apps">
            <xsl:apply-templates select="." mode="tk:apparatus"/>
            <xsl:sequence select="$tk:SEP"/>
          </xsl:for-each>
        </xsl:if>
    </xsl:variable>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:for-each-group select="$flat" group-adjacent=". instance of xs:integer and . eq $tk:SEP">
        <xsl:if test="not(current-grouping-key())">
          <xsl:variable name="lines" as="xs:string*">
            <xsl:for-each-group select="current-group()" group-starting-with=".[. instance of xs:integer]">
              <xsl:sequence select="normalize-space(string-join(current-group()[not(. instance of xs:integer)], ''))[. ne '']"/>
            </xsl:for-each-group>
          </xsl:variable>
          <xsl:sequence select="string-join($lines, '&#10;')[. ne '']"/>
        </xsl:if>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:value-of select="string-join($blocks, '&#10;&#10;')"/>
    <xsl:if test="exists($blocks)"><xsl:text>&#10;</xsl:text></xsl:if>
  </xsl:template>

  <!-- Blocks: a separator before and after. -->
  <xsl:template match="text | front | body | back | group | div | div1 | div2 | div3 | div4 | div5 | div6 | div7 | p | ab | head | lg | sp | spGrp | list | listBibl | listWit | table | opener | closer | address | postscript | epigraph | argument | trailer | byline | docTitle | titlePage | docAuthor | docImprint | docDate | castList | castGroup | figure | quote[p | lg | l] | q[p | lg | l] | said[p | lg | l] | cit[quote[p | lg | l]] | floatingText | listPlace | listOrg | listPerson | label[parent::div or parent::body] | bibl[parent::div or parent::body or parent::listBibl] | fw" mode="tk:flat">
    <xsl:sequence select="$tk:SEP"/>
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:sequence select="$tk:SEP"/>
  </xsl:template>

  <!-- Lines: a line break before and after (a verse line, an item, a signature, a speaker's name). -->
  <xsl:template match="l | item | list/label | salute | signed | dateline | addrLine | speaker | castItem | row | titlePart | docEdition | stage[not(parent::p or parent::l or parent::ab or parent::head or parent::seg or parent::hi)] | figDesc" mode="tk:flat">
    <xsl:sequence select="$tk:BR"/>
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:sequence select="$tk:BR"/>
  </xsl:template>

  <!-- A label before its item ("1." then the item, FRUS's numbered points) on the same line as the item. -->
  <xsl:template match="list/label[following-sibling::*[1][self::item]]" mode="tk:flat" priority="2">
    <xsl:sequence select="$tk:BR"/>
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="list/item[preceding-sibling::*[1][self::label]]" mode="tk:flat" priority="2">
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:sequence select="$tk:BR"/>
  </xsl:template>

  <!-- A bare link to elsewhere (ptr, EpiDoc bibliographies' Zotero records): its URL, which is what it says. -->
  <xsl:template match="ptr[exists(tk:safe-url(@target))][not(starts-with(normalize-space(@target), '#'))]" mode="tk:flat">
    <xsl:value-of select="tk:safe-url(@target)"/>
  </xsl:template>

  <!-- TEI examples (egXML) are given as the XML they are, in a block of their own. -->
  <xsl:template match="eg:egXML" mode="tk:flat">
    <xsl:sequence select="$tk:SEP"/>
    <xsl:value-of select="tk:example(.)"/>
    <xsl:sequence select="$tk:SEP"/>
  </xsl:template>



  <xsl:template match="cell" mode="tk:flat">
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Line breaks in the source (TEI Guidelines 3.11.3); break="no" joins the word across the break. -->
  <xsl:template match="lb" mode="tk:flat">
    <xsl:if test="not(@break = 'no')"><xsl:sequence select="$tk:BR"/></xsl:if>
  </xsl:template>
  
  

  <!-- Not part of the running text: header, registers outside the text, page/column marks, milestones, notes
       (collected at the end), alignment and linking elements. -->
  <xsl:template match="note[tk:footnote(.)]" mode="tk:flat">
    <!-- A note between blocks (at the end of a div) has no place in a sentence to mark; a note inside a word
         ("Camarg<note/>o") gets no marker either, so that the word stays whole. -->
    <xsl:if test="not(tk:unmarked-note(.))
      and not(matches(string((following::text())[1]), '^[\p{L}\p{N}]'))">
      <xsl:value-of select="tk:note-marker(tk:note-label(.))"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="ptr[@n][id(substring-after(@target, '#'))/self::note]" mode="tk:flat">
    <xsl:value-of select="tk:note-marker(@n)"/>
  </xsl:template>
  <!-- "[1]" as archive records print it; in the reading text, without brackets: superscript digits ("¹"), or the
       sign itself ("*"). -->
  <xsl:function name="tk:note-marker" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:sequence select="if (matches($label, '^\[.*\]$')) then $label
      else if (not($reading)) then concat('[', $label, ']')
      else if (matches($label, '^[0-9]+$')) then translate($label, '0123456789', '⁰¹²³⁴⁵⁶⁷⁸⁹') else $label"/>
  </xsl:function>
  <xsl:template match="teiHeader | standOff | facsimile | pb | cb | milestone | anchor | gb | handShift | link | linkGrp | join | alt | altGrp | timeline | span | spanGrp | interp | interpGrp | certainty | precision | respons | index | graphic | media | catchwords | signatures | secFol" mode="tk:flat"/>

  <!-- A note printed inline in the source stays in the running text (a block of its own between blocks); a note
       inside a footnote stays in the footnote, in parentheses. -->
  <xsl:template match="note[tk:inline-note(.)]" mode="tk:flat">
    <xsl:variable name="phrase" select="exists(parent::p | parent::ab | parent::l | parent::head | parent::hi | parent::seg | parent::q | parent::said | parent::quote | parent::item | parent::cell | parent::label | parent::title | parent::persName | parent::placeName | parent::orgName | parent::name | parent::rs | parent::date | parent::emph | parent::s)"/>
    <xsl:if test="not($phrase)"><xsl:sequence select="$tk:SEP"/></xsl:if>
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:if test="not($phrase)"><xsl:sequence select="$tk:SEP"/></xsl:if>
  </xsl:template>
  <xsl:template match="note" mode="tk:flat" priority="-0.1">
    <xsl:value-of select="concat(' (', if (@n) then concat(@n, ' ') else '')"/>
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- Editorial interventions, published or reading (see the header comment). -->
  <!-- A bracketed second name ("Yili [Ili]", supplied reason="alternative-name") is not an added word: the
       reading text keeps it, in parentheses. -->
  <xsl:template match="supplied" mode="tk:flat">
    <xsl:variable name="alternative" select="@reason = 'alternative-name'"/>
    <xsl:value-of select="if (not($reading)) then '[' else if ($alternative) then '(' else ''"/>
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:value-of select="if (not($reading)) then ']' else if ($alternative) then ')' else ''"/>
  </xsl:template>

  <!-- sic on its own (no correction offered) is printed "word [sic]" in the text as published, the way the
       translator's "[sic]" was printed; inside choice the published text shows the sic form alone. -->
  <xsl:template match="sic[not(parent::choice)]" mode="tk:flat">
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:if test="not($reading)"> [sic]</xsl:if>
  </xsl:template>

  <xsl:template match="gap" mode="tk:flat">
    <xsl:if test="not($reading)">[...]</xsl:if>
  </xsl:template>

  <xsl:template match="choice" mode="tk:flat">
    <xsl:variable name="source" select="tk:choice-source(.)"/>
    <xsl:variable name="editor" select="tk:choice-editor(.)"/>
    <xsl:apply-templates select="(if ($reading) then ($editor, $source) else ($source, $editor))[1]" mode="tk:flat"/>
  </xsl:template>

  <xsl:template match="del" mode="tk:flat">
    <xsl:if test="not($reading)">
      <xsl:text>⟦</xsl:text>
      <xsl:apply-templates mode="tk:flat"/>
      <xsl:text>⟧</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Additions in the source: between Leiden half brackets in the published text, plain in the reading text. -->
  <xsl:template match="add" mode="tk:flat">
    <xsl:if test="not($reading)">⸌</xsl:if>
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:if test="not($reading)">⸍</xsl:if>
  </xsl:template>

  <xsl:template match="app" mode="tk:flat">
    <xsl:apply-templates select="(lem, rdg[1])[1]/node()" mode="tk:flat"/>
  </xsl:template>

  <!-- Ruby (TEI rb/rt): the base text, and in the published text the gloss in Japanese double angle brackets. -->
  <xsl:template match="rt" mode="tk:flat">
    <xsl:if test="not($reading)">
      <xsl:text>《</xsl:text>
      <xsl:apply-templates mode="tk:flat"/>
      <xsl:text>》</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="space" mode="tk:flat">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- An apparatus entry: "lemma] reading (witnesses); ...". -->
  <xsl:template match="app" mode="tk:apparatus">
    <xsl:for-each select="lem | rdg | rdgGrp/rdg | note">
      <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates mode="tk:flat"/>
      <xsl:if test="not(normalize-space())">om.</xsl:if>
      <xsl:if test="self::lem">]</xsl:if>
      <xsl:if test="@wit | @source">
        <xsl:value-of select="concat(' ', tk:witnesses(.))"/>
      </xsl:if>
      <xsl:if test="self::rdg">;</xsl:if>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
