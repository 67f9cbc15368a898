<?xml version="1.0" encoding="UTF-8"?>
<!--
  Citation data for one document as CSL-JSON (the format of Zotero, Mendeley, pandoc
  and citeproc): an array holding one item. Built from the same header facts as the
  "How to cite" line (common/common.xsl). Names are split into family and given when
  the header gives them (persName/surname, persName/forename); otherwise they are
  kept whole as "literal", never guessed. The access date is left to the reader.

  These are the rules; csl.xsl at the top of xslt/ runs them alone (with common/),
  and document.xsl runs them with every other output of a document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    exclude-result-prefixes="#all"
    default-mode="csl">

  <!-- csl: the CSL-JSON item, from the document node (the only node it is applied to) -->
  <xsl:mode name="csl" on-no-match="fail"/>

  <!-- As one of document.xsl's outputs: the CSL-JSON, as a string (as e:csl says, the same as
       csl.xsl's xsl:output, when it is that run's result) -->
  <xsl:output name="e:csl" method="text" encoding="UTF-8"/>
  <xsl:template match=".[. eq 'csl']" mode="output">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="text"><xsl:apply-templates select="$doc"/></xsl:variable>
    <xsl:sequence select="string($text)"/>
  </xsl:template>

  <xsl:template match="/">
    <xsl:variable name="header" select="tei:TEI/tei:teiHeader"/>
    <xsl:variable name="ms" select="($header/tei:fileDesc/tei:sourceDesc/tei:msDesc)[1]"/>
    <xsl:variable name="date" select="e:creation-date(.)"/>
    <xsl:variable name="item" as="element(j:array)">
      <j:array>
        <j:map>
          <j:string key="id"><xsl:value-of select="$document-id"/></j:string>
          <j:string key="type">manuscript</j:string>
          <j:string key="title"><xsl:value-of select="e:title(.)"/></j:string>
          <xsl:call-template name="names">
            <xsl:with-param name="key" select="'author'"/>
            <xsl:with-param name="names" select="$header/tei:fileDesc/tei:titleStmt/tei:author"/>
          </xsl:call-template>
          <xsl:call-template name="names">
            <xsl:with-param name="key" select="'editor'"/>
            <xsl:with-param name="names" select="e:editors(.)"/>
          </xsl:call-template>
          <xsl:call-template name="names">
            <xsl:with-param name="key" select="'contributor'"/>
            <xsl:with-param name="names" select="e:resp-names(., 'ctb')"/>
          </xsl:call-template>
          <xsl:call-template name="names">
            <xsl:with-param name="key" select="'translator'"/>
            <xsl:with-param name="names" select="e:resp-names(., 'trl')"/>
          </xsl:call-template>
          <xsl:variable name="parts" select="e:date-parts($date)"/>
          <xsl:if test="exists($parts)">
            <j:map key="issued">
              <j:array key="date-parts">
                <xsl:for-each select="$parts">
                  <j:array>
                    <xsl:for-each select="tokenize(., '-')">
                      <j:number><xsl:value-of select="xs:integer(.)"/></j:number>
                    </xsl:for-each>
                  </j:array>
                </xsl:for-each>
              </j:array>
            </j:map>
          </xsl:if>
          <xsl:for-each select="e:document-types(.)[1]">
            <j:string key="genre"><xsl:value-of select="."/></j:string>
          </xsl:for-each>
          <xsl:for-each select="e:creation-place(.)">
            <j:string key="event-place"><xsl:value-of select="normalize-space(.)"/></j:string>
          </xsl:for-each>
          <xsl:for-each select="$ms">
            <j:string key="archive"><xsl:value-of select="normalize-space(tei:msIdentifier/tei:repository)"/></j:string>
            <j:string key="archive_location"><xsl:value-of select="e:archival-location(.)"/></j:string>
          </xsl:for-each>
          <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/tei:publisher[1]">
            <j:string key="publisher"><xsl:value-of select="normalize-space(.)"/></j:string>
          </xsl:for-each>
          <xsl:for-each select="$header/tei:profileDesc/tei:abstract">
            <j:string key="abstract"><xsl:value-of select="string-join(tei:p ! e:snippet(., 100000), ' ')"/></j:string>
          </xsl:for-each>
          <j:string key="language"><xsl:value-of select="(tei:TEI/tei:text/@xml:lang, tei:TEI/@xml:lang, 'en')[1]"/></j:string>
          <xsl:for-each select="e:document-url()"><j:string key="URL"><xsl:value-of select="."/></j:string></xsl:for-each>
        </j:map>
      </j:array>
    </xsl:variable>
    <xsl:value-of select="e:json($item, '') || '&#10;'"/>
  </xsl:template>

  <xsl:template name="names">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="names" as="element()*"/>
    <xsl:if test="exists($names)">
      <j:array key="{$key}">
        <xsl:for-each select="$names">
          <j:map>
            <xsl:variable name="family" select="normalize-space(string-join(.//tei:surname, ' '))"/>
            <xsl:variable name="given" select="normalize-space(string-join(.//tei:forename, ' '))"/>
            <xsl:choose>
              <xsl:when test="$family != ''">
                <j:string key="family"><xsl:value-of select="$family"/></j:string>
                <xsl:if test="$given != ''"><j:string key="given"><xsl:value-of select="$given"/></j:string></xsl:if>
              </xsl:when>
              <xsl:otherwise>
                <j:string key="literal"><xsl:value-of select="normalize-space(.)"/></j:string>
              </xsl:otherwise>
            </xsl:choose>
          </j:map>
        </xsl:for-each>
      </j:array>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================== JSON, written out -->

  <!-- The XPath JSON vocabulary (j:map, j:array, j:string, j:number) as JSON text,
       indented by two spaces, keys in document order. -->
  <xsl:function name="e:json" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="inner" select="$indent || '  '"/>
    <xsl:variable name="members" select="$node/*"/>
    <xsl:sequence select="
        if ($node/self::j:string) then e:json-string(string($node))
        else if ($node/self::j:number) then normalize-space($node)
        else if ($node/self::j:boolean) then normalize-space($node)
        else if ($node/self::j:null) then 'null'
        else if (empty($members)) then (if ($node/self::j:map) then '{}' else '[]')
        else if ($node/self::j:map) then
          '{&#10;' || string-join($members ! ($inner || e:json-string(@key) || ': ' || e:json(., $inner)), ',&#10;')
          || '&#10;' || $indent || '}'
        else if ($members[self::j:map or self::j:array]) then
          '[&#10;' || string-join($members ! ($inner || e:json(., $inner)), ',&#10;') || '&#10;' || $indent || ']'
        else '[' || string-join($members ! e:json(., $inner), ', ') || ']'"/>
  </xsl:function>

  <!-- the characters a JSON string escapes that an XPath string can hold (XML 1.0: of the
       controls below 32, only tab, line feed and carriage return) -->
  <xsl:variable name="e:json-escaped" as="xs:string" select="codepoints-to-string((34, 92, 9, 10, 13))"/>

  <xsl:function name="e:json-string" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <!-- most strings need no escape: then the string as it is, without a walk over its characters -->
    <xsl:sequence select="if (string-length(translate($s, $e:json-escaped, '')) = string-length($s)) then '&quot;' || $s || '&quot;'
        else '&quot;' || string-join(string-to-codepoints($s) ! (
        if (. = 34) then '\&quot;'
        else if (. = 92) then '\\'
        else if (. = 10) then '\n'
        else if (. = 13) then '\r'
        else if (. = 9) then '\t'
        else if (. lt 32) then '\u' || e:hex4(.)
        else codepoints-to-string(.)), '') || '&quot;'"/>
  </xsl:function>

  <xsl:function name="e:hex4" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:variable name="digits" select="'0123456789abcdef'"/>
    <xsl:sequence select="string-join((3, 2, 1, 0) ! substring($digits, ($n idiv xs:integer(math:pow(16, .)) mod 16) + 1, 1), '')"
        xmlns:math="http://www.w3.org/2005/xpath-functions/math"/>
  </xsl:function>
</xsl:stylesheet>
