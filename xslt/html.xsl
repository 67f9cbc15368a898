<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML reading edition: one complete HTML5 page per TEI document.
  This stylesheet runs alone (an edition's own stylesheet may import it and override single
  rules): its rules are in formats/html.xsl, what every stylesheet shares in common/. A build
  renders every output of a document in one run of document.xsl, with the same rules.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all"
    default-mode="html">

  <xsl:import href="common/common.xsl"/>
  <xsl:include href="formats/html.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
      include-content-type="no"/>
</xsl:stylesheet>
