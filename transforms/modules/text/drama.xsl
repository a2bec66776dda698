<?xml version="1.0" encoding="UTF-8"?>
<!--
  Text, performance texts (TEI Guidelines 7): speeches as printed plays give them.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- A speech: the speaker's name with a full stop ("ANNA."), then the first paragraph or line of the speech on
       the same line, as plays are printed. -->
  <xsl:template match="speaker" mode="tk:flat" priority="2">
    <xsl:variable name="name" select="normalize-space(string-join(.//text(), ''))"/>
    <xsl:sequence select="$tk:BR"/>
    <xsl:value-of select="concat($name, if (matches($name, '[.:!?]$')) then '' else '.', ' ')"/>
  </xsl:template>
  <xsl:template match="(p | ab | l)[parent::sp][preceding-sibling::*[1][self::speaker or self::stage[preceding-sibling::*[1][self::speaker]]]]" mode="tk:flat" priority="2">
    <xsl:apply-templates mode="tk:flat"/>
    <xsl:sequence select="if (self::l) then $tk:BR else $tk:SEP"/>
  </xsl:template>
  <!-- A stage direction right after the speaker's name belongs to that line too ("FRANZ. (aside) ..."). -->
  <xsl:template match="stage[parent::sp][preceding-sibling::*[1][self::speaker]]" mode="tk:flat" priority="2">
    <xsl:text>(</xsl:text><xsl:apply-templates mode="tk:flat"/><xsl:text>) </xsl:text>
  </xsl:template>
</xsl:stylesheet>
