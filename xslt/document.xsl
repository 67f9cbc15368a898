<?xml version="1.0" encoding="UTF-8"?>
<!--
  Every output of one document, from one run over its tree (edition/render/saxon.py
  render_document): the formats the registry names (edition/render/formats.py FORMATS,
  passed as $formats), the document's entry in the index and what the persons index and the
  places page need of it.
  What the formats share is computed once for all of them: the global facts of common/ (note
  numbers, anchors, the keys' indexes) and the index's summary of the document.

  Each format stylesheet still runs alone (html.xsl and the others: an edition may override
  one; a Java Saxon may run it by itself): this one imports the same rules (formats/,
  pages/), and asks each format for its output by the format's name in the registry (mode
  "output", common/output.xsl). Each format lives in modes of its own, so their rules never
  meet.

  Results (edition/render/saxon.py reads both):
  * this run's result: the first format's output (the registry's first, html: the page), made
    as the run's result and serialised as it is made, as the format's named xsl:output says
    (serialize() of a page made first cost as much again as making it);
  * a result document urn:edition:outputs, kept in memory as it is (not serialised): map {
      'formats': map { each other format's name: its text },
      'index-entry': the document's entry in the index page (index.xsl), serialised,
      'persons': what the persons index needs of it (persons-data.xsl), serialised,
      'places': what the places page needs of it (places-data.xsl), serialised,
      'summary': map { 'when': ..., 'title': ... } (how the index sorts its entries) }.
  With report-unstyled, the text formats also say which elements of the text they have no
  rule for (common/functions/unstyled.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="document">

  <!-- common/ once, then the rules of each format and of the per-document parts of the edition
       pages (html.xsl and the others at the top of xslt/ each import common/ and include their
       rules: imported here, common/ would come in seven times) -->
  <xsl:import href="common/common.xsl"/>
  <xsl:import href="formats/html.xsl"/>
  <xsl:import href="formats/text.xsl"/>
  <xsl:import href="formats/csl.xsl"/>
  <xsl:import href="formats/bibtex.xsl"/>
  <xsl:import href="pages/index.xsl"/>
  <xsl:import href="pages/persons-data.xsl"/>
  <xsl:import href="pages/places-data.xsl"/>

  <!-- the formats to render: their names in the registry, space-separated -->
  <xsl:param name="formats" as="xs:string" select="''"/>

  <!-- document: every output, from the document node (the only node it is applied to) -->
  <xsl:mode name="document" on-no-match="fail" use-accumulators="e:element-number e:line-count"/>

  <xsl:template match="/">
    <xsl:variable name="doc" select="."/>
    <xsl:variable name="formats" select="tokenize($formats)"/>
    <xsl:variable name="summary" select="e:index-summary(.)"/>
    <xsl:result-document format="{'e:' || $formats[1]}">
      <xsl:apply-templates select="$formats[1]" mode="output">
        <xsl:with-param name="doc" select="$doc"/>
      </xsl:apply-templates>
    </xsl:result-document>
    <xsl:result-document href="urn:edition:outputs" build-tree="no">
      <xsl:map>
        <xsl:map-entry key="'formats'">
          <xsl:map>
            <xsl:for-each select="subsequence($formats, 2)">
              <xsl:map-entry key=".">
                <xsl:variable name="output" as="item()*">
                  <xsl:apply-templates select="." mode="output">
                    <xsl:with-param name="doc" select="$doc"/>
                  </xsl:apply-templates>
                </xsl:variable>
                <xsl:if test="not($output instance of xs:string)">
                  <xsl:sequence select="error(xs:QName('e:output'), 'the format ' || . || ' gives no text: only the first format may give a page')"/>
                </xsl:if>
                <xsl:sequence select="$output"/>
              </xsl:map-entry>
            </xsl:for-each>
          </xsl:map>
        </xsl:map-entry>
        <xsl:map-entry key="'index-entry'">
          <xsl:variable name="entry">
            <xsl:apply-templates select="." mode="index-entry">
              <xsl:with-param name="summary" select="$summary"/>
            </xsl:apply-templates>
          </xsl:variable>
          <xsl:sequence select="serialize($entry, $e:html-serialization)"/>
        </xsl:map-entry>
        <xsl:map-entry key="'persons'">
          <xsl:variable name="persons"><xsl:apply-templates select="." mode="persons-data"/></xsl:variable>
          <xsl:sequence select="serialize($persons, $e:xml-serialization)"/>
        </xsl:map-entry>
        <xsl:map-entry key="'places'">
          <xsl:variable name="places"><xsl:apply-templates select="." mode="places-data"/></xsl:variable>
          <xsl:sequence select="serialize($places, $e:xml-serialization)"/>
        </xsl:map-entry>
        <xsl:map-entry key="'summary'" select="map { 'when': $summary?when, 'title': $summary?title }"/>
      </xsl:map>
    </xsl:result-document>
  </xsl:template>
</xsl:stylesheet>
