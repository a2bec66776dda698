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
  Scaling: ids through a key, note numbers through accumulators, no per-node searches of the whole document.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:eg="http://www.tei-c.org/ns/Examples"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:include href="modules/common.xsl"/>

  <!-- true(): the page opens on the reading text instead of the text as published (the CLI option "reading"). -->
  <xsl:param name="reading" as="xs:boolean" select="false()"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- Unknown elements: keep going into their content, so their text shows (XSLT 3.0 6.7.1, on-no-match). -->
  <xsl:mode on-no-match="text-only-copy" use-accumulators="#all"/>
  <xsl:mode name="tk:apparatus" on-no-match="shallow-skip"/>

  <!-- Footnote and apparatus numbers in document order, computed once (linear, unlike xsl:number level="any"). -->
  <xsl:accumulator name="tk:notes" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="note[tk:footnote(.)]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="tk:apps" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="app[ancestor::text][not(ancestor::app)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Language names for the register and the title block (the tag itself is always shown). -->
  <xsl:variable name="tk:languages" as="map(xs:string, xs:string)" select="map{
    'en':'English', 'zh':'Chinese', 'ru':'Russian', 'kk':'Kazakh', 'ug':'Uyghur', 'de':'German', 'fr':'French',
    'es':'Spanish', 'it':'Italian', 'la':'Latin', 'ja':'Japanese', 'ko':'Korean', 'ar':'Arabic', 'fa':'Persian',
    'mn':'Mongolian', 'grc':'Ancient Greek', 'el':'Greek', 'he':'Hebrew', 'pt':'Portuguese', 'nl':'Dutch',
    'pl':'Polish', 'cs':'Czech', 'lt':'Lithuanian', 'ky':'Kyrgyz', 'uz':'Uzbek', 'tr':'Turkish'}"/>

  <xsl:function name="tk:language-name" as="xs:string">
    <xsl:param name="tag" as="xs:string"/>
    <xsl:variable name="base" select="lower-case(tokenize($tag, '-')[1])"/>
    <xsl:sequence select="if (map:contains($tk:languages, $base)) then map:get($tk:languages, $base) else $tag"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
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
        <title><xsl:value-of select="tk:title($root)"/></title>
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
    <xsl:call-template name="tk:view-switch"/>
    <main class="tk-main">
      <xsl:choose>
        <xsl:when test="self::teiCorpus">
          <xsl:for-each select="TEI | teiCorpus">
            <article class="tk-document">
              <xsl:sequence select="tk:ids(.)"/>
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
        <section class="tk-publication" aria-labelledby="tk-publication-h">
          <h2 id="tk-publication-h">Publication</h2>
          <xsl:apply-templates/>
        </section>
      </xsl:for-each>
      <p class="tk-generator">Reading edition generated by teikit from the TEI P5 source.</p>
    </footer>
  </xsl:template>

  <!-- The script-free switch: radio buttons placed before <main> so that CSS sibling selectors can act on it. -->
  <xsl:template name="tk:view-switch">
    <p class="tk-switch-label" id="tk-view-label">Show the text</p>
    <input type="radio" name="tk-view" id="tk-view-published" class="tk-view" aria-describedby="tk-view-label">
      <xsl:if test="not($reading)"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
    </input>
    <label for="tk-view-published" class="tk-view-option">as published (editorial brackets, gaps, original spellings)</label>
    <input type="radio" name="tk-view" id="tk-view-reading" class="tk-view" aria-describedby="tk-view-label">
      <xsl:if test="$reading"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
    </input>
    <label for="tk-view-reading" class="tk-view-option">as a reading text (supplied words plain, corrections applied)</label>
  </xsl:template>

  <!-- One document's text, notes, apparatus and registers. $level is the heading level of the document title. -->
  <xsl:template name="tk:document-body">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:variable name="texts" select="text"/>
    <xsl:for-each select="$texts">
      <div class="tk-text">
        <xsl:sequence select="tk:ids(.)"/>
        <xsl:apply-templates>
          <xsl:with-param name="level" select="$level" tunnel="yes"/>
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
            <xsl:variable name="n" select="accumulator-before('tk:notes')"/>
            <li id="tk-note-{generate-id(.)}" value="{$n}">
              <xsl:sequence select="tk:lang-attr(.)"/>
              <xsl:apply-templates>
                <xsl:with-param name="level" select="$level + 1" tunnel="yes"/>
              </xsl:apply-templates>
              <xsl:text> </xsl:text>
              <a href="#tk-noteref-{generate-id(.)}" class="tk-backlink" aria-label="Back to the text of note {$n}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
    <xsl:variable name="apps" select="$texts//app[not(ancestor::app)]"/>
    <xsl:if test="$apps">
      <section class="tk-apparatus" aria-label="Critical apparatus">
        <xsl:element name="h{min(($level + 1, 6))}">Apparatus</xsl:element>
        <ol class="tk-app-entries">
          <xsl:for-each select="$apps">
            <xsl:variable name="n" select="accumulator-before('tk:apps')"/>
            <li id="tk-app-{generate-id(.)}" value="{$n}">
              <xsl:apply-templates select="." mode="tk:apparatus"/>
              <xsl:text> </xsl:text>
              <a href="#tk-appref-{generate-id(.)}" class="tk-backlink" aria-label="Back to the text of apparatus entry {$n}">↩</a>
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

  <!-- ===================================================================================== attributes -->

  <!-- id (from xml:id) and lang (from xml:lang), the only TEI attributes copied, both checked. Functions, not named
       templates: saxon-js calls a function much faster, and these run for almost every element. -->
  <xsl:function name="tk:ids" as="attribute()*">
    <xsl:param name="el" as="element()"/>
    <!-- Only the first element with a given xml:id gets it (duplicates in the source would be invalid HTML). -->
    <xsl:if test="$el/@xml:id and key('tk:id', string($el/@xml:id), root($el))[1] is $el"><xsl:attribute name="id" select="tk:html-id($el/@xml:id)"/></xsl:if>
    <xsl:sequence select="tk:lang-attr($el)"/>
  </xsl:function>

  <xsl:function name="tk:lang-attr" as="attribute()?">
    <xsl:param name="el" as="element()"/>
    <xsl:if test="$el/@xml:lang">
      <xsl:variable name="lang" select="tk:lang($el/@xml:lang)"/>
      <xsl:if test="exists($lang)"><xsl:attribute name="lang" select="$lang"/></xsl:if>
    </xsl:if>
  </xsl:function>

  <!-- class="tk-{name} rend-{token}...": @rend tokens become class names only when they are plain words. -->
  <xsl:function name="tk:class" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="base" as="xs:string"/>
    <xsl:sequence select="if ($el/@rend) then string-join(($base, tokenize(normalize-space($el/@rend), ' ')[matches(., '^[A-Za-z][A-Za-z0-9_-]{0,40}$')] ! concat('rend-', lower-case(.))), ' ') else $base"/>
  </xsl:function>

  <!-- A block-level rendering that turns into a span (CSS display:block) inside phrasing content, so that the HTML
       stays valid when TEI nests blocks in paragraphs (lists, quotes, tables inside p). -->
  <xsl:template name="tk:block">
    <xsl:param name="element" as="xs:string" select="'div'"/>
    <xsl:param name="class" as="xs:string" select="concat('tk-', local-name())"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else $element}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:attribute name="class" select="tk:class(., if ($inline) then concat($class, ' tk-block') else $class)"/>
      <xsl:sequence select="tk:number(.)"/>
      <xsl:apply-templates/>
    </xsl:element>
    <!-- Blocks rendered as spans are separated by a space too, so that copied text does not glue their words. -->
    <xsl:if test="$inline"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- Line and paragraph numbers (@n) shown in the margin. -->
  <xsl:function name="tk:number" as="node()*">
    <xsl:param name="el" as="element()"/>
    <xsl:if test="$el/@n and ($el/self::l or $el/self::p or $el/self::ab or $el/self::lg or $el/self::sp)">
      <span class="tk-n" aria-hidden="true"><xsl:value-of select="$el/@n"/></span><xsl:text> </xsl:text>
    </xsl:if>
  </xsl:function>

  <!-- Phrasing content: everything inside is rendered inline. -->
  <xsl:template name="tk:phrase">
    <xsl:param name="element" as="xs:string" select="'span'"/>
    <xsl:param name="class" as="xs:string" select="concat('tk-', local-name())"/>
    <xsl:param name="title" as="xs:string?" select="()"/>
    <xsl:element name="{$element}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:attribute name="class" select="tk:class(., $class)"/>
      <xsl:if test="$title"><xsl:attribute name="title" select="$title"/></xsl:if>
      <xsl:apply-templates>
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- ===================================================================================== header -->

  <xsl:template match="teiHeader" mode="tk:header">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:variable name="fd" select="fileDesc"/>
    <xsl:variable name="ts" select="$fd/titleStmt"/>
    <xsl:element name="h{$level}">
      <xsl:attribute name="class" select="'tk-doc-title'"/>
      <xsl:value-of select="tk:title(..)"/>
    </xsl:element>
    <xsl:for-each select="$ts/title[@type = 'sub']">
      <p class="tk-subtitle"><xsl:apply-templates/></p>
    </xsl:for-each>
    <dl class="tk-meta">
      <xsl:for-each select="$ts/author[normalize-space()]">
        <dt>Author</dt><dd><xsl:apply-templates/></dd>
      </xsl:for-each>
      <xsl:for-each select="$ts/editor[normalize-space()]">
        <dt><xsl:value-of select="if (@role) then tk:label(@role) else 'Editor'"/></dt><dd><xsl:apply-templates/></dd>
      </xsl:for-each>
      <xsl:for-each select="$ts/respStmt">
        <xsl:variable name="resp" select="normalize-space(string-join(resp//text(), ''))"/>
        <dt><xsl:value-of select="if (matches($resp, '^transl', 'i')) then concat('Translator (', $resp, ')') else concat(upper-case(substring($resp, 1, 1)), substring($resp, 2))"/></dt>
        <dd><xsl:for-each select="* except resp"><xsl:if test="position() gt 1">, </xsl:if><xsl:apply-templates select="."/></xsl:for-each></dd>
      </xsl:for-each>
      <xsl:if test="$ts/funder">
        <dt><xsl:value-of select="if (count($ts/funder) gt 1) then 'Funders' else 'Funder'"/></dt>
        <dd><xsl:for-each select="$ts/funder"><xsl:if test="position() gt 1">; </xsl:if><xsl:apply-templates/></xsl:for-each></dd>
      </xsl:if>
      <xsl:for-each select="$ts/sponsor | $ts/principal">
        <dt><xsl:value-of select="tk:label(local-name())"/></dt><dd><xsl:apply-templates/></dd>
      </xsl:for-each>
      <xsl:for-each select="$fd/sourceDesc">
        <xsl:call-template name="tk:source"/>
      </xsl:for-each>
      <xsl:for-each select="profileDesc/correspDesc/correspAction">
        <dt><xsl:value-of select="if (@type = 'sent') then 'Sent' else if (@type = 'received') then 'Received' else tk:label((@type, 'Correspondence')[1])"/></dt>
        <dd>
          <xsl:for-each select="* except date"><xsl:if test="position() gt 1">, </xsl:if><xsl:apply-templates select="."/></xsl:for-each>
          <xsl:for-each select="date">
            <xsl:text>, </xsl:text>
            <xsl:choose>
              <xsl:when test="normalize-space()"><xsl:apply-templates select="."/></xsl:when>
              <xsl:otherwise><xsl:call-template name="tk:date"><xsl:with-param name="label" select="tk:iso-date(.)"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </dd>
      </xsl:for-each>
      <xsl:variable name="languages" select="profileDesc/langUsage/language"/>
      <xsl:if test="$languages">
        <dt>Languages</dt>
        <dd>
          <xsl:for-each select="$languages">
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:choose>
              <xsl:when test="normalize-space()"><xsl:apply-templates/></xsl:when>
              <xsl:otherwise><xsl:value-of select="tk:language-name(string(@ident))"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </dd>
      </xsl:if>
      <xsl:for-each select="$fd/editionStmt[normalize-space()]">
        <dt>Edition</dt><dd><xsl:apply-templates/></dd>
      </xsl:for-each>
    </dl>
    <xsl:for-each select="profileDesc/abstract[normalize-space()]">
      <section class="tk-abstract" aria-label="Summary">
        <xsl:sequence select="tk:lang-attr(.)"/>
        <xsl:element name="h{min(($level + 1, 6))}">Summary</xsl:element>
        <xsl:apply-templates>
          <xsl:with-param name="level" select="$level + 1" tunnel="yes"/>
        </xsl:apply-templates>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- "callNumber" -> "Call number", "documentNumber" -> "Document number", "URL" -> "URL". -->
  <xsl:function name="tk:label" as="xs:string">
    <xsl:param name="word" as="xs:string"/>
    <xsl:variable name="spaced" select="lower-case(replace(replace($word, '([a-z])([A-Z])', '$1 $2'), '[-_]', ' '))"/>
    <xsl:sequence select="if (matches($word, '^[A-Z]+$')) then $word else concat(upper-case(substring($spaced, 1, 1)), substring($spaced, 2))"/>
  </xsl:function>

  <!-- The full citation of the source: the bibliographic description as written, then its identifiers. -->
  <xsl:template name="tk:source">
    <xsl:variable name="bibls" select="bibl | biblStruct | biblFull | msDesc"/>
    <xsl:choose>
      <xsl:when test="$bibls">
        <dt>Citation</dt>
        <dd class="tk-citation">
          <xsl:for-each select="$bibls">
            <xsl:choose>
              <xsl:when test="note[@type = 'citation']"><xsl:apply-templates select="note[@type = 'citation'][1]/node()"/></xsl:when>
              <xsl:when test="self::msDesc"><xsl:apply-templates select="msIdentifier"/></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </dd>
        <xsl:for-each select="$bibls//(repository | institution | publisher[not(ancestor::imprint)] | idno | biblScope | ref[exists(tk:safe-url(@target))][not(starts-with(normalize-space(@target), '#'))])">
          <dt><xsl:value-of select="
            if (self::idno) then (if (lower-case(@type) = ('document', 'documentnumber')) then 'Document number' else if (lower-case(@type) = ('callnumber', 'shelfmark', 'call-number')) then 'Call number' else tk:label((@type, 'Identifier')[1]))
            else if (self::publisher or self::repository) then 'Archive'
            else if (self::ref) then 'Document URL'
            else if (self::biblScope) then tk:label((@unit, 'Extent')[1])
            else tk:label(local-name())"/></dt>
          <dd><xsl:apply-templates select="."/></dd>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="normalize-space()">
        <dt>Source</dt>
        <dd class="tk-citation"><xsl:apply-templates/></dd>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="encodingDesc" mode="tk:about">
    <xsl:if test="normalize-space(string-join((projectDesc, editorialDecl, geoDecl, samplingDecl)//text(), ''))">
      <section class="tk-about" aria-labelledby="tk-about-h">
        <h2 id="tk-about-h">Editorial conventions</h2>
        <xsl:for-each select="projectDesc | editorialDecl | samplingDecl | geoDecl">
          <xsl:choose>
            <xsl:when test="p | *[p]"><xsl:apply-templates/></xsl:when>
            <xsl:otherwise><p><xsl:apply-templates/></p></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Header elements rendered in running text elsewhere are not repeated in the body. -->
  <xsl:template match="teiHeader"/>

  <!-- ===================================================================================== structure -->

  <xsl:template match="front | body | back">
    <div class="tk-{local-name()}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else if (head) then 'section' else 'div'}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:attribute name="class" select="tk:class(., string-join(('tk-div', @type[matches(., '^[A-Za-z][A-Za-z0-9_-]*$')] ! concat('tk-div-', .), if ($inline) then 'tk-block' else ()), ' '))"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Headings: the document title is h$level, a division's head one level per enclosing division below it. -->
  <xsl:template match="head">
    <xsl:param name="level" as="xs:integer" select="1" tunnel="yes"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="depth" select="count(ancestor::*[self::div or self::div1 or self::div2 or self::div3 or self::div4 or self::div5 or self::div6 or self::div7 or self::floatingText])"/>
    <xsl:choose>
      <xsl:when test="$inline or not(parent::div or parent::div1 or parent::div2 or parent::div3 or parent::div4 or parent::div5 or parent::div6 or parent::div7 or parent::body or parent::front or parent::back)">
        <xsl:call-template name="tk:phrase"><xsl:with-param name="element" select="if ($inline or parent::p) then 'span' else 'p'"/><xsl:with-param name="class" select="'tk-head'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:phrase"><xsl:with-param name="element" select="concat('h', min(($level + max(($depth, 1)), 6)))"/><xsl:with-param name="class" select="'tk-head'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Paragraphs: <p> when it holds phrasing content only; TEI allows lists, quotes and tables inside p, so then
       the paragraph is a div and its blocks stay blocks. -->
  <xsl:template match="p | ab">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="blocky" select="exists(descendant::*[self::list or self::table or self::lg or self::l or self::sp or self::figure or self::quote[p | lg | l] or self::p or self::ab or self::div or self::floatingText or self::castList or self::listBibl][not(ancestor::note[ancestor::* intersect current()])])"/>
    <xsl:choose>
      <xsl:when test="$inline">
        <span>
          <xsl:sequence select="tk:ids(.)"/>
          <xsl:attribute name="class" select="tk:class(., concat('tk-', local-name(), ' tk-block'))"/>
          <xsl:sequence select="tk:number(.)"/>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:when test="$blocky">
        <div>
          <xsl:sequence select="tk:ids(.)"/>
          <xsl:attribute name="class" select="tk:class(., concat('tk-', local-name()))"/>
          <xsl:sequence select="tk:number(.)"/>
          <xsl:apply-templates/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:sequence select="tk:ids(.)"/>
          <xsl:attribute name="class" select="tk:class(., concat('tk-', local-name()))"/>
          <xsl:sequence select="tk:number(.)"/>
          <xsl:apply-templates>
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Letters and cables: opener, closer, salute, signed, dateline, address (TEI Guidelines 4.2, "Elements common to
       all divisions"); byline, epigraph, argument, trailer and the like as blocks of their own. -->
  <xsl:template match="opener | closer | postscript | epigraph | argument | trailer | byline | docAuthor | docImprint | docDate | titlePage | docTitle | titlePart | docEdition | imprimatur | salute | signed | dateline | address | addrLine | floatingText | group | lg | sp | spGrp | castList | castGroup | set | camera | sound | view | listBibl | div[@type = 'appendix'] | quote[p | lg | l] | cit[quote[p | lg | l]] | label[parent::div or parent::body] | fw | ab[@type = 'fw']">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <!-- tk:block written out: this template serves the most frequent block elements. -->
    <xsl:element name="{if ($inline) then 'span' else 'div'}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:attribute name="class" select="tk:class(., if ($inline) then concat('tk-', local-name(), ' tk-block') else concat('tk-', local-name()))"/>
      <xsl:sequence select="tk:number(.)"/>
      <xsl:apply-templates/>
    </xsl:element>
    <xsl:if test="$inline"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="l">
    <xsl:call-template name="tk:block"/>
  </xsl:template>

  <xsl:template match="speaker">
    <xsl:call-template name="tk:block"><xsl:with-param name="class" select="'tk-speaker'"/></xsl:call-template>
  </xsl:template>

  <!-- Stage directions: a block between speeches, inline inside a line or paragraph. -->
  <xsl:template match="stage | move">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline"><xsl:call-template name="tk:phrase"><xsl:with-param name="class" select="'tk-stage'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="tk:block"><xsl:with-param name="class" select="'tk-stage'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="castItem | role | roleDesc | actor">
    <xsl:call-template name="tk:phrase"/>
  </xsl:template>

  <xsl:template match="castItem" priority="2">
    <xsl:call-template name="tk:block"/>
  </xsl:template>

  <!-- Lists: ordered when TEI says so; label/item pairs (glossary lists) as a description list. -->
  <xsl:template match="list | listWit | listApp">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:apply-templates select="head"/>
    <xsl:variable name="element" select="if ($inline) then 'span' else if (label) then 'dl' else if (@type = ('ordered', 'numbered') or matches(@rend, 'numbered|ordered|arabic|roman')) then 'ol' else 'ul'"/>
    <xsl:element name="{$element}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:attribute name="class" select="tk:class(., if ($inline) then 'tk-list tk-block' else 'tk-list')"/>
      <xsl:for-each select="* except head">
        <xsl:choose>
          <xsl:when test="$element = 'dl'">
            <xsl:element name="{if (self::label) then 'dt' else 'dd'}">
              <xsl:if test="self::item or self::label"><xsl:sequence select="tk:ids(.)"/></xsl:if>
              <xsl:apply-templates select="."/>
            </xsl:element>
          </xsl:when>
          <xsl:when test="$element = 'span'">
            <span class="tk-item tk-block"><xsl:if test="self::item or self::label"><xsl:sequence select="tk:ids(.)"/></xsl:if><xsl:apply-templates select="."/></span>
          </xsl:when>
          <xsl:otherwise>
            <li><xsl:if test="self::item or self::label"><xsl:sequence select="tk:ids(.)"/></xsl:if><xsl:apply-templates select="."/></li>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- Inside a list, item/label are rendered by the list (ids there); here only their content. -->
  <xsl:template match="list/item | list/label | listWit/witness">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="item | label">
    <xsl:call-template name="tk:phrase"/>
  </xsl:template>

  <!-- Tables (TEI Guidelines 14.1): @cols/@rows become colspan/rowspan only when they are numbers. -->
  <xsl:template match="table">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'table'}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:attribute name="class" select="tk:class(., if ($inline) then 'tk-table tk-block' else 'tk-table')"/>
      <xsl:if test="head">
        <xsl:element name="{if ($inline) then 'span' else 'caption'}">
          <xsl:apply-templates select="head/node()"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
        </xsl:element>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$inline"><xsl:apply-templates select="* except head"/></xsl:when>
        <xsl:otherwise>
          <tbody>
            <xsl:for-each select="row">
              <tr>
                <xsl:sequence select="tk:ids(.)"/>
                <xsl:for-each select="cell">
                  <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
                    <xsl:sequence select="tk:ids(.)"/>
                    <xsl:if test="matches(@cols, '^[1-9][0-9]?$')"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
                    <xsl:if test="matches(@rows, '^[1-9][0-9]?$')"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
                    <xsl:apply-templates/>
                  </xsl:element>
                </xsl:for-each>
                <xsl:if test="not(cell)"><td><xsl:apply-templates/></td></xsl:if>
              </tr>
            </xsl:for-each>
          </tbody>
          <!-- Anything else directly in the table (notes, pb, stray text elements) still shows. -->
          <xsl:if test="* except (head | row)">
            <tfoot><tr><td colspan="{max((1, row/count(cell)))}"><xsl:apply-templates select="* except (head | row)"/></td></tr></tfoot>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <xsl:template match="row | cell">
    <xsl:call-template name="tk:block"><xsl:with-param name="element" select="'span'"/></xsl:call-template>
  </xsl:template>

  <!-- Figures: caption from head/figDesc; images are described and linked, never embedded (no network request). -->
  <xsl:template match="figure">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'figure'}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:attribute name="class" select="tk:class(., if ($inline) then 'tk-figure tk-block' else 'tk-figure')"/>
      <xsl:apply-templates select="* except (head | figDesc)"/>
      <xsl:if test="head | figDesc">
        <xsl:element name="{if ($inline) then 'span' else 'figcaption'}">
          <xsl:for-each select="head | figDesc">
            <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
            <span class="tk-{local-name()}"><xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates></span>
          </xsl:for-each>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template match="graphic | media">
    <xsl:variable name="url" select="tk:safe-url(@url)"/>
    <span class="tk-graphic">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:text>[image</xsl:text>
      <xsl:if test="exists($url)">: <a href="{$url}" rel="noopener noreferrer"><xsl:value-of select="@url"/></a></xsl:if>
      <xsl:text>]</xsl:text>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- ===================================================================================== phrase level -->

  <!-- hi is the most frequent element of many files: written out instead of calling tk:phrase (faster in saxon-js). -->
  <xsl:template match="hi">
    <span class="{tk:class(., if (@rend) then 'tk-hi' else 'tk-hi rend-italic')}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:apply-templates>
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>
  <xsl:template match="emph">
    <xsl:call-template name="tk:phrase"><xsl:with-param name="element" select="'em'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="title[ancestor::text or ancestor::bibl or ancestor::biblStruct]">
    <xsl:call-template name="tk:phrase"><xsl:with-param name="element" select="'cite'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="foreign | term | gloss | mentioned | soCalled | distinct | gi | att | val | tag | code | ident | num | measure | measureGrp | unit | abbr[not(parent::choice)] | expan[not(parent::choice)] | ex | am | orig[not(parent::choice)] | reg[not(parent::choice)] | seg | w | c | pc | s | phr | cl | m | affiliation | occupation | roleName | forename | surname | genName | addName | nameLink | idno | bibl | author | editor | publisher | pubPlace | biblScope | citedRange | imprint | edition | series | respStmt | resp | funder | sponsor | principal | rb | q[not(p | lg | l)] | said[not(p | lg | l)] | quote[not(p | lg | l)] | cit | lang | language | licence | availability | time[not(@when | @from | @to)]">
    <xsl:element name="{if (self::q or self::said or self::quote) then 'q' else if (self::code or self::gi or self::tag or self::att or self::val or self::ident) then 'code' else 'span'}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:attribute name="class" select="tk:class(., concat('tk-', local-name()))"/>
      <xsl:apply-templates>
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- Name parts written without a space between them (<forename>Charles</forename><surname>Dickens</surname>)
       are separate words: a space is put between them. -->
  <xsl:template match="(forename | surname | genName | addName | nameLink | roleName)[preceding-sibling::node()[1][self::forename or self::surname or self::genName or self::addName or self::nameLink or self::roleName]]" priority="3">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
  </xsl:template>

  <!-- An identifier that is a URL (for instance the archive's document URL) is a link, when the URL is safe. -->
  <xsl:template match="idno[exists(tk:safe-url(.)) and not(starts-with(normalize-space(.), '#'))]" priority="2">
    <a class="tk-idno" href="{tk:safe-url(.)}" rel="noopener noreferrer"><xsl:sequence select="tk:ids(.)"/><xsl:value-of select="normalize-space(.)"/></a>
  </xsl:template>

  <xsl:template match="q[p | lg | l] | said[p | lg | l]">
    <xsl:call-template name="tk:block"><xsl:with-param name="element" select="'blockquote'"/></xsl:call-template>
  </xsl:template>

  <!-- TEI examples (egXML, TEI Guidelines 22.1.1) are markup about markup: shown as the XML they are. -->
  <xsl:template match="eg:egXML">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'code' else 'pre'}">
      <xsl:attribute name="class" select="if ($inline) then 'tk-egXML tk-block' else 'tk-egXML'"/>
      <xsl:value-of select="tk:example(.)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="ruby">
    <ruby><xsl:sequence select="tk:ids(.)"/><xsl:apply-templates/></ruby>
  </xsl:template>
  <xsl:template match="ruby/rb">
    <xsl:apply-templates/>
  </xsl:template>
  <xsl:template match="rt">
    <rt><xsl:sequence select="tk:ids(.)"/><xsl:apply-templates/></rt>
  </xsl:template>

  <!-- Line breaks of the source. A break inside a word (break="no") keeps the word whole: it is marked by a
       CSS-generated bar, and the whitespace around it in the TEI source is dropped (TEI Guidelines 3.11.3). -->
  <xsl:template match="lb">
    <xsl:choose>
      <xsl:when test="@break = 'no'"><span class="tk-lb-inword" title="line break in the source"><xsl:sequence select="tk:ids(.)"/></span></xsl:when>
      <xsl:otherwise><br><xsl:sequence select="tk:ids(.)"/></br></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="text()[following-sibling::node()[1][self::lb[@break = 'no'] or self::pb[@break = 'no'] or self::cb[@break = 'no']]]">
    <xsl:value-of select="replace(if (preceding-sibling::node()[1][self::lb[@break = 'no'] or self::pb[@break = 'no'] or self::cb[@break = 'no']]) then replace(., '^\s+', '') else ., '\s+$', '')"/>
  </xsl:template>
  <xsl:template match="text()[preceding-sibling::node()[1][self::lb[@break = 'no'] or self::pb[@break = 'no'] or self::cb[@break = 'no']]]">
    <xsl:value-of select="replace(., '^\s+', '')"/>
  </xsl:template>

  <!-- Page and column breaks as page marks (TEI Guidelines 3.11.3, "Milestone elements"). -->
  <xsl:template match="pb | cb">
    <xsl:variable name="label" select="if (@n) then concat(if (self::pb) then 'p. ' else 'col. ', @n) else if (self::pb) then 'page break' else 'column break'"/>
    <span class="tk-{local-name()}" role="note" aria-label="{$label}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:value-of select="concat('[', if (@n) then @n else '|', ']')"/>
    </span>
    <xsl:variable name="facs" select="tk:safe-url(@facs)"/>
    <xsl:if test="exists($facs)">
      <a class="tk-facs" href="{$facs}" rel="noopener noreferrer">facsimile</a>
    </xsl:if>
  </xsl:template>

  <xsl:template match="milestone | anchor | gb | handShift | alt | altGrp | join | link | linkGrp | timeline | spanGrp | span | interpGrp | interp | certainty | precision | respons | index | catchwords | signatures | secFol"/>

  <xsl:template match="space">
    <span class="tk-space"><xsl:text> </xsl:text></span>
  </xsl:template>

  <!-- ===================================================================================== editorial marks -->

  <!-- supplied: text the editor or translator added; in brackets, visibly editorial; plain in the reading view,
       except a bracketed second name (reason="alternative-name", "Yili [Ili]"), which reads "Yili (Ili)" there. -->
  <xsl:template match="supplied">
    <xsl:variable name="why" select="string-join(('Supplied by the editor', @reason ! concat('reason: ', translate(., '-_', '  ')), @resp ! concat('by ', .)), '; ')"/>
    <span class="tk-supplied" title="{$why}">
      <xsl:sequence select="tk:ids(.)"/>
      <span class="tk-bracket tk-pub">[</span>
      <xsl:if test="@reason = 'alternative-name'"><span class="tk-bracket tk-read">(</span></xsl:if>
      <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
      <xsl:if test="@reason = 'alternative-name'"><span class="tk-bracket tk-read">)</span></xsl:if>
      <span class="tk-bracket tk-pub">]</span>
    </span>
  </xsl:template>

  <!-- gap: omitted material, printed [...] in the published view and left out of the reading view. -->
  <xsl:template match="gap">
    <span class="tk-gap tk-pub" title="{string-join(('Omitted', @reason ! concat('reason: ', .), @extent ! concat('extent: ', .), string-join((@quantity, @unit), ' ')[. ne '']), '; ')}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:text>[...]</xsl:text>
    </span>
    <xsl:apply-templates/>
  </xsl:template>

  <!-- sic without a correction: kept as in the source, printed "word [sic]" in the published view. -->
  <xsl:template match="sic">
    <span class="tk-sic" title="sic: as in the source">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </span>
    <span class="tk-sic-mark tk-pub"><xsl:text> [sic]</xsl:text></span>
  </xsl:template>
  <xsl:template match="corr[not(parent::choice)]">
    <span class="tk-corr" title="corrected by the editor">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- choice (TEI Guidelines 3.5.1): the source's form in the published view, the editor's in the reading view;
       both are in the page, the other one shown on hover. -->
  <xsl:template match="choice">
    <xsl:variable name="source" select="(sic | abbr | orig | seg[1])[1]"/>
    <xsl:variable name="editor" select="(corr | expan | reg | seg[2])[1]"/>
    <span class="tk-choice">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:for-each select="$source">
        <span class="tk-{local-name()} tk-pub" title="{concat(if (self::sic) then 'sic; corrected: ' else if (self::abbr) then 'expanded: ' else if (self::orig) then 'regularised: ' else 'or: ', normalize-space(string-join($editor//text(), '')))}">
          <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
        </span>
      </xsl:for-each>
      <xsl:for-each select="$editor">
        <span class="tk-{local-name()} tk-read" title="{concat('source reads: ', normalize-space(string-join($source//text(), '')))}">
          <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
        </span>
      </xsl:for-each>
      <!-- Further alternatives (a third seg, unexpected children) are not dropped. -->
      <xsl:apply-templates select="* except ($source, $editor)"/>
    </span>
  </xsl:template>

  <xsl:template match="del">
    <del class="tk-del tk-pub"><xsl:sequence select="tk:ids(.)"/><xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates></del>
  </xsl:template>
  <xsl:template match="add">
    <ins class="tk-add"><xsl:sequence select="tk:ids(.)"/><xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates></ins>
  </xsl:template>
  <xsl:template match="unclear | damage | surplus | restore | subst | mod | redo | undo | retrace | secl">
    <xsl:call-template name="tk:phrase">
      <xsl:with-param name="title" select="string-join((local-name(), @reason, @cert ! concat('certainty: ', .)), '; ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Notes become footnotes: a numbered link here, the text in the Notes section, with a link back. -->
  <xsl:template match="note[tk:footnote(.)]">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="n" select="accumulator-before('tk:notes')"/>
    <sup class="tk-noteref">
      <xsl:choose>
        <xsl:when test="$in-link"><span id="tk-noteref-{generate-id(.)}"><xsl:value-of select="$n"/></span></xsl:when>
        <xsl:otherwise><a href="#tk-note-{generate-id(.)}" id="tk-noteref-{generate-id(.)}" aria-label="Note {$n}"><xsl:value-of select="$n"/></a></xsl:otherwise>
      </xsl:choose>
    </sup>
  </xsl:template>
  <!-- Notes printed inline in the source stay in the running text; notes inside footnotes stay in the footnote, in
       parentheses; notes elsewhere (header, registers) stay where they are. -->
  <xsl:template match="note[tk:inline-note(.)]">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline"><xsl:call-template name="tk:phrase"><xsl:with-param name="class" select="'tk-note-inline'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="tk:block"><xsl:with-param name="class" select="'tk-note-inline'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="note[ancestor::text]" priority="-0.1">
    <span class="tk-note-nested">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:value-of select="concat(' (', if (@n) then concat(@n, ' ') else '')"/>
      <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>
  <xsl:template match="note" priority="-0.2">
    <xsl:call-template name="tk:phrase"><xsl:with-param name="class" select="'tk-note-inline'"/></xsl:call-template>
  </xsl:template>

  <!-- Critical apparatus (TEI Guidelines 12): the lemma in the text, the readings in the apparatus. -->
  <xsl:template match="app[ancestor::text][not(ancestor::app)]">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="n" select="accumulator-before('tk:apps')"/>
    <span class="tk-app">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:apply-templates select="(lem, rdg[1])[1]/node()"/>
    </span>
    <sup class="tk-appref">
      <xsl:choose>
        <xsl:when test="$in-link"><span id="tk-appref-{generate-id(.)}"><xsl:value-of select="concat('a', $n)"/></span></xsl:when>
        <xsl:otherwise><a href="#tk-app-{generate-id(.)}" id="tk-appref-{generate-id(.)}" aria-label="Apparatus entry {$n}"><xsl:value-of select="concat('a', $n)"/></a></xsl:otherwise>
      </xsl:choose>
    </sup>
  </xsl:template>
  <xsl:template match="app">
    <xsl:apply-templates select="(lem, rdg[1])[1]/node()"/>
  </xsl:template>

  <xsl:template match="app" mode="tk:apparatus">
    <xsl:for-each select="lem | rdg | rdgGrp/rdg | note | witDetail">
      <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
      <span class="tk-{local-name()}">
        <xsl:sequence select="tk:lang-attr(.)"/>
        <xsl:apply-templates>
          <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
        <xsl:if test="not(normalize-space())"><em>om.</em></xsl:if>
        <xsl:if test="self::lem">]</xsl:if>
        <xsl:if test="@wit | @source">
          <xsl:text> </xsl:text>
          <span class="tk-wit"><xsl:value-of select="string-join(tokenize(normalize-space(string-join((@wit, @source), ' ')), ' ') ! replace(., '^#', ''), ' ')"/></span>
        </xsl:if>
        <xsl:if test="self::rdg or self::lem">;</xsl:if>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- Dates: the text as written; the ISO 8601 value on hover, and in <time datetime> when it is a plain date. -->
  <xsl:template match="date | time[@when | @from | @to]" name="tk:date">
    <xsl:param name="label" as="xs:string?" select="()"/>
    <xsl:variable name="iso" select="tk:iso-date(.)"/>
    <xsl:variable name="datetime" select="if (matches(@when, '^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?)?$')) then string(@when) else ()"/>
    <xsl:element name="{if (exists($datetime)) then 'time' else 'span'}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:attribute name="class" select="'tk-date'"/>
      <xsl:if test="exists($datetime)"><xsl:attribute name="datetime" select="$datetime"/></xsl:if>
      <xsl:if test="$iso">
        <xsl:attribute name="title" select="concat($iso, if (@cert) then concat(' (certainty: ', @cert, ')') else '')"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="exists($label)"><xsl:value-of select="$label"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- ===================================================================================== names and links -->

  <!-- A name in the text: highlighted by kind, linked to its register entry, its other names on hover and focus. -->
  <xsl:template match="(placeName | orgName | persName | rs | name | geogName | settlement | country | region | bloc | district)[ancestor::text or parent::correspAction]">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" select="tk:target(., (@ref, @corresp, @key[starts-with(., '#')])[1])"/>
    <xsl:variable name="kind" select="tk:kind(($target, .)[1])"/>
    <xsl:variable name="surface" select="normalize-space(string-join(.//text(), ''))"/>
    <xsl:variable name="others" select="if ($target) then distinct-values(tk:entry-names($target)[normalize-space(string-join(.//text(), '')) ne $surface] ! concat(normalize-space(string-join(.//text(), '')), if (@xml:lang) then concat(' (', @xml:lang, ')') else '')) else ()"/>
    <xsl:variable name="title" select="string-join((
      if ($target) then concat(tk:kind-label($kind), ': ', normalize-space(string-join(tk:entry-names($target)[1]//text(), ''))) else (),
      if (exists($others)) then concat('also: ', string-join($others, '; ')) else ()), ' — ')"/>
    <xsl:variable name="external" select="if ($target) then () else tk:safe-url((@ref, @key[starts-with(., 'http')])[1])[not(starts-with(., '#'))]"/>
    <xsl:variable name="names-id" select="if ($target/@xml:id) then concat('tk-names-', tk:html-id($target/@xml:id)) else ()"/>
    <xsl:variable name="nested" select="exists(.//(placeName | orgName | persName | rs | name | ref | ptr | note)[@ref or @target or self::note])"/>
    <xsl:choose>
      <xsl:when test="($target or exists($external)) and not($in-link) and not($nested)">
        <a class="tk-name tk-{$kind}" href="{if ($target) then concat('#', tk:html-id($target/@xml:id)) else $external}">
          <xsl:sequence select="tk:ids(.)"/>
          <xsl:if test="$title"><xsl:attribute name="title" select="$title"/></xsl:if>
          <xsl:if test="exists($others)"><xsl:attribute name="data-names" select="string-join($others, ' · ')"/></xsl:if>
          <xsl:if test="exists($names-id)"><xsl:attribute name="aria-describedby" select="$names-id"/></xsl:if>
          <xsl:if test="exists($external)"><xsl:attribute name="rel" select="'noopener noreferrer'"/></xsl:if>
          <xsl:apply-templates>
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <!-- Names holding other linked names (an office "of the Xinjiang Uyghur Autonomous Region") cannot be one
             link (HTML forbids nested links): the name is highlighted and followed by a small link of its own. -->
        <span class="tk-name tk-{$kind}">
          <xsl:sequence select="tk:ids(.)"/>
          <xsl:if test="$title"><xsl:attribute name="title" select="$title"/></xsl:if>
          <xsl:apply-templates>
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
        <xsl:if test="($target or exists($external)) and not($in-link)">
          <a class="tk-name-link tk-{$kind}" href="{if ($target) then concat('#', tk:html-id($target/@xml:id)) else $external}" aria-label="{concat(tk:kind-label($kind), ': ', $surface)}">
            <xsl:if test="$title"><xsl:attribute name="title" select="$title"/></xsl:if>
            <xsl:if test="exists($others)"><xsl:attribute name="data-names" select="string-join($others, ' · ')"/></xsl:if>
            <xsl:if test="exists($names-id)"><xsl:attribute name="aria-describedby" select="$names-id"/></xsl:if>
            <xsl:text>↗</xsl:text>
          </a>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="tk:kind-label" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="map:get(map{'place':'Place', 'org':'Organisation', 'person':'Person', 'group':'Group', 'other':'Name'}, $kind)"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- ref and ptr (TEI Guidelines 16.1): links only to safe URLs and to elements of this document. -->
  <xsl:template match="ref | ptr">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" select="tk:target(., @target)"/>
    <xsl:variable name="url" select="if ($target) then concat('#', tk:html-id($target/@xml:id)) else tk:safe-url(tokenize(normalize-space(@target), ' ')[1])[not(starts-with(., '#'))]"/>
    <xsl:choose>
      <xsl:when test="exists($url) and not($in-link)">
        <a class="tk-{local-name()}" href="{$url}">
          <xsl:sequence select="tk:ids(.)"/>
          <xsl:if test="not($target)"><xsl:attribute name="rel" select="'noopener noreferrer'"/></xsl:if>
          <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
          <xsl:if test="self::ptr or not(normalize-space())"><xsl:value-of select="if ($target) then '→' else @target"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="tk-{local-name()}">
          <xsl:sequence select="tk:ids(.)"/>
          <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================================================== registers -->

  <xsl:template match="listPlace | listOrg | listPerson | listNym | listEvent">
    <xsl:param name="level" as="xs:integer" select="2" tunnel="yes"/>
    <section class="tk-register tk-{local-name()}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:element name="h{min(($level + 1, 6))}">
        <xsl:choose>
          <xsl:when test="head"><xsl:apply-templates select="head/node()"/></xsl:when>
          <xsl:when test="self::listPlace">Places</xsl:when>
          <xsl:when test="self::listOrg">Organisations</xsl:when>
          <xsl:when test="self::listPerson and not(person) and personGrp">Groups of people</xsl:when>
          <xsl:when test="self::listPerson and person and personGrp">Persons and groups</xsl:when>
          <xsl:when test="self::listPerson">Persons</xsl:when>
          <xsl:otherwise><xsl:value-of select="tk:label(local-name())"/></xsl:otherwise>
        </xsl:choose>
      </xsl:element>
      <xsl:apply-templates select="* except head">
        <xsl:with-param name="level" select="$level + 1" tunnel="yes"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

  <xsl:template match="place | org | person | personGrp | nym | event">
    <xsl:param name="level" as="xs:integer" select="3" tunnel="yes"/>
    <xsl:variable name="names" select="tk:entry-names(.)"/>
    <article class="tk-entry tk-{tk:kind(.)}">
      <xsl:sequence select="tk:ids(.)"/>
      <xsl:element name="h{min(($level + 1, 6))}">
        <xsl:attribute name="class" select="'tk-entry-title'"/>
        <xsl:value-of select="if ($names) then normalize-space(string-join($names[1]//text(), '')) else if (@xml:id) then @xml:id else tk:label(local-name())"/>
        <span class="tk-kind"><xsl:value-of select="concat(' (', if (@type) then translate(@type, '-_', '  ') else lower-case(tk:kind-label(tk:kind(.))), ')')"/></span>
      </xsl:element>
      <xsl:if test="$names">
        <ul class="tk-names">
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="concat('tk-names-', tk:html-id(@xml:id))"/></xsl:if>
          <xsl:attribute name="aria-label" select="'Names'"/>
          <xsl:for-each select="$names">
            <li>
              <span class="tk-name-form">
                <xsl:sequence select="tk:lang-attr(.)"/>
                <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
              </span>
              <xsl:if test="@xml:lang">
                <span class="tk-lang-tag"><xsl:value-of select="concat(' ', tk:language-name(string(@xml:lang)), if (tk:language-name(string(@xml:lang)) ne string(@xml:lang)) then concat(' (', @xml:lang, ')') else '')"/></span>
              </xsl:if>
              <xsl:if test="@type"><span class="tk-name-type"><xsl:value-of select="concat(', ', @type)"/></span></xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:for-each select=".//geo">
        <xsl:variable name="parts" select="tokenize(normalize-space(replace(., ',', ' ')), ' ')"/>
        <p class="tk-geo">
          <xsl:text>Coordinates: </xsl:text>
          <xsl:choose>
            <xsl:when test="count($parts) = 2 and (every $p in $parts satisfies $p castable as xs:double)">
              <xsl:variable name="lat" select="xs:double($parts[1])"/>
              <xsl:variable name="long" select="xs:double($parts[2])"/>
              <span class="tk-coords" title="latitude longitude (WGS 84): {normalize-space(.)}">
                <xsl:value-of select="concat(abs($lat), '° ', if ($lat ge 0) then 'N' else 'S', ', ', abs($long), '° ', if ($long ge 0) then 'E' else 'W')"/>
              </span>
              <xsl:text> </xsl:text>
              <a class="tk-map" href="https://www.openstreetmap.org/?mlat={$lat}&amp;mlon={$long}#map=8/{$lat}/{$long}" rel="noopener noreferrer">map</a>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:for-each>
      <xsl:variable name="idnos" select="idno"/>
      <xsl:if test="$idnos">
        <ul class="tk-authorities" aria-label="Authority records">
          <xsl:for-each select="$idnos">
            <li><xsl:call-template name="tk:authority"/></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <!-- Everything else the entry says (descriptions, notes, events, nested places), nothing dropped. -->
      <xsl:for-each select="* except ($names, idno, location[geo and not(* except geo)])">
        <xsl:choose>
          <xsl:when test="self::note"><p class="tk-entry-note"><xsl:sequence select="tk:lang-attr(.)"/><xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates></p></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </article>
  </xsl:template>

  <!-- An authority identifier as a link: Wikidata, GeoNames, VIAF, GND, or the URL itself. -->
  <xsl:template name="tk:authority">
    <xsl:variable name="v" select="normalize-space(.)"/>
    <xsl:variable name="type" select="lower-case(string(@type))"/>
    <xsl:variable name="url" select="
      if (exists(tk:safe-url($v)) and not(starts-with($v, '#'))) then tk:safe-url($v)
      else if ($type = 'wikidata' and matches($v, '^Q[0-9]+$')) then concat('https://www.wikidata.org/wiki/', $v)
      else if ($type = 'geonames' and matches($v, '^[0-9]+$')) then concat('https://www.geonames.org/', $v)
      else if ($type = 'viaf' and matches($v, '^[0-9]+$')) then concat('https://viaf.org/viaf/', $v)
      else if ($type = 'gnd' and matches($v, '^[0-9X-]+$')) then concat('https://d-nb.info/gnd/', $v)
      else if ($type = 'tgn' and matches($v, '^[0-9]+$')) then concat('http://vocab.getty.edu/page/tgn/', $v)
      else ()"/>
    <span class="tk-authority-type"><xsl:value-of select="concat(if (@type) then tk:label(if ($type = 'wikidata') then 'Wikidata' else if ($type = 'geonames') then 'GeoNames' else string(@type)) else 'Identifier', ': ')"/></span>
    <xsl:choose>
      <xsl:when test="exists($url)"><a href="{$url}" rel="noopener noreferrer"><xsl:value-of select="$v"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="location[not(geo)] | desc | birth | death | floruit | state | trait | residence | nationality | faith | sex | age | education | socecoStatus | langKnowledge | population | climate | terrain | listRelation | relation">
    <xsl:call-template name="tk:block"><xsl:with-param name="element" select="'p'"/></xsl:call-template>
  </xsl:template>

  <!-- ===================================================================================== CSS -->

  <xsl:variable name="tk:css" as="xs:string">
:root { --ink: #1d1d1f; --muted: #5b5b66; --rule: #d8d4cc; --paper: #fffdf8; --place: #1d5e8c; --org: #7a3e00;
  --person: #285e26; --group: #6b2a72; --editorial: #8a1c1c; }
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { font: 1.0625rem/1.6 Georgia, "Times New Roman", "Noto Serif", "Noto Serif CJK SC", serif; max-width: 46rem;
  margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1, h2, h3, h4, h5, h6 { font-weight: normal; line-height: 1.25; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; }
h3 { font-size: 1.12rem; margin: 2rem 0 .5rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.25rem 0 .25rem; font-weight: bold; }
a { color: inherit; }
a:focus-visible, input:focus-visible + label { outline: 2px solid #2a62c9; outline-offset: 2px; }
.tk-title-block { border-bottom: 1px solid var(--rule); padding-bottom: 1rem; margin-bottom: 1rem; }
.tk-meta { display: grid; grid-template-columns: minmax(7rem, 13rem) 1fr; gap: .2rem 1rem; font-size: .92rem; margin: 0; }
.tk-meta dt { color: var(--muted); }
.tk-meta dd { margin: 0; overflow-wrap: anywhere; }
.tk-abstract { font-size: .95rem; }
.tk-abstract h2, .tk-abstract h3 { font-size: 1rem; font-weight: bold; margin: 1rem 0 .25rem; }
.tk-switch-label { margin: 1rem 0 .25rem; font-size: .9rem; color: var(--muted); }
.tk-view { margin: 0 .3rem 0 0; }
.tk-view-option { font-size: .9rem; margin-right: 1.25rem; cursor: pointer; }
.tk-main { margin-top: 1.5rem; }
.tk-text { hyphens: auto; }
.tk-head { font-variant: small-caps; }
.tk-div-cable > .tk-head, .tk-body > .tk-head { text-align: center; }
.tk-opener, .tk-salute { margin: 1rem 0; }
.tk-closer { margin: 1.5rem 0 1rem auto; text-align: right; }
.tk-signed, .tk-dateline { display: block; }
.tk-block { display: block; }
.tk-lg { margin: 1rem 0 1rem 1.5rem; }
.tk-l { position: relative; }
.tk-n { position: absolute; left: -3rem; width: 2.5rem; text-align: right; color: var(--muted); font-size: .8rem; }
.tk-p, .tk-ab { position: relative; }
.tk-sp { margin: .75rem 0; }
.tk-speaker { font-variant: small-caps; font-weight: bold; }
.tk-stage { font-style: italic; color: var(--muted); }
.tk-castList { margin: 1rem 0; }
.tk-egXML { white-space: pre-wrap; font: .85rem/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: #f4f1ea; padding: .5rem; }
.tk-table { border-collapse: collapse; margin: 1rem 0; }
.tk-table td, .tk-table th { border: 1px solid var(--rule); padding: .2rem .5rem; vertical-align: top; }
.tk-figure { margin: 1rem 0; padding: .5rem; border: 1px dashed var(--rule); }
blockquote, .tk-quote.tk-block { margin: 1rem 2rem; }
.rend-italic, .rend-i { font-style: italic; } .rend-bold, .rend-b { font-weight: bold; }
.rend-underline, .rend-u { text-decoration: underline; } .rend-sup, .rend-superscript { vertical-align: super; font-size: .8em; }
.rend-sub, .rend-subscript { vertical-align: sub; font-size: .8em; } .rend-smallcaps, .rend-sc { font-variant: small-caps; }
.rend-typewriter, .rend-code, .rend-monospace { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.rend-allcaps, .rend-uppercase { text-transform: uppercase; } .rend-wavyunderline { text-decoration: underline wavy; }
.rend-doubleunderline { text-decoration: underline double; } .rend-doublestrikethrough { text-decoration: line-through double; }
.rend-center { text-align: center; } .rend-right { text-align: right; } .rend-strikethrough { text-decoration: line-through; }
.tk-foreign { font-style: italic; }
.tk-name { text-decoration: none; border-bottom: 2px solid; padding: 0 .05em; position: relative; }
.tk-name.tk-place, .tk-name-link.tk-place { color: var(--place); } .tk-name.tk-place { background: #eef5fb; }
.tk-name.tk-org, .tk-name-link.tk-org { color: var(--org); } .tk-name.tk-org { background: #fbf3ea; }
.tk-name.tk-person, .tk-name-link.tk-person { color: var(--person); } .tk-name.tk-person { background: #eef7ec; }
.tk-name.tk-group, .tk-name-link.tk-group { color: var(--group); } .tk-name.tk-group { background: #f6eef7; }
.tk-name.tk-other { border-bottom-style: dotted; }
.tk-name-link { text-decoration: none; font-size: .75em; vertical-align: super; margin-left: .1em; position: relative; }
/* Other names on hover and on keyboard focus, from data-names (CSS-generated, so not part of the copied text). */
a[data-names]:hover::after, a[data-names]:focus::after { content: attr(data-names); position: absolute; left: 0;
  top: 100%; z-index: 2; white-space: nowrap; font: .8rem/1.4 system-ui, sans-serif; color: #fff; background: #333;
  padding: .15rem .4rem; border-radius: 3px; pointer-events: none; }
.tk-supplied { color: var(--editorial); }
.tk-bracket { font-style: normal; }
.tk-gap { color: var(--editorial); cursor: help; }
.tk-sic { text-decoration: underline dotted var(--editorial); }
.tk-sic-mark { color: var(--editorial); font-style: italic; }
.tk-corr, .tk-expan, .tk-reg { text-decoration: underline dotted var(--muted); }
.tk-abbr, .tk-orig { text-decoration: underline dotted var(--muted); }
.tk-unclear { color: var(--muted); }
.tk-unclear::after { content: "?"; font-size: .7em; vertical-align: super; }
.tk-del { color: var(--muted); }
.tk-add { text-decoration: none; }
.tk-add::before { content: "\2E0C"; color: var(--muted); } .tk-add::after { content: "\2E0D"; color: var(--muted); }
.tk-date[title] { text-decoration: underline dotted var(--muted); cursor: help; }
.tk-pb, .tk-cb { color: var(--muted); font: .75rem system-ui, sans-serif; margin: 0 .2em; }
.tk-lb-inword::after { content: "|"; color: var(--muted); font-size: .8em; }
.tk-noteref, .tk-appref { font-size: .75em; line-height: 0; }
.tk-noteref a, .tk-appref a { text-decoration: none; padding: 0 .1em; }
.tk-notes, .tk-apparatus, .tk-registers { border-top: 1px solid var(--rule); margin-top: 2.5rem; font-size: .95rem; }
.tk-footnotes :target, .tk-app-entries :target, .tk-entry:target { background: #fff3c4; }
.tk-backlink { text-decoration: none; }
.tk-lem { font-weight: bold; } .tk-wit { font-style: italic; color: var(--muted); }
.tk-entry { margin: 0 0 1rem; padding: .5rem .75rem; border-left: 3px solid var(--rule); scroll-margin-top: 1rem; }
.tk-entry.tk-place { border-left-color: var(--place); } .tk-entry.tk-org { border-left-color: var(--org); }
.tk-entry.tk-person { border-left-color: var(--person); } .tk-entry.tk-group { border-left-color: var(--group); }
.tk-entry-title { margin: 0 0 .25rem; }
.tk-kind { font-weight: normal; color: var(--muted); font-size: .85em; }
.tk-names, .tk-authorities { margin: 0; padding-left: 1.2rem; }
.tk-lang-tag, .tk-name-type { color: var(--muted); font-size: .85em; }
.tk-geo { margin: .25rem 0; }
.tk-footer { margin-top: 3rem; border-top: 1px solid var(--rule); font-size: .85rem; color: var(--muted); }
.tk-footer h2 { font-size: 1rem; font-weight: bold; }
/* The reading view: supplied words without brackets, gaps and deletions left out, corrections applied. */
.tk-read { display: none; }
#tk-view-reading:checked ~ main .tk-pub { display: none; }
#tk-view-reading:checked ~ main .tk-read { display: inline; }
#tk-view-reading:checked ~ main .tk-read.tk-block { display: block; }
#tk-view-reading:checked ~ main .tk-supplied { color: inherit; }
@media print {
  html { background: #fff; } body { max-width: none; font-size: 11pt; padding: 0; }
  .tk-switch-label, .tk-view, .tk-view-option, .tk-backlink, .tk-map { display: none; }
  .tk-name { background: none !important; border-bottom-width: 1px; }
  a[data-names]::after { content: none !important; }
  .tk-entry, .tk-footnotes li { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
}
  </xsl:variable>
</xsl:stylesheet>
