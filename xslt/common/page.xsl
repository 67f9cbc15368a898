<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page shell every HTML page of the edition shares (a document's page, the index, the
  persons and places pages, an entry's own page). Every page is

    <html lang="…">
      e:page-head         the head: charset, viewport, title, description, stylesheet, and the
                          page's own entries (alternate formats)
      <body>
        e:page-top        the skip link, the edition's navigation
        <main>…</main>    the page's content
      </body>
    </html>

  The page writes <html>, <body> and <main> itself and calls the two parts: its content is
  made where it stands, not handed to a template to be copied (a copy of a long document's
  page cost a tenth of its rendering).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!--
    $title         the page's title (the browser tab, bookmarks)
    $description   a summary for search engines and link previews, if any
    $head          further entries of the head, after the stylesheet (alternate formats)
  -->
  <xsl:template name="e:page-head">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="description" as="xs:string?" select="()"/>
    <xsl:param name="head" as="element()*" select="()"/>
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title><xsl:value-of select="$title"/></title>
      <xsl:for-each select="$description">
        <meta name="description" content="{.}"/>
      </xsl:for-each>
      <xsl:if test="$css-href">
        <link rel="stylesheet" href="{$css-href}"/>
      </xsl:if>
      <!-- the edition's own CSS (its xslt/css/custom.css), after the built-in one -->
      <xsl:if test="$custom-css-href">
        <link rel="stylesheet" href="{$custom-css-href}"/>
      </xsl:if>
      <xsl:sequence select="$head"/>
    </head>
  </xsl:template>

  <!--
    $skip-to       the id a "Skip to" link at the top of the page leads to, with $skip-label
    $current       which edition page this is ('index', 'persons', 'places'), marked in the navigation
    $nav           further links of the navigation, after the edition pages
  -->
  <xsl:template name="e:page-top">
    <xsl:param name="skip-to" as="xs:string?" select="()"/>
    <xsl:param name="skip-label" as="xs:string?" select="()"/>
    <xsl:param name="current" as="xs:string?" select="()"/>
    <xsl:param name="nav" as="element()*" select="()"/>
    <xsl:for-each select="$skip-to">
      <a class="skip" href="#{.}"><xsl:value-of select="$skip-label"/></a>
    </xsl:for-each>
    <nav class="site" aria-label="{e:label('edition-navigation')}">
      <xsl:variable name="links" as="element()*">
        <xsl:for-each select="('index', 'persons', 'places')[. = 'index' and $index-href or . = 'persons' and $persons-href
            or . = 'places' and $places-href]">
          <a href="{if (. = 'index') then $index-href else if (. = 'persons') then $persons-href else $places-href}">
            <xsl:if test=". = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
            <xsl:value-of select="e:label(.)"/>
          </a>
        </xsl:for-each>
        <xsl:sequence select="$nav"/>
      </xsl:variable>
      <xsl:for-each select="$links">
        <xsl:if test="position() gt 1"><xsl:text> · </xsl:text></xsl:if>
        <xsl:sequence select="."/>
      </xsl:for-each>
    </nav>
  </xsl:template>
</xsl:stylesheet>
