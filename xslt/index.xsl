<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition's index page (from <edition documents="N"/>), or a document's entry in it
  (from the TEI document).
  This stylesheet runs alone (an edition's own stylesheet may import it and override single
  rules): its rules are in pages/index.xsl, what every stylesheet shares in common/. A build
  renders every output of a document in one run of document.xsl, with the same rules.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all"
    default-mode="index">

  <xsl:import href="common/common.xsl"/>
  <xsl:include href="pages/index.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>
</xsl:stylesheet>
