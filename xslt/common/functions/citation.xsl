<?xml version="1.0" encoding="UTF-8"?>
<!--
  The recommended citation of a document ("How to cite"), and the names it credits.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- names in a responsibility statement by MARC relator (resp/@key): ctb, trl, edt -->
  <xsl:function name="e:resp-names" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="root($doc)//tei:titleStmt/tei:respStmt[tei:resp/@key = $key]/(* except tei:resp)"/>
  </xsl:function>

  <xsl:function name="e:editors" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(root($doc)//tei:titleStmt/tei:editor, e:resp-names($doc, 'edt'))"/>
  </xsl:function>

  <!-- The recommended citation, one line:
       Authors, “Title,” Date. Archival citation. Contributed by …; translated by ….
       Publisher. URL (accessed [date]). -->
  <xsl:function name="e:citation" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="title" select="root($doc)//tei:titleStmt"/>
    <xsl:variable name="ms" select="(root($doc)//tei:sourceDesc/tei:msDesc)[1]"/>
    <xsl:variable name="resps" as="xs:string*" select="
        ($title/tei:editor[1] ! (e:label('edited-by') || ' ' || e:names($title/tei:editor))),
        $title/tei:respStmt ! (normalize-space(tei:resp[1]) || ' ' || e:names(* except tei:resp))"/>
    <xsl:variable name="resp-line" select="string-join(
        ($resps[1], subsequence($resps, 2) ! (lower-case(substring(., 1, 1)) || substring(., 2))), '; ')"/>
    <xsl:variable name="date" select="e:creation-date($doc) ! normalize-space(.)"/>
    <xsl:variable name="quoted" select="'“' || e:title($doc)
        || (if (e:ends-sentence(e:title($doc))) then '' else if ($date) then ',' else '.') || '”'"/>
    <xsl:variable name="parts" as="xs:string*" select="
        string-join((($title/tei:author[1] ! e:names($title/tei:author)), $quoted), ', ')
          || ($date ! (' ' || .)),
        $ms ! e:archival-citation(.),
        $resp-line,
        normalize-space((root($doc)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher)[1]),
        e:document-url() ! (. || ' (' || e:label('accessed') || ')')"/>
    <!-- a part that ends a sentence, or a quotation that does, keeps its end -->
    <xsl:sequence select="string-join($parts[normalize-space(.) != '']
        ! (if (e:ends-sentence(.) or (ends-with(., '”') and e:ends-sentence(substring(., 1, string-length(.) - 1)))) then . else . || '.'), ' ')"/>
  </xsl:function>
</xsl:stylesheet>
