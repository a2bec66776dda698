<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML, performance texts (TEI Guidelines 7): speeches, speakers, stage directions, the cast list, and the table of
  contents of acts and scenes (also used for the chapters of prose).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

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

  <!-- The cast list as a list: one entry per role with its description, groups as nested lists under their heading
       (TEI Guidelines 7.1.4 "Cast lists"; the DraCor reading view). -->
  <xsl:template match="castList | castGroup" priority="2">
    <xsl:param name="level" as="xs:integer" select="1" tunnel="yes"/>
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else if (self::castList) then 'section' else 'div'}">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:attribute name="class" select="concat('tk-', local-name(), if ($inline) then ' tk-block' else '')"/>
      <xsl:choose>
        <xsl:when test="$inline"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise>
          <xsl:choose>
            <xsl:when test="head and self::castList"><xsl:element name="h{min(($level + 1, 6))}"><xsl:attribute name="class" select="'tk-head'"/><xsl:apply-templates select="head/node()"/></xsl:element></xsl:when>
            <xsl:when test="self::castList"><xsl:element name="h{min(($level + 1, 6))}"><xsl:attribute name="class" select="'tk-head'"/>Cast</xsl:element></xsl:when>
            <xsl:when test="head"><p class="tk-cast-group-head"><xsl:apply-templates select="head/node()"/></p></xsl:when>
          </xsl:choose>
          <ul class="tk-cast">
            <xsl:for-each select="* except head">
              <li><xsl:apply-templates select="."/></li>
            </xsl:for-each>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <xsl:template match="castItem | role | roleDesc | actor">
    <xsl:call-template name="tk:phrase"/>
  </xsl:template>

  <!-- Acts and scenes (or chapters) as a table of contents before the text: a link to each division with a heading,
       two levels deep. -->
  <xsl:template name="tk:contents">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:variable name="divs" select="text/body/div[head]"/>
    <xsl:if test="count($divs) gt 1">
      <nav class="tk-toc" aria-label="Contents">
        <xsl:element name="h{min(($level + 1, 6))}">Contents</xsl:element>
        <ol>
          <xsl:for-each select="$divs">
            <li>
              <a href="#{tk:div-id(.)}"><xsl:value-of select="tk:isolate(normalize-space(string-join(head[1]//text(), '')))"/></a>
              <xsl:if test="div[head]">
                <ol>
                  <xsl:for-each select="div[head]">
                    <li><a href="#{tk:div-id(.)}"><xsl:value-of select="tk:isolate(normalize-space(string-join(head[1]//text(), '')))"/></a></li>
                  </xsl:for-each>
                </ol>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ol>
      </nav>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
