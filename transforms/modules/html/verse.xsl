<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML, verse (TEI Guidelines 6): lines and line groups.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- A verse line: a line of its own, its number (@n) in the margin. -->
  <xsl:template match="l">
    <xsl:call-template name="tk:block"/>
  </xsl:template>
</xsl:stylesheet>
