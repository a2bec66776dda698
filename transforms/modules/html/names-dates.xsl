<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML, names, dates, people and places (TEI Guidelines 13) and linking (16): names linked to their register
  entries, dates, references, and the registers themselves.
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

  <!-- Dates: the text as written; the ISO 8601 value on hover, and in <time datetime> when it is a plain date. -->
  <xsl:template match="date | time[@when | @from | @to]" name="tk:date">
    <xsl:param name="label" as="xs:string?" select="()"/>
    <xsl:variable name="iso" select="tk:iso-date(.)"/>
    <xsl:variable name="datetime" select="if (matches(@when, '^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?)?$')) then string(@when) else ()"/>
    <xsl:element name="{if (exists($datetime)) then 'time' else 'span'}">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
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
  <xsl:template match="(placeName | orgName | persName | rs | name | geogName | settlement | country | region | bloc | district)[tk:in-text(.) or parent::correspAction]">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" select="tk:target(., (@ref, @corresp, @key[starts-with(., '#')])[1])"/>
    <xsl:variable name="kind" select="tk:kind(($target, .)[1])"/>
    <!-- The string value of an element is its descendant text nodes joined (XPath 3.1 section 2.5.2); saxon-js
         computes it without the axis machinery of .//text(), which made names nested in names quadratic. -->
    <xsl:variable name="surface" select="normalize-space(.)"/>
    <xsl:variable name="others" select="if ($target) then distinct-values(tk:entry-names($target)[normalize-space(.) ne $surface] ! concat(normalize-space(.), if (@xml:lang) then concat(' (', @xml:lang, ')') else '')) else ()"/>
    <xsl:variable name="title" select="string-join((
      if ($target) then tk:entry-label($target, $kind) else (),
      if (exists($others)) then concat('also: ', string-join($others, '; ')) else ()), ' — ')"/>
    <xsl:variable name="external" select="if ($target or not(@ref or @key)) then () else tk:safe-url((@ref, @key[starts-with(., 'http')])[1])[not(starts-with(., '#'))]"/>
    <xsl:variable name="names-id" select="if ($target/@xml:id and exists(tk:entry-names($target))) then concat('tk:names-', tk:html-id($target/@xml:id)) else ()"/>
    <!-- Only a link needs to know; one descendant search with a predicate, not a union of eight paths (which
         saxon-js evaluates and sorts into document order for every descendant); `some ... satisfies` stops at the
         first (saxon-js's exists() reads the whole search, which made names nested in names quadratic). -->
    <xsl:variable name="nested" select="($target or exists($external)) and (some $d in .//* satisfies ($d[self::placeName or self::orgName or self::persName or self::rs or self::name or self::ref or self::ptr or self::note][@ref or @target or self::note]))"/>
    <xsl:choose>
      <xsl:when test="($target or exists($external)) and not($in-link) and not($nested)">
        <a class="tk-name tk-{$kind}" href="{if ($target) then concat('#', tk:anchor($target)) else $external}">
          <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
          <xsl:if test="$title"><xsl:attribute name="title" select="tk:isolate($title)"/></xsl:if>
          <xsl:if test="exists($others)"><xsl:attribute name="data-names" select="tk:isolate(string-join($others, ' · '))"/></xsl:if>
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
          <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
          <xsl:if test="$title"><xsl:attribute name="title" select="tk:isolate($title)"/></xsl:if>
          <xsl:apply-templates>
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
        <xsl:if test="($target or exists($external)) and not($in-link)">
          <a class="tk-name-link tk-{$kind}" href="{if ($target) then concat('#', tk:anchor($target)) else $external}" aria-label="{concat(tk:kind-label($kind), ': ', $surface)}">
            <xsl:if test="$title"><xsl:attribute name="title" select="tk:isolate($title)"/></xsl:if>
            <xsl:if test="exists($others)"><xsl:attribute name="data-names" select="tk:isolate(string-join($others, ' · '))"/></xsl:if>
            <xsl:if test="exists($names-id)"><xsl:attribute name="aria-describedby" select="$names-id"/></xsl:if>
            <xsl:text>↗</xsl:text>
          </a>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Person: Gresham, Walter Q.": the kind and the first name of a register entry, or, when the pointer leads to
       a name itself (FRUS's list of persons: <persName xml:id="...">), that name; never an empty "Person: ". -->
  <xsl:function name="tk:entry-label" as="xs:string?">
    <xsl:param name="target" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="name" select="normalize-space(string-join((tk:entry-names($target)[1], $target)[1]//text(), ''))"/>
    <xsl:sequence select="if ($name) then concat(tk:kind-label($kind), ': ', $name) else ()"/>
  </xsl:function>

  <xsl:function name="tk:kind-label" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="$tk:kind-labels($kind)"/>
  </xsl:function>
  <!-- Tables of words are global variables, built once: saxon-js builds a map written in an expression again at each
       evaluation. -->
  <xsl:variable name="tk:kind-labels" as="map(xs:string, xs:string)"
    select="map{'place':'Place', 'org':'Organisation', 'person':'Person', 'group':'Group', 'other':'Name'}"/>

  <!-- ref and ptr (TEI Guidelines 16.1): links only to safe URLs and to elements of this document. -->
  <xsl:template match="ref | ptr">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" select="tk:target(., @target)"/>
    <xsl:variable name="url" select="if ($target) then concat('#', tk:anchor($target)) else tk:safe-url(tokenize(normalize-space(@target), ' ')[1])[not(starts-with(., '#'))]"/>
    <xsl:choose>
      <xsl:when test="exists($url) and not($in-link)">
        <a class="tk-{local-name()}" href="{$url}">
          <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
          <xsl:if test="not($target)"><xsl:attribute name="rel" select="'noopener noreferrer'"/></xsl:if>
          <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
          <xsl:if test="self::ptr or not(normalize-space())"><xsl:value-of select="if ($target) then '→' else tk:link-label($url)"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="tk-{local-name()}">
          <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
          <xsl:apply-templates><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================================================== registers -->

  <xsl:template match="listPlace | listOrg | listPerson | listNym | listEvent">
    <xsl:param name="level" as="xs:integer" select="2" tunnel="yes"/>
    <section class="tk-register tk-{local-name()}">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
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
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:element name="h{min(($level + 1, 6))}">
        <xsl:attribute name="class" select="'tk-entry-title'"/>
        <xsl:value-of select="tk:isolate(if ($names) then normalize-space(string-join($names[1]//text(), '')) else if (@xml:id) then @xml:id else tk:label(local-name()))"/>
        <span class="tk-kind"><xsl:value-of select="concat(' (', if (@type) then translate(@type, '-_', '  ') else lower-case(tk:kind-label(tk:kind(.))), ')')"/></span>
      </xsl:element>
      <xsl:if test="$names">
        <ul class="tk-names">
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="concat('tk:names-', tk:html-id(@xml:id))"/></xsl:if>
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
    <xsl:variable name="url" select="tk:authority-url(.)"/>
    <span class="tk-authority-type"><xsl:value-of select="concat((tk:authority-name(@type), @type ! tk:label(.), 'Identifier')[1], ': ')"/></span>
    <xsl:choose>
      <xsl:when test="exists($url)"><a href="{$url}" rel="noopener noreferrer"><xsl:value-of select="$v"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="location[not(geo)] | desc | birth | death | floruit | state | trait | residence | nationality | faith | sex | age | education | socecoStatus | langKnowledge | population | climate | terrain | listRelation | relation">
    <xsl:call-template name="tk:block"><xsl:with-param name="element" select="'p'"/></xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
