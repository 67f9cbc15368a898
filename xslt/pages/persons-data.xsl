<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the persons index needs to know about one document (edition/render/pages.py collects
  it from every document and writes persons.html): each declared person with every
  speech they give and every place they are named, as anchors of the document's
  page. The anchors come from e:anchor / e:anchor-of in common/common.xsl, the same
  functions html.xsl writes the ids with, so the index cannot point beside them.

  The person's entry for this document (the <li> the persons index lists under the
  person: e:occurrences-entry, common/functions/registers.xsl) is rendered here, in the per-document step, and kept serialised: the edition
  step only orders and joins entries, however many documents there are (persons.xsl
  renders the rest of the page from the persons alone).

  Output: <document id when href><title/><date/>
            <person id sort><name/><details/>*<entry>the entry's HTML, serialised</entry></person>...
          </document>

  These are the rules; persons-data.xsl at the top of xslt/ runs them alone (with common/),
  and document.xsl runs them with every other output of a document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="persons-data">

  <!-- persons-data: what the persons index needs of a document, from the document node (the only
       node it is applied to) -->
  <xsl:mode name="persons-data" on-no-match="fail"/>

  <!-- speeches and names by each pointer in @who / @ref: found once per document, not
       searched for again for every person (that cost persons x elements on a long play) -->
  <xsl:key name="sp-by-who" match="tei:sp" use="tokenize(normalize-space(@who), ' ')"/>
  <xsl:key name="name-by-ref" match="tei:persName | tei:rs | tei:name" use="tokenize(normalize-space(@ref), ' ')"/>

  <xsl:template match="/">
    <xsl:variable name="doc" select="."/>
    <document id="{$document-id}" when="{e:date-parts(e:creation-date(.))[1]}" href="{$html-href}">
      <title><xsl:value-of select="e:title(.)"/></title>
      <date><xsl:value-of select="normalize-space(e:creation-date(.))"/></date>
      <xsl:for-each select="e:indexed-persons(.)">
        <xsl:variable name="id" select="e:person-id(.)"/>
        <xsl:variable name="pointer" select="e:person-pointers(.)"/>
        <xsl:variable name="occurrences" as="element(occurrence)*">
          <xsl:for-each select="key('sp-by-who', $pointer, $doc)[ancestor::tei:text]">
            <occurrence kind="speech" where="speech" anchor="{e:anchor(.)}"><xsl:value-of select="e:snippet(., 10)"/></occurrence>
          </xsl:for-each>
          <xsl:sequence select="e:namings(key('name-by-ref', $pointer, $doc))"/>
        </xsl:variable>
        <person id="{$id}" sort="{e:person-sort-key(.)}" speeches="{count($occurrences[@kind = 'speech'])}"
            mentions="{count($occurrences[@kind = 'named'])}">
          <name><xsl:value-of select="e:person-name(.)"/></name>
          <xsl:for-each select="e:person-details(.)[. != '']"><details><xsl:value-of select="."/></details></xsl:for-each>
          <entry><xsl:value-of select="serialize(e:occurrences-entry($doc, $occurrences, e:label('listed-only')), $e:html-serialization)"/></entry>
        </person>
      </xsl:for-each>
    </document>
  </xsl:template>

</xsl:stylesheet>
