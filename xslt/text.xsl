<?xml version="1.0" encoding="UTF-8"?>
<!--
  The plain-text edition: UTF-8, LF line endings, wrapped.
  This stylesheet runs alone (an edition's own stylesheet may import it and override single
  rules): its rules are in formats/text.xsl, what every stylesheet shares in common/. A build
  renders every output of a document in one run of document.xsl, with the same rules.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all"
    default-mode="text">

  <xsl:import href="common/common.xsl"/>
  <xsl:include href="formats/text.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>
</xsl:stylesheet>
