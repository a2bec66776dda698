<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML, the TEI header (TEI Guidelines 2): the title block (one labelled row per field), the editorial
  conventions and the publication statement.
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

  <!-- ===================================================================================== header -->

  <xsl:template match="teiHeader" mode="tk:header">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:variable name="fd" select="fileDesc"/>
    <xsl:variable name="ts" select="$fd/titleStmt"/>
    <xsl:element name="h{$level}">
      <xsl:attribute name="class" select="'tk-doc-title'"/>
      <xsl:value-of select="tk:isolate(tk:title(..))"/>
    </xsl:element>
    <xsl:for-each select="$ts/title[@type = 'sub']">
      <p class="tk-subtitle"><xsl:apply-templates/></p>
    </xsl:for-each>
    <dl class="tk-meta">
      <xsl:for-each select="$ts/author[normalize-space()]">
        <dt>Author</dt><dd><xsl:call-template name="tk:person-with-ids"/></dd>
      </xsl:for-each>
      <xsl:for-each select="$ts/editor[normalize-space()]">
        <dt><xsl:value-of select="if (@role) then tk:label(@role) else 'Editor'"/></dt><dd><xsl:call-template name="tk:person-with-ids"/></dd>
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
        <dt><xsl:value-of select="if (@type = 'sent') then 'Sent by' else if (@type = 'received') then 'Received by' else tk:label((@type, 'Correspondence')[1])"/></dt>
        <dd>
          <xsl:for-each select="persName | orgName | name | rs">
            <xsl:if test="position() gt 1"><xsl:value-of select="if (position() = last()) then ' and ' else ', '"/></xsl:if>
            <xsl:apply-templates select="."/>
          </xsl:for-each>
          <xsl:for-each select="placeName | settlement">
            <xsl:value-of select="if (position() = 1) then (if (../@type = 'received') then ', at ' else ', from ') else ' / '"/>
            <xsl:apply-templates select="."/>
          </xsl:for-each>
          <xsl:for-each select="date">
            <xsl:text>, </xsl:text>
            <xsl:if test="@when">on </xsl:if>
            <xsl:call-template name="tk:date-in-words"/>
          </xsl:for-each>
          <xsl:apply-templates select="* except (persName | orgName | name | rs | placeName | settlement | date)"/>
        </dd>
      </xsl:for-each>
      <!-- When a play was written, printed and first performed (DraCor's standOff/listEvent, or creation). -->
      <xsl:for-each select="(../standOff/listEvent/event[@type], profileDesc/creation/date)">
        <dt><xsl:value-of select="if (self::date) then 'Written' else map{'print': 'Printed', 'premiere': 'First performed', 'written': 'Written'}(string(@type))"
          xmlns:map="http://www.w3.org/2005/xpath-functions/map"/></dt>
        <dd>
          <xsl:call-template name="tk:date-in-words"><xsl:with-param name="as-written" select="exists(self::date)"/></xsl:call-template>
          <xsl:for-each select="(desc, placeName)[normalize-space()]"><xsl:text>, </xsl:text><xsl:apply-templates/></xsl:for-each>
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

  <!-- A person (author, editor) with the identifiers inside the element as links to their authority:
       "Gotthold Ephraim Lessing (Wikidata Q34628, GND 118572121)". -->
  <xsl:template name="tk:person-with-ids">
    <xsl:apply-templates select="node() except idno"/>
    <xsl:if test="idno[normalize-space()]">
      <xsl:text> (</xsl:text>
      <xsl:for-each select="idno[normalize-space()]">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:variable name="url" select="tk:authority-url(.)"/>
        <xsl:value-of select="concat((tk:authority-name(@type), @type ! tk:label(.), 'Identifier')[1], ' ')"/>
        <xsl:choose>
          <xsl:when test="exists($url)"><a href="{$url}" rel="noopener noreferrer"><xsl:value-of select="normalize-space()"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space()"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>



  <!-- The source: a bibliographic description as written (its parts separated), a manuscript or object by its
       repository and identifiers; then the identifiers of an archival record (call number, document number, URL). -->
  <xsl:template name="tk:source">
    <xsl:variable name="bibls" select="bibl | biblStruct | biblFull"/>
    <xsl:variable name="archival" select="exists($bibls//idno[lower-case(@type) = ('callnumber', 'shelfmark', 'call-number')])"/>
    <xsl:if test="$bibls[normalize-space()]">
      <dt>Citation</dt>
      <dd class="tk-citation">
        <xsl:for-each select="$bibls[normalize-space()]">
          <xsl:if test="position() gt 1"><br/></xsl:if>
          <xsl:choose>
            <xsl:when test="note[@type = 'citation']"><xsl:apply-templates select="note[@type = 'citation'][1]/node()"/></xsl:when>
            <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </dd>
    </xsl:if>
    <xsl:for-each select="$bibls//((if ($archival) then (publisher[not(ancestor::imprint)] | biblScope) else ()) | repository | institution | idno | ref[exists(tk:safe-url(@target))][not(starts-with(normalize-space(@target), '#'))])[normalize-space()]">
      <dt><xsl:value-of select="if (self::idno) then tk:idno-label(.) else if (self::publisher or self::repository) then 'Archive' else if (self::ref) then 'Document URL'
        else if (self::biblScope) then tk:label((@unit, 'Extent')[1]) else tk:label(local-name())"/></dt>
      <dd><xsl:apply-templates select="."><xsl:with-param name="field" select="true()" tunnel="yes"/></xsl:apply-templates></dd>
    </xsl:for-each>
    <xsl:for-each select="msDesc">
      <xsl:variable name="where" select="msIdentifier/(country | region | settlement | institution | repository | collection)[normalize-space()]"/>
      <xsl:if test="$where">
        <dt>Repository</dt>
        <dd><xsl:for-each select="$where"><xsl:if test="position() gt 1">, </xsl:if><xsl:apply-templates/></xsl:for-each></dd>
      </xsl:if>
      <xsl:for-each select="msIdentifier/(idno | altIdentifier/idno | msName)[normalize-space()]">
        <dt><xsl:value-of select="if (self::msName) then 'Name' else tk:idno-label(.)"/></dt>
        <dd><xsl:apply-templates select="."/></dd>
      </xsl:for-each>
      <xsl:for-each select=".//support[normalize-space()]">
        <dt>Support</dt><dd><xsl:apply-templates/></dd>
      </xsl:for-each>
      <xsl:for-each select="history/origin/origPlace[normalize-space()]">
        <dt>Place of origin</dt><dd><xsl:apply-templates/></dd>
      </xsl:for-each>
      <xsl:for-each select="history/origin/origDate[normalize-space() or @when or @notBefore or @notAfter]">
        <dt>Date of origin</dt><dd><xsl:call-template name="tk:date-in-words"/></dd>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:if test="not($bibls | msDesc) and normalize-space()">
      <dt>Source</dt>
      <dd class="tk-citation"><xsl:apply-templates/></dd>
    </xsl:if>
  </xsl:template>

  <!-- What an identifier is: "Call number", "Document number", an authority's name, or "Identifier (type)". -->
  <xsl:function name="tk:idno-label" as="xs:string">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="type" select="lower-case(string($idno/@type))"/>
    <xsl:sequence select="
      if ($type = ('document', 'documentnumber')) then 'Document number'
      else if ($type = ('callnumber', 'shelfmark', 'call-number')) then 'Call number'
      else if ($type = ('inv', 'inventory', 'invno')) then 'Inventory number'
      else if ($type = 'filename') then 'File name'
      else if (exists(tk:authority-name($type))) then tk:authority-name($type)
      else if ($type = '') then 'Identifier'
      else concat('Identifier (', tk:label(string($idno/@type)), ')')"/>
  </xsl:function>

  <!-- A date in words, in <time datetime> when its ISO value is one; the text as written follows in parentheses when
       it says something else ("AD 198-209"). -->
  <xsl:template name="tk:date-in-words">
    <xsl:param name="as-written" as="xs:boolean" select="true()"/>
    <xsl:variable name="words" select="tk:dating-words(.)"/>
    <xsl:variable name="iso" select="(@when, @notBefore, @from)[1][matches(., '^-?\d{4}(-\d{2}(-\d{2})?)?$')]"/>
    <xsl:choose>
      <xsl:when test="@when and exists($iso)"><time datetime="{$iso}"><xsl:value-of select="$words"/></time></xsl:when>
      <xsl:otherwise><span class="tk-date"><xsl:value-of select="$words"/></span></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$as-written and normalize-space() and normalize-space() ne $words">
      <xsl:text> (</xsl:text><xsl:apply-templates/><xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- The publication statement: one labelled row per field. -->
  <xsl:template match="publicationStmt" mode="tk:publication">
    <xsl:choose>
      <xsl:when test="p and not(* except p)"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise>
        <dl class="tk-meta">
          <xsl:for-each select="*[normalize-space() or @when or self::availability/licence/@target]">
            <xsl:choose>
              <xsl:when test="self::availability">
                <xsl:for-each select="licence">
                  <dt>Licence</dt>
                  <dd>
                    <xsl:variable name="url" select="tk:safe-url(@target)[not(starts-with(., '#'))]"/>
                    <xsl:choose>
                      <xsl:when test="exists($url)"><a href="{$url}" rel="noopener noreferrer"><xsl:apply-templates/><xsl:if test="not(normalize-space())"><xsl:value-of select="$url"/></xsl:if></a></xsl:when>
                      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
                    </xsl:choose>
                  </dd>
                </xsl:for-each>
                <xsl:for-each select="* except licence">
                  <dt>Availability</dt><dd><xsl:apply-templates/></dd>
                </xsl:for-each>
              </xsl:when>
              <xsl:when test="self::date"><dt>Date</dt><dd><xsl:call-template name="tk:date-in-words"/></dd></xsl:when>
              <xsl:when test="self::idno"><dt><xsl:value-of select="tk:idno-label(.)"/></dt><dd><xsl:apply-templates select="."/></dd></xsl:when>
              <xsl:otherwise><dt><xsl:value-of select="tk:label(local-name())"/></dt><dd><xsl:apply-templates/></dd></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </dl>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="encodingDesc" mode="tk:about">
    <xsl:if test="normalize-space(string-join((projectDesc, editorialDecl, geoDecl, samplingDecl)//text(), ''))">
      <section class="tk-about" aria-labelledby="tk:about-h">
        <h2 id="tk:about-h">Editorial conventions</h2>
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

</xsl:stylesheet>
