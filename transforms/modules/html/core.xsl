<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML, the core of the TEI Guidelines (chapters 3 "Elements available in all TEI documents" and 4 "Default text
  structure"): attributes copied, blocks and phrases, divisions, headings, paragraphs, lists, tables, figures,
  highlighting, quotation, notes.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tk="urn:teikit"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:eg="http://www.tei-c.org/ns/Examples"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- ===================================================================================== attributes -->

  <!-- id (from xml:id) and lang (from xml:lang), the only TEI attributes copied, both checked. Functions, not named
       templates: saxon-js calls a function much faster, and these run for almost every element. Even a function
       call costs saxon-js a new context and a check of the result's type, so callers write
       "if (@xml:id or @xml:lang) then tk:ids(.) else ()": most elements have neither (7% of the transform of a FRUS
       volume, measured). -->
  <xsl:function name="tk:ids" as="attribute()*">
    <xsl:param name="el" as="element()"/>
    <!-- Only the first element with a given xml:id gets it (duplicates in the source would be invalid HTML). -->
    <xsl:if test="$el/@xml:id and key('tk:id', string($el/@xml:id), root($el))[1] is $el"><xsl:attribute name="id" select="tk:html-id($el/@xml:id)"/></xsl:if>
    <xsl:sequence select="tk:lang-attr($el)"/>
  </xsl:function>

  <!-- The id a link to an element of the document leads to: a footnote is printed in the Notes section under an id
       of the page's own (tk:note-...), anything else under its xml:id (see tk:ids). -->
  <xsl:function name="tk:anchor" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($el/self::note and tk:footnote($el)) then concat('tk:note-', tk:gid($el)) else tk:html-id($el/@xml:id)"/>
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
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
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
    <!-- Not when the text already begins with the number ("1. Local cadres" with n="1"): the number shows once. -->
    <xsl:if test="$el/@n and ($el/self::l or $el/self::p or $el/self::ab or $el/self::lg or $el/self::sp)
      and not(starts-with(normalize-space(substring(string($el), 1, string-length($el/@n) + 40)), normalize-space($el/@n)))">
      <span class="tk-n" aria-hidden="true"><xsl:value-of select="$el/@n"/></span><xsl:text> </xsl:text>
    </xsl:if>
  </xsl:function>

  <!-- Phrasing content: everything inside is rendered inline. -->
  <xsl:template name="tk:phrase">
    <xsl:param name="element" as="xs:string" select="'span'"/>
    <xsl:param name="class" as="xs:string" select="concat('tk-', local-name())"/>
    <xsl:param name="title" as="xs:string?" select="()"/>
    <xsl:element name="{$element}">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:attribute name="class" select="tk:class(., $class)"/>
      <xsl:if test="$title"><xsl:attribute name="title" select="tk:isolate($title)"/></xsl:if>
      <xsl:apply-templates>
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>


  <!-- ===================================================================================== structure -->

  <xsl:template match="front | body | back">
    <div class="tk-{local-name()}">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else if (head) then 'section' else 'div'}">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <!-- The table of contents links to headed divisions (see drama.xsl). -->
      <xsl:if test="head and not(@xml:id) and not($inline)"><xsl:attribute name="id" select="tk:div-id(.)"/></xsl:if>
      <xsl:attribute name="class" select="tk:class(., string-join(('tk-div', @type[matches(., '^[A-Za-z][A-Za-z0-9_-]*$')] ! concat('tk-div-', .), if ($inline) then 'tk-block' else ()), ' '))"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Headings: the document title is h$level, a division's head one level per enclosing division below it. -->
  <xsl:template match="head">
    <xsl:param name="level" as="xs:integer" select="1" tunnel="yes"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="depth" select="tk:div-depth(.)"/>
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
    <xsl:variable name="blocky" select="tk:holds-blocks(.)"/>
    <xsl:choose>
      <xsl:when test="$inline">
        <span>
          <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
          <xsl:attribute name="class" select="tk:class(., concat('tk-', local-name(), ' tk-block'))"/>
          <xsl:sequence select="tk:number(.)"/>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:when test="$blocky">
        <div>
          <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
          <xsl:attribute name="class" select="tk:class(., concat('tk-', local-name()))"/>
          <xsl:sequence select="tk:number(.)"/>
          <xsl:apply-templates/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
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
  <xsl:template match="opener | closer | postscript | epigraph | argument | trailer | byline | docAuthor | docImprint | docDate | titlePage | docTitle | titlePart | docEdition | imprimatur | salute | signed | dateline | address | addrLine | floatingText | group | lg | sp | spGrp | castList | castGroup | set | camera | sound | view | div[@type = 'appendix'] | quote[p | lg | l] | cit[quote[p | lg | l]] | label[parent::div or parent::body] | fw | ab[@type = 'fw']">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <!-- tk:block written out: this template serves the most frequent block elements. -->
    <xsl:element name="{if ($inline) then 'span' else 'div'}">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:attribute name="class" select="tk:class(., if ($inline) then concat('tk-', local-name(), ' tk-block') else concat('tk-', local-name()))"/>
      <xsl:sequence select="tk:number(.)"/>
      <xsl:apply-templates/>
    </xsl:element>
    <xsl:if test="$inline"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- A bibliography: one entry per line (a list), not references run together. -->
  <xsl:template match="listBibl">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline"><xsl:call-template name="tk:block"/></xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="head"/>
        <ul class="tk-listBibl">
          <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
          <xsl:for-each select="* except head">
            <li><xsl:apply-templates select="."/></li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Lists: ordered when TEI says so; label/item pairs (glossary lists) as a description list. -->
  <xsl:template match="list | listWit | listApp">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:apply-templates select="head"/>
    <xsl:variable name="element" select="if ($inline) then 'span' else if (label and @type = ('gloss', 'glossary')) then 'dl' else if (@type = ('ordered', 'numbered') or matches(@rend, 'numbered|ordered|arabic|roman')) then 'ol' else 'ul'"/>
    <xsl:variable name="labelled" select="$element = ('ul', 'ol') and exists(label)"/>
    <xsl:element name="{$element}">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:attribute name="class" select="tk:class(., if ($inline) then 'tk-list tk-block' else if ($labelled) then 'tk-list tk-list-labelled' else 'tk-list')"/>
      <xsl:for-each select="* except head">
        <xsl:choose>
          <xsl:when test="$element = 'dl'">
            <xsl:element name="{if (self::label) then 'dt' else 'dd'}">
              <xsl:if test="self::item or self::label"><xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/></xsl:if>
              <xsl:apply-templates select="."/>
            </xsl:element>
          </xsl:when>
          <xsl:when test="$element = 'span'">
            <span class="tk-item tk-block"><xsl:if test="self::item or self::label"><xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/></xsl:if><xsl:apply-templates select="."/></span>
          </xsl:when>
          <!-- A label before its item ("1." then the item, as FRUS encodes numbered points) is printed in the same
               row, inline: the item is the row, the label its first word. -->
          <xsl:when test="self::label and following-sibling::*[1][self::item]"/>
          <xsl:otherwise>
            <li>
              <xsl:if test="self::item or self::label"><xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/></xsl:if>
              <xsl:for-each select="preceding-sibling::*[1][self::label][current()/self::item]">
                <span class="tk-label"><xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/><xsl:apply-templates/></span><xsl:text> </xsl:text>
              </xsl:for-each>
              <xsl:apply-templates select="."/>
            </li>
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
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
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
                <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
                <xsl:for-each select="cell">
                  <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
                    <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
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
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
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
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:text>[image</xsl:text>
      <xsl:if test="exists($url)">: <a href="{$url}" rel="noopener noreferrer"><xsl:value-of select="@url"/></a></xsl:if>
      <xsl:text>]</xsl:text>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- ===================================================================================== phrase level -->

  <!-- Text holding bidirectional controls (an override U+202E in a name, a link, a title) is isolated in <bdi>, so
       that it cannot reorder what follows it on the line (HTML Living Standard, "the bdi element"). -->
  <xsl:template match="text()[matches(., $tk:bidi-controls)]" priority="1">
    <bdi><xsl:value-of select="."/></bdi>
  </xsl:template>

  <!-- hi is the most frequent element of many files: written out instead of calling tk:phrase (faster in saxon-js). -->
  <xsl:template match="hi">
    <span class="{tk:class(., if (@rend) then 'tk-hi' else 'tk-hi rend-italic')}">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:apply-templates>
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>
  <xsl:template match="emph">
    <xsl:call-template name="tk:phrase"><xsl:with-param name="element" select="'em'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="title[not(parent::titleStmt)]">
    <xsl:call-template name="tk:phrase"><xsl:with-param name="element" select="'cite'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="foreign | term | gloss | mentioned | soCalled | distinct | gi | att | val | tag | code | ident | num | measure | measureGrp | unit | abbr[not(parent::choice)] | expan[not(parent::choice)] | ex | am | orig[not(parent::choice)] | reg[not(parent::choice)] | seg | w | c | pc | s | phr | cl | m | affiliation | occupation | roleName | forename | surname | genName | addName | nameLink | idno | bibl | author | editor | publisher | pubPlace | biblScope | citedRange | imprint | edition | series | respStmt | resp | funder | sponsor | principal | rb | q[not(p | lg | l)] | said[not(p | lg | l)] | quote[not(p | lg | l)] | cit | lang | language | licence | availability | time[not(@when | @from | @to)]">
    <xsl:element name="{if (self::q or self::said or self::quote) then 'q' else if (self::code or self::gi or self::tag or self::att or self::val or self::ident) then 'code' else 'span'}">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:attribute name="class" select="tk:class(., concat('tk-', local-name()))"/>
      <xsl:apply-templates>
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>



  <!-- An identifier that is a URL (for instance the archive's document URL), or one of an authority such as
       Wikidata or GND, is a link, when the URL is safe. -->
  <xsl:template match="idno[exists(tk:authority-url(.))]" priority="2">
    <a class="tk-idno" href="{tk:authority-url(.)}" rel="noopener noreferrer"><xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/><xsl:value-of select="normalize-space(.)"/></a>
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
    <ruby><xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/><xsl:apply-templates/></ruby>
  </xsl:template>
  <xsl:template match="ruby/rb">
    <xsl:apply-templates/>
  </xsl:template>
  <xsl:template match="rt">
    <rt><xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/><xsl:apply-templates/></rt>
  </xsl:template>

  <!-- Line breaks of the source. A break inside a word (break="no") keeps the word whole: it is marked by a
       CSS-generated bar, and the whitespace around it in the TEI source is dropped (TEI Guidelines 3.11.3). -->

  <xsl:template match="space">
    <span class="tk-space"><xsl:text> </xsl:text></span>
  </xsl:template>

  <!-- Notes become footnotes: a numbered link here, the text in the Notes section, with a link back. -->
  <xsl:template match="note[tk:footnote(.)]">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="n" select="tk:note-label(.)"/>
    <xsl:if test="not(tk:unmarked-note(.))">
      <sup class="tk-noteref">
        <xsl:choose>
          <xsl:when test="$in-link"><span id="tk:noteref-{tk:gid(.)}"><xsl:value-of select="$n"/></span></xsl:when>
          <xsl:otherwise><a href="#tk:note-{tk:gid(.)}" id="tk:noteref-{tk:gid(.)}" aria-label="Note {$n}"><xsl:value-of select="$n"/></a></xsl:otherwise>
        </xsl:choose>
      </sup>
    </xsl:if>
  </xsl:template>
  <!-- A pointer to a footnote (a second reference to the same note: ptr target="#note-1") is a note reference too,
       with the pointer's own @n or the note's number; it leads to the note but the note leads back to its first
       reference only. -->
  <xsl:template match="ptr[tk:target(., @target)[self::note][tk:footnote(.)]]" priority="1">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="note" select="tk:target(., @target)"/>
    <xsl:variable name="n" select="(@n[normalize-space()]/normalize-space(), tk:note-label($note))[1]"/>
    <sup class="tk-noteref">
      <xsl:choose>
        <xsl:when test="$in-link"><span><xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/><xsl:value-of select="$n"/></span></xsl:when>
        <xsl:otherwise><a href="#{tk:anchor($note)}" aria-label="Note {$n}"><xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/><xsl:value-of select="$n"/></a></xsl:otherwise>
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
  <xsl:template match="note[tk:in-text(.)]" priority="-0.1">
    <span class="tk-note-nested">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:value-of select="concat(' (', if (@n) then concat(@n, ' ') else '')"/>
      <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>
  <xsl:template match="note" priority="-0.2">
    <xsl:call-template name="tk:phrase"><xsl:with-param name="class" select="'tk-note-inline'"/></xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
