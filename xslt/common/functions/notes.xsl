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

  <!-- The numbered footnotes: the notes of the text, except those set in the margin or in the line
       (e:in-margin) and those that are part of a record they stand in (a reference, a description,
       a person's entry, an apparatus entry), which are shown where they stand. Editorial notes
       (the edition's own) always. One numbering for both formats: document order. -->
  <xsl:function name="e:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="exists($note/ancestor::tei:text) and ($note/@type = 'editorial'
        or not(e:in-margin($note) or exists($note/parent::tei:app | $note/parent::tei:rdgGrp | $note/parent::tei:witDetail)
               or exists($note/ancestor::*[self::tei:bibl | self::tei:biblStruct | self::tei:listBibl | self::tei:msDesc
                 | self::tei:person | self::tei:place | self::tei:org | self::tei:event | self::tei:object
                 | self::tei:witness | self::tei:castItem | self::tei:relation | self::tei:nym | self::tei:biblFull])))"/>
  </xsl:function>

  <!-- whether a footnote's marker stands at the anchor it points at (@target), not where it is -->
  <xsl:function name="e:note-at-anchor" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="exists($note/@target) and (some $t in tokenize(normalize-space($note/@target)) satisfies
        starts-with($t, '#') and exists(key('element-by-id', substring($t, 2), root($note))[self::tei:anchor][ancestor::tei:text]))"/>
  </xsl:function>

  <xsl:function name="e:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="n" as="xs:string">
      <xsl:choose>
        <xsl:when test="map:contains($e:note-numbers, generate-id($note))" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
          <xsl:sequence select="string($e:note-numbers(generate-id($note)))"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:number select="$note" level="any" from="tei:TEI"
              count="tei:note[e:is-footnote(.)]" format="1"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:sequence select="$n"/>
  </xsl:function>

  <!-- The numbers of the principal document's footnotes, computed once: counting the notes
       before each one again (xsl:number level="any") made a document with many notes cost the
       square of their number. One numbering across its texts (those of a group, of a corpus):
       a note's place in document order among them. For other documents, e:note-number counts. -->
  <xsl:variable name="e:note-numbers" as="map(xs:string, xs:integer)">
    <xsl:map>
      <xsl:for-each select="/descendant::tei:note[e:is-footnote(.)]">
        <xsl:map-entry key="generate-id(.)" select="position()"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="e:footnotes" as="element(tei:note)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)/descendant::tei:note[e:is-footnote(.)]"/>
  </xsl:function>
</xsl:stylesheet>
