<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the places page needs to know about one TEI document.
  This stylesheet runs alone (an edition's own stylesheet may import it and override single
  rules): its rules are in pages/places-data.xsl, what every stylesheet shares in common/. A build
  renders every output of a document in one run of document.xsl, with the same rules.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all"
    default-mode="places-data">

  <xsl:import href="common/common.xsl"/>
  <xsl:include href="pages/places-data.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>
</xsl:stylesheet>
