<?xml version="1.0" encoding="UTF-8"?>
<!--
  The places page, with the organisations (from the places and organisations, as
  edition/render/pages.py gives them). The build runs it once, for the page; an edition's own
  stylesheet may import it and override single rules. Its rules are in pages/places.xsl, what every
  stylesheet shares in common/.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all"
    default-mode="places">

  <xsl:import href="common/common.xsl"/>
  <xsl:include href="pages/places.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>
</xsl:stylesheet>
