<?xml version="1.0" encoding="UTF-8"?>
<!--
  The plain reading text of a node (mode "plain") and snippets of it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- The reading text of a node as one string: printed forms, supplied text in
       brackets, no footnotes, no speaker label, no expansions. For snippets and for
       header facts. -->
  <xsl:mode name="plain" on-no-match="text-only-copy" warning-on-no-match="false"/>
  <xsl:template match="tei:expan | tei:corr | tei:reg | tei:note[e:is-footnote(.)] | tei:speaker" mode="plain"/>
  <xsl:template match="tei:supplied" mode="plain">[<xsl:apply-templates mode="plain"/>]</xsl:template>
  <xsl:template match="tei:unclear" mode="plain">[<xsl:apply-templates mode="plain"/>?]</xsl:template>
  <xsl:template match="tei:gap" mode="plain"><xsl:value-of select="e:gap-text(.)"/></xsl:template>

  <!-- the first $words words of a text, and " …" when there are more -->
  <xsl:function name="e:snippet-text" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="words" as="xs:integer"/>
    <xsl:variable name="all" select="tokenize(normalize-space($text))"/>
    <xsl:sequence select="string-join(subsequence($all, 1, $words), ' ') || (if (count($all) gt $words) then ' …' else '')"/>
  </xsl:function>

  <xsl:function name="e:snippet" as="xs:string">
    <xsl:param name="node" as="node()*"/>
    <xsl:param name="words" as="xs:integer"/>
    <xsl:variable name="t"><xsl:apply-templates select="$node" mode="plain"/></xsl:variable>
    <!-- the first $words words, and " …" when there are more: cut at the $words-th space
         (what tokenize() then string-join() gave, without a regular expression). A text
         of at most $words characters has fewer than $words spaces: nothing to cut, and no
         need to look (header facts ask for 100000 words). -->
    <xsl:variable name="n" select="normalize-space($t)"/>
    <xsl:variable name="cut" select="if ($words ge 1 and string-length($n) gt $words)
        then index-of(string-to-codepoints($n), 32)[$words] else ()"/>
    <xsl:sequence select="
        if ($words lt 1) then (if ($n != '' or $words lt 0) then ' …' else '')
        else if (empty($cut)) then $n
        else substring($n, 1, $cut - 1) || ' …'"/>
  </xsl:function>
</xsl:stylesheet>
