<?xml version="1.0" encoding="UTF-8"?>
<!--
  Citation data for one document as a BibTeX entry (@misc), UTF-8, for BibTeX,
  biblatex/biber and the reference managers that import .bib files. Built from the
  same header facts as the "How to cite" line (common/common.xsl).

  Every value is braced; the characters TeX treats specially (\ { } $ & % # _ ^ ~)
  are escaped, so the braces always balance. Names the header splits (surname,
  forename) are written "Family, Given"; other names are kept whole in braces, so
  BibTeX never guesses. The URL is written as is (only braces and backslashes are
  dropped) and no access date is set: that is the reader's to add.

  These are the rules; bibtex.xsl at the top of xslt/ runs them alone (with common/),
  and document.xsl runs them with every other output of a document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="bibtex">

  <!-- bibtex: the BibTeX entry, from the document node (the only node it is applied to) -->
  <xsl:mode name="bibtex" on-no-match="fail"/>

  <xsl:variable name="e:tex-escapes" as="map(xs:string, xs:string)" select="map {
      '\': '\textbackslash{}', '{': '\{', '}': '\}', '$': '\$', '&amp;': '\&amp;',
      '%': '\%', '#': '\#', '_': '\_', '^': '\^{}', '~': '\~{}' }"/>

  <xsl:function name="e:tex" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:variable name="n" select="normalize-space($s)"/>
    <!-- most values have none of the special characters: then the value as it is, without a
         walk over its characters -->
    <xsl:sequence select="if (string-length(translate($n, '\{}$&amp;%#_^~', '')) = string-length($n)) then $n
        else string-join(string-to-codepoints($n) ! codepoints-to-string(.) ! ($e:tex-escapes(.), .)[1], '')"/>
  </xsl:function>

  <xsl:function name="e:bib-name" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="family" select="normalize-space(string-join($name//tei:surname, ' '))"/>
    <xsl:variable name="given" select="normalize-space(string-join($name//tei:forename, ' '))"/>
    <xsl:sequence select="
        if ($family != '') then string-join((e:tex($family), e:tex($given)[. != '']), ', ')
        else '{' || e:tex(string($name)) || '}'"/>
  </xsl:function>

  <xsl:function name="e:bib-names" as="xs:string?">
    <xsl:param name="names" as="element()*"/>
    <xsl:sequence select="if (exists($names)) then string-join($names ! e:bib-name(.), ' and ') else ()"/>
  </xsl:function>

  <xsl:function name="e:bib-field" as="xs:string?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="if (normalize-space($value) = '') then ()
        else '  ' || substring($name || '            ', 1, 12) || ' = {' || $value || '}'"/>
  </xsl:function>

  <!-- As one of document.xsl's outputs: the BibTeX entry, as a string (as e:bibtex says, the same as
       bibtex.xsl's xsl:output, when it is that run's result) -->
  <xsl:output name="e:bibtex" method="text" encoding="UTF-8"/>
  <xsl:template match=".[. eq 'bibtex']" mode="output">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="text"><xsl:apply-templates select="$doc"/></xsl:variable>
    <xsl:sequence select="string($text)"/>
  </xsl:template>

  <xsl:template match="/">
    <xsl:variable name="header" select="tei:TEI/tei:teiHeader"/>
    <xsl:variable name="ms" select="($header/tei:fileDesc/tei:sourceDesc/tei:msDesc)[1]"/>
    <xsl:variable name="parts" select="e:date-parts(e:creation-date(.))"/>
    <xsl:variable name="first" select="tokenize($parts[1], '-')"/>
    <xsl:variable name="resps" select="$header/tei:fileDesc/tei:titleStmt/tei:respStmt
        ! (normalize-space(tei:resp[1]) || ' ' || e:names(* except tei:resp))"/>
    <xsl:variable name="fields" as="xs:string*" select="
        e:bib-field('title', '{' || e:tex(e:title(.)) || '}'),
        e:bib-field('author', e:bib-names($header/tei:fileDesc/tei:titleStmt/tei:author)),
        e:bib-field('editor', e:bib-names(e:editors(.))),
        e:bib-field('translator', e:bib-names(e:resp-names(., 'trl'))),
        e:bib-field('date', string-join($parts, '/')),
        e:bib-field('year', $first[1]),
        e:bib-field('month', $first[2] ! string(xs:integer(.))),
        e:bib-field('type', e:tex(e:document-types(.)[1])),
        e:bib-field('howpublished', e:tex(normalize-space($header/tei:fileDesc/tei:publicationStmt/tei:publisher[1]))),
        e:bib-field('note', e:tex(string-join(($ms ! e:archival-citation(.), $resps ! (. || '.')), ' '))),
        e:document-url() ! e:bib-field('url', replace(., '[{}\\]', ''))"/>
    <xsl:value-of select="'@misc{' || replace($document-id, '[^A-Za-z0-9_:.\-]', '-') || ',' || $e:NL
        || string-join($fields, ',' || $e:NL) || $e:NL || '}' || $e:NL"/>
  </xsl:template>
</xsl:stylesheet>
