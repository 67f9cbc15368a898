<?xml version="1.0" encoding="UTF-8"?>
<!--
  Footnotes: which notes are footnotes, and their one numbering for every format.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- Editorial notes are the numbered footnotes. One numbering for both formats:
       document order among the document's editorial notes. -->
  <xsl:function name="e:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="$note/@type = 'editorial' and exists($note/ancestor::tei:text)"/>
  </xsl:function>

  <xsl:function name="e:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="n" as="xs:string">
      <xsl:choose>
        <xsl:when test="map:contains($e:note-numbers, generate-id($note))" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
          <xsl:sequence select="string($e:note-numbers(generate-id($note)))"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:number select="$note" level="any" from="tei:text"
              count="tei:note[@type = 'editorial']" format="1"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:sequence select="$n"/>
  </xsl:function>

  <!-- The numbers of the principal document's editorial notes, computed once: counting
       the notes before each one again (xsl:number level="any") made a document with
       many notes cost the square of their number. Only for a document with one <text>
       (where that count is a note's place in document order among the notes of the
       text); for others, and other documents, e:note-number counts as it always did. -->
  <xsl:variable name="e:note-numbers" as="map(xs:string, xs:integer)">
    <xsl:map>
      <xsl:if test="count(/descendant::tei:text) = 1">
        <xsl:for-each select="/descendant::tei:text/descendant::tei:note[@type = 'editorial']">
          <xsl:map-entry key="generate-id(.)" select="position()"/>
        </xsl:for-each>
      </xsl:if>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="e:footnotes" as="element(tei:note)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)//tei:text//tei:note[e:is-footnote(.)]"/>
  </xsl:function>
</xsl:stylesheet>
