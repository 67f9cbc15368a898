<?xml version="1.0" encoding="UTF-8"?>
<!--
  How a format gives its output to document.xsl, the entry that renders every output of a
  document in one run: a rule in mode "output" that matches the format's name in the registry
  (edition/render/formats.py FORMATS) and returns the format's text as a string, or, for a format whose
  output is a page, the page itself, which document.xsl makes as the run's result when the
  format is the registry's first, serialised as it is made by the format's named xsl:output
  (e:NAME, the same as the format's own xsl:output when it runs alone). And the serialisations
  of what is serialised inside a stylesheet (the entries of the edition pages).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- output: a format's output, from the format's name (a name no format answers to fails) -->
  <xsl:mode name="output" on-no-match="fail"/>

  <!-- the entries spliced into the index pages (as the pages are serialised: index.xsl, persons.xsl) -->
  <xsl:variable name="e:html-serialization" as="map(*)" select="map { 'method': 'html', 'html-version': 5.0,
      'indent': false(), 'include-content-type': false(), 'encoding': 'UTF-8' }"/>
  <!-- the line break of the text formats -->
  <xsl:variable name="e:NL" as="xs:string" select="'&#10;'"/>
  <!-- data for the pipeline (persons-data.xsl) -->
  <xsl:variable name="e:xml-serialization" as="map(*)" select="map { 'method': 'xml', 'encoding': 'UTF-8',
      'omit-xml-declaration': true(), 'indent': false() }"/>
</xsl:stylesheet>
