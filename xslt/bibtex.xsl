<?xml version="1.0" encoding="UTF-8"?>
<!--
  Citation data for one document as a BibTeX entry.
  This stylesheet runs alone (an edition's own stylesheet may import it and override single
  rules): its rules are in formats/bibtex.xsl, what every stylesheet shares in common/. A build
  renders every output of a document in one run of document.xsl, with the same rules.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all"
    default-mode="bibtex">

  <xsl:import href="common/common.xsl"/>
  <xsl:include href="formats/bibtex.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>
</xsl:stylesheet>
