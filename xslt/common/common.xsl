<?xml version="1.0" encoding="UTF-8"?>
<!--
  What every stylesheet of the edition shares, by role: the build parameters, the keys,
  the functions that turn a document into the facts a reader sees (by topic, in
  functions/), the page shell of the HTML pages, and how a format gives its output to
  document.xsl. The format stylesheets import this one module (a stable address for a
  stylesheet that overrides ours) and only decide how things look.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all">

  <xsl:include href="params.xsl"/>
  <xsl:include href="keys.xsl"/>
  <xsl:include href="functions/labels.xsl"/>
  <xsl:include href="functions/header.xsl"/>
  <xsl:include href="functions/source.xsl"/>
  <xsl:include href="functions/notes.xsl"/>
  <xsl:include href="functions/anchors.xsl"/>
  <xsl:include href="functions/plain.xsl"/>
  <xsl:include href="functions/signs.xsl"/>
  <xsl:include href="functions/links.xsl"/>
  <xsl:include href="functions/registers.xsl"/>
  <xsl:include href="functions/citation.xsl"/>
  <xsl:include href="functions/metadata.xsl"/>
  <xsl:include href="functions/unstyled.xsl"/>
  <xsl:include href="functions/elements.xsl"/>
  <xsl:include href="functions/transcription.xsl"/>
  <xsl:include href="functions/apparatus.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="output.xsl"/>
</xsl:stylesheet>
