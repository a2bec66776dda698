<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML, the Foreign Relations of the United States (the FRUS customisation of TEI, namespace
  http://history.state.gov/frus/ns/1.0): attachments (enclosures of a document) framed, as the printed volumes
  set them apart.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xmlns:frus="http://history.state.gov/frus/ns/1.0"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:template match="frus:attachment">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'aside'}">
      <xsl:sequence select="if (@xml:id or @xml:lang) then tk:ids(.) else ()"/>
      <xsl:attribute name="class" select="if ($inline) then 'tk-attachment tk-block' else 'tk-attachment'"/>
      <xsl:attribute name="aria-label" select="'Attachment'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
