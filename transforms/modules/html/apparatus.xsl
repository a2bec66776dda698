<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML, critical apparatus (TEI Guidelines 12): the lemma in the text, the readings in the apparatus.
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

  <!-- Critical apparatus (TEI Guidelines 12): the lemma in the text, the readings in the apparatus. -->
  <xsl:template match="app[tk:in-text(.) and tk:outer-app(.)]">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="n" select="$tk:app-numbers(generate-id(.))"/>
    <span class="tk-app">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:apply-templates select="(lem, rdg[1])[1]/node()"/>
    </span>
    <sup class="tk-appref">
      <xsl:choose>
        <xsl:when test="$in-link"><span id="tk:appref-{tk:gid(.)}"><xsl:value-of select="concat('a', $n)"/></span></xsl:when>
        <xsl:otherwise><a href="#tk:app-{tk:gid(.)}" id="tk:appref-{tk:gid(.)}" aria-label="Apparatus entry {$n}"><xsl:value-of select="concat('a', $n)"/></a></xsl:otherwise>
      </xsl:choose>
    </sup>
  </xsl:template>
  <xsl:template match="app">
    <xsl:apply-templates select="(lem, rdg[1])[1]/node()"/>
  </xsl:template>

  <xsl:template match="app" mode="tk:apparatus">
    <xsl:call-template name="tk:apparatus-entry"/>
  </xsl:template>

  <!-- One entry: "lemma] reading witnesses; ...", an empty reading as "om.", notes of the entry after them. -->
  <xsl:template name="tk:apparatus-entry">
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
          <span class="tk-wit"><xsl:value-of select="tk:witnesses(.)"/></span>
        </xsl:if>
        <xsl:if test="self::rdg or self::lem">;</xsl:if>
      </span>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
