<?xml version="1.0" encoding="UTF-8"?>
<!--
  The persons index (from the persons, as edition/render/pages.py gives them).
  The build runs it once, for the page (edition/render/pages.py); an edition's own stylesheet may
  import it and override single rules. Its rules are in pages/persons.xsl, what every
  stylesheet shares in common/.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all"
    default-mode="persons">

  <xsl:import href="common/common.xsl"/>
  <xsl:include href="pages/persons.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>
</xsl:stylesheet>
