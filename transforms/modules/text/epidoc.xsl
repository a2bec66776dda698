<?xml version="1.0" encoding="UTF-8"?>
<!--
  Text, EpiDoc editions in the Leiden conventions (the sigla from ../leiden.xsl, as in the HTML): one line per line
  of the inscription; a word running over a line end is kept whole on the first line. With $reading, the expanded
  reading text without sigla (no brackets, no dots, gaps and erasures left out).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- The divisions of an EpiDoc edition under their names ("Edition", "Translation", ...); inside the edition the
       Leiden conventions apply ($leiden). -->
  <xsl:template match="div[@type = ('edition', 'translation', 'commentary', 'bibliography', 'apparatus')]" mode="tk:flat" priority="2">
    <xsl:param name="genre" as="xs:string" select="''" tunnel="yes"/>
    <xsl:param name="leiden" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:sequence select="$tk:SEP"/>
    <xsl:if test="$genre = 'epidoc' and not(head)"><xsl:value-of select="tk:label(@type)"/><xsl:sequence select="$tk:SEP"/></xsl:if>
    <xsl:apply-templates mode="tk:flat">
      <xsl:with-param name="leiden" select="$leiden or ($genre = 'epidoc' and @type = 'edition')" tunnel="yes"/>
      <xsl:with-param name="apparatus-div" select="$genre = 'epidoc' and @type = 'apparatus'" tunnel="yes"/>
    </xsl:apply-templates>
    <xsl:sequence select="$tk:SEP"/>
  </xsl:template>

  <xsl:template match="ex" mode="tk:flat">
    <xsl:if test="not($reading)">(</xsl:if>
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:if test="not($reading)">)</xsl:if>
  </xsl:template>

  <xsl:template match="abbr[not(parent::choice or parent::expan)]" mode="tk:flat">
    <xsl:param name="leiden" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:if test="$leiden and not($reading)">(- - -)</xsl:if>
  </xsl:template>

  <xsl:template match="supplied" mode="tk:flat" priority="2">
    <xsl:param name="leiden" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$leiden">
        <xsl:variable name="marks" select="tk:leiden-brackets(.)"/>
        <xsl:if test="not($reading)"><xsl:value-of select="$marks[1]"/></xsl:if>
        <xsl:apply-templates mode="tk:flat"/>
        <xsl:if test="not($reading)"><xsl:value-of select="$marks[2]"/></xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="gap" mode="tk:flat" priority="2">
    <xsl:param name="leiden" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$leiden"><xsl:if test="not($reading)"><xsl:value-of select="tk:leiden-gap(.)"/></xsl:if></xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="unclear" mode="tk:flat">
    <xsl:param name="leiden" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:value-of select="if ($leiden and not($reading)) then tk:underdot(string(.)) else string(.)"/>
  </xsl:template>

  <!-- The apparatus division: one line per entry, "line. note". -->
  <xsl:template match="app" mode="tk:flat" priority="2">
    <xsl:param name="apparatus-div" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$apparatus-div">
        <xsl:sequence select="$tk:BR"/>
        <xsl:if test="@loc"><xsl:value-of select="concat(@loc, '. ')"/></xsl:if>
        <xsl:apply-templates select="." mode="tk:apparatus"/>
        <xsl:sequence select="$tk:BR"/>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
