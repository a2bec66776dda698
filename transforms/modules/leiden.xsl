<?xml version="1.0" encoding="UTF-8"?>
<!--
  The Leiden sigla (EpiDoc Guidelines; the EpiDoc reference stylesheets' default "Leiden" style), computed once for
  the HTML and the text output.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tk="urn:teikit"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- Opening and closing marks of supplied text: [ ] for lost text, ⟨ ⟩ for letters the engraver omitted,
       (scil. ) for words understood; "?" before the closing mark when the restoration is uncertain (cert="low"). -->
  <xsl:function name="tk:leiden-brackets" as="xs:string+">
    <xsl:param name="supplied" as="element()"/>
    <xsl:variable name="doubt" select="if ($supplied/@cert = 'low') then '?' else ''"/>
    <xsl:sequence select="
      if ($supplied/@reason = 'omitted') then ('⟨', concat($doubt, '⟩'))
      else if ($supplied/@reason = 'subaudible') then ('(scil. ', concat($doubt, ')'))
      else ('[', concat($doubt, ']'))"/>
  </xsl:function>

  <!-- A gap: lost text in square brackets, illegible letters without them; one dot per letter up to three letters,
       ".N" for more (EpiDoc's "cur-max" of 3), "- - -" when the extent is unknown; lost lines as a row of dashes. -->
  <xsl:function name="tk:leiden-gap" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="lost" select="not($gap/@reason = 'illegible')"/>
    <xsl:variable name="n" select="if ($gap/@quantity castable as xs:integer) then xs:integer($gap/@quantity) else ()"/>
    <xsl:variable name="inner" select="
      if ($gap/@unit = 'line') then (if (exists($n)) then concat('- - - ', $n, ' lines - - -') else '- - - - - -')
      else if (exists($n) and $n le 3) then string-join((1 to $n) ! '.', '')
      else if (exists($n)) then concat('.', $n)
      else if ($lost) then '---' else '...'"/>
    <xsl:sequence select="if ($lost and not($gap/@unit = 'line')) then concat('[', $inner, ']') else $inner"/>
  </xsl:function>

  <!-- Each letter followed by U+0323 COMBINING DOT BELOW; spaces and punctuation keep no dot. -->
  <xsl:function name="tk:underdot" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace($text, '(\p{L}\p{M}*)', '$1&#x323;')"/>
  </xsl:function>
</xsl:stylesheet>
