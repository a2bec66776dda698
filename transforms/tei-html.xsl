<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI P5 -> HTML5 reading edition (teikit). Works on any TEI document or teiCorpus:
  - a title block built from the teiHeader (title, citation from sourceDesc, summary, languages, responsibilities,
    funders, correspondence);
  - the text laid out like the document, names highlighted by kind and linked to their register entries, editorial
    interventions shown the way printed editions show them, with a script-free switch between the text as published
    and a clean reading text (two radio buttons and CSS; both renderings are in the page);
  - footnotes, an apparatus for app/lem/rdg, registers of places, organisations, persons and groups.
  Security: the TEI is untrusted. All output goes through the serializer (never disable-output-escaping); URLs are
  filtered by tk:safe-url; no TEI attribute is copied into style, script or event-handler attributes; @rend only
  becomes CSS class names of a fixed shape. Elements without a template of their own show their text (the default mode
  is on-no-match="text-only-copy"), so nothing is silently lost.
  Scaling: ids through a key, note and apparatus numbers counted once in global maps, no per-node searches of the
  whole document.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xmlns:tv="urn:teikit:vocabulary"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:eg="http://www.tei-c.org/ns/Examples"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:include href="modules/common.xsl"/>
  <xsl:include href="modules/leiden.xsl"/>
  <xsl:include href="modules/html/core.xsl"/>
  <xsl:include href="modules/html/header.xsl"/>
  <xsl:include href="modules/html/transcription.xsl"/>
  <xsl:include href="modules/html/apparatus.xsl"/>
  <xsl:include href="modules/html/names-dates.xsl"/>
  <xsl:include href="modules/html/verse.xsl"/>
  <xsl:include href="modules/html/drama.xsl"/>
  <xsl:include href="modules/html/epidoc.xsl"/>
  <xsl:include href="modules/html/frus.xsl"/>

  <!-- true(): the page opens on the reading text instead of the text as published (the CLI option "reading"). -->
  <xsl:param name="reading" as="xs:boolean" select="false()"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- Unknown elements: keep going into their content, so their text shows (XSLT 3.0 6.7.1, on-no-match). -->
  <xsl:mode on-no-match="text-only-copy"/>
  <xsl:mode name="tk:apparatus" on-no-match="shallow-skip"/>

  <!-- The number of each apparatus entry (by its generate-id()), in document order, computed once (linear, unlike
       xsl:number level="any"); footnotes are counted in modules/common.xsl. -->
  <xsl:variable name="tk:app-numbers" as="map(xs:string, xs:integer)"
    select="map:merge(//app[tk:in-text(.) and tk:outer-app(.)] ! map:entry(generate-id(.), position()))"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- Language names for the register and the title block (the tag itself when the vocabulary has no name). -->
  <xsl:function name="tk:language-name" as="xs:string">
    <xsl:param name="tag" as="xs:string"/>
    <xsl:sequence select="(tv:language-name($tag), $tag)[1]"/>
  </xsl:function>

  <!-- ===================================================================================== page -->

  <xsl:template match="/">
    <xsl:variable name="root" select="(TEI | teiCorpus | *)[1]"/>
    <xsl:variable name="lang" select="(tk:lang($root/@xml:lang), tk:lang(($root//text)[1]/@xml:lang), tk:lang(($root//language/@ident)[1]), 'en')[1]"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="teikit tei-html.xsl"/>
        <title><xsl:value-of select="tk:isolate(tk:title($root))"/></title>
        <style><xsl:value-of select="$tk:css"/></style>
      </head>
      <body>
        <xsl:choose>
          <xsl:when test="$root/self::TEI or $root/self::teiCorpus">
            <xsl:apply-templates select="$root" mode="tk:page"/>
          </xsl:when>
          <xsl:otherwise>
            <!-- Not TEI P5 (e.g. TEI P4 without namespace, or a fragment): still show every word. -->
            <main class="tk-text">
              <h1><xsl:value-of select="tk:title($root)"/></h1>
              <div class="tk-fallback"><xsl:apply-templates select="$root"/></div>
            </main>
          </xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>

  <!-- The display title of a TEI document: main title of titleStmt, else the first title, else a default. -->
  <xsl:function name="tk:title" as="xs:string">
    <xsl:param name="doc" as="element()?"/>
    <xsl:variable name="ts" select="$doc/teiHeader/fileDesc/titleStmt"/>
    <xsl:variable name="t" select="normalize-space(string-join(($ts/title[@type = 'main'], $ts/title[not(@type) or @level = 'a'], $ts/title)[1]//text(), ''))"/>
    <xsl:sequence select="if ($t) then $t else 'TEI document'"/>
  </xsl:function>

  <xsl:template match="TEI | teiCorpus" mode="tk:page">
    <header class="tk-title-block">
      <xsl:apply-templates select="teiHeader" mode="tk:header">
        <xsl:with-param name="level" select="1"/>
      </xsl:apply-templates>
      <xsl:if test="not(teiHeader)"><h1><xsl:value-of select="tk:title(.)"/></h1></xsl:if>
    </header>
    <xsl:call-template name="tk:view-switch">
      <xsl:with-param name="diplomatic" select="exists((descendant-or-self::TEI ! tk:genre(.))[. = 'epidoc'])"/>
    </xsl:call-template>
    <main class="tk-main">
      <xsl:choose>
        <xsl:when test="self::teiCorpus">
          <xsl:for-each select="TEI | teiCorpus">
            <article class="tk-document">
              <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
              <xsl:apply-templates select="teiHeader" mode="tk:header"><xsl:with-param name="level" select="2"/></xsl:apply-templates>
              <xsl:call-template name="tk:document-body"><xsl:with-param name="level" select="2"/></xsl:call-template>
            </article>
          </xsl:for-each>
          <xsl:call-template name="tk:document-body"><xsl:with-param name="level" select="1"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="tk:document-body"><xsl:with-param name="level" select="1"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </main>
    <footer class="tk-footer">
      <xsl:apply-templates select="teiHeader/encodingDesc" mode="tk:about"/>
      <xsl:for-each select="teiHeader/fileDesc/publicationStmt[normalize-space()]">
        <section class="tk-publication" aria-labelledby="tk:publication-h">
          <h2 id="tk:publication-h">Publication</h2>
          <xsl:apply-templates select="." mode="tk:publication"/>
        </section>
      </xsl:for-each>
      <p class="tk-generator">Reading edition generated by teikit from the TEI P5 source.</p>
    </footer>
  </xsl:template>

  <!-- The script-free switch: radio buttons placed before <main> so that CSS sibling selectors can act on it. -->
  <xsl:template name="tk:view-switch">
    <xsl:param name="diplomatic" as="xs:boolean" select="false()"/>
    <p class="tk-switch-label" id="tk:view-label">Show the text</p>
    <input type="radio" name="tk-view" id="tk:view-published" class="tk-view" aria-describedby="tk:view-label">
      <xsl:if test="not($reading)"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
    </input>
    <label for="tk:view-published" class="tk-view-option">as published (editorial brackets, gaps, original spellings)</label>
    <input type="radio" name="tk-view" id="tk:view-reading" class="tk-view" aria-describedby="tk:view-label">
      <xsl:if test="$reading"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
    </input>
    <label for="tk:view-reading" class="tk-view-option">as a reading text (supplied words plain, corrections applied)</label>
    <xsl:if test="$diplomatic">
      <input type="radio" name="tk-view" id="tk:view-diplomatic" class="tk-view" aria-describedby="tk:view-label"/>
      <label for="tk:view-diplomatic" class="tk-view-option">diplomatic (abbreviations unexpanded, words divided at line ends)</label>
    </xsl:if>
  </xsl:template>

  <!-- One document's text, notes, apparatus and registers. $level is the heading level of the document title. -->
  <xsl:template name="tk:document-body">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:variable name="texts" select="text"/>
    <xsl:variable name="genre" select="tk:genre(.)"/>
    <xsl:if test="$genre = ('drama', 'prose')"><xsl:call-template name="tk:contents"><xsl:with-param name="level" select="$level"/></xsl:call-template></xsl:if>
    <xsl:for-each select="$texts">
      <div class="tk-text tk-genre-{$genre}">
        <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
        <xsl:apply-templates>
          <xsl:with-param name="level" select="$level" tunnel="yes"/>
          <xsl:with-param name="genre" select="$genre" tunnel="yes"/>
        </xsl:apply-templates>
      </div>
    </xsl:for-each>
    <!-- Everything else outside the header that holds text (facsimile, sourceDoc, standOff prose): not lost. -->
    <xsl:for-each select="* except (teiHeader, text, TEI, teiCorpus, standOff, facsimile)">
      <div class="tk-other"><xsl:apply-templates/></div>
    </xsl:for-each>
    <xsl:variable name="notes" select="$texts//note[tk:footnote(.)]"/>
    <xsl:if test="$notes">
      <section class="tk-notes" aria-label="Notes">
        <xsl:element name="h{min(($level + 1, 6))}">Notes</xsl:element>
        <ol class="tk-footnotes">
          <xsl:for-each select="$notes">
            <xsl:variable name="n" select="tk:note-label(.)"/>
            <!-- An ol item's value must be an integer (HTML, "the li element"): a note signed "*" or "a" prints
                 its sign itself instead of the list's number. -->
            <li id="tk:note-{tk:gid(.)}">
              <xsl:choose>
                <xsl:when test="matches($n, '^[0-9]{1,9}$')"><xsl:attribute name="value" select="$n"/></xsl:when>
                <xsl:otherwise><xsl:attribute name="class" select="'tk-note-signed'"/><span class="tk-note-sign"><xsl:value-of select="$n"/></span><xsl:text> </xsl:text></xsl:otherwise>
              </xsl:choose>
              <xsl:sequence select="tk:lang-attr(.)"/>
              <xsl:apply-templates>
                <xsl:with-param name="level" select="$level + 1" tunnel="yes"/>
              </xsl:apply-templates>
              <xsl:if test="not(tk:unmarked-note(.))">
                <xsl:text> </xsl:text>
                <a href="#tk:noteref-{tk:gid(.)}" class="tk-backlink" aria-label="Back to the text of note {$n}">↩</a>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
    <xsl:variable name="apps" select="$texts//app[tk:outer-app(.)]"/>
    <xsl:if test="$apps">
      <section class="tk-apparatus" aria-label="Critical apparatus">
        <xsl:element name="h{min(($level + 1, 6))}">Apparatus</xsl:element>
        <ol class="tk-app-entries">
          <xsl:for-each select="$apps">
            <xsl:variable name="n" select="$tk:app-numbers(generate-id(.))"/>
            <li id="tk:app-{tk:gid(.)}" value="{$n}">
              <xsl:apply-templates select="." mode="tk:apparatus"/>
              <xsl:text> </xsl:text>
              <a href="#tk:appref-{tk:gid(.)}" class="tk-backlink" aria-label="Back to the text of apparatus entry {$n}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
    <xsl:variable name="registers" select="(standOff | teiHeader)//(listPlace | listOrg | listPerson)[not(ancestor::listPlace | ancestor::listOrg | ancestor::listPerson)]"/>
    <xsl:if test="$registers">
      <section class="tk-registers" aria-label="Registers">
        <xsl:element name="h{min(($level + 1, 6))}">Registers</xsl:element>
        <xsl:apply-templates select="$registers">
          <xsl:with-param name="level" select="$level + 1" tunnel="yes"/>
        </xsl:apply-templates>
      </section>
    </xsl:if>
  </xsl:template>


  <!-- The CSS, read from its own file when the stylesheet is compiled (a static variable: its value is part of the
       compiled SEF, so a page needs no file at run time and makes no request). -->
  <xsl:variable name="tk:css" static="yes" as="xs:string" select="unparsed-text('css/tei-html.css')"/>
</xsl:stylesheet>
