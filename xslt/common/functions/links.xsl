<?xml version="1.0" encoding="UTF-8"?>
<!--
  Links: which targets are safe, where a TEI pointer leads on the rendered page, and the
  addresses of the edition's pages.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- Whether a link target is safe to render as a link: relative, http, https, mailto -->
  <xsl:function name="e:safe-href" as="xs:boolean">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:variable name="h" select="normalize-space($href)"/>
    <xsl:sequence select="$h != '' and (
        not(matches($h, '^[A-Za-z][A-Za-z0-9+.\-]*:'))
        or matches($h, '^(https?|mailto):', 'i'))"/>
  </xsl:function>

  <xsl:function name="e:person-href" as="xs:string">
    <xsl:param name="person" as="element(tei:person)"/>
    <xsl:sequence select="$persons-href || '#person-' || $person/@xml:id"/>
  </xsl:function>

  <!-- Where a TEI pointer leads on the rendered page, or () when it cannot be a link:
       "#id" to the rendered element (a person's entry in the persons index, a footnote,
       a speech or paragraph); other targets only when e:safe-href allows them. -->
  <xsl:function name="e:href" as="xs:string?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:choose>
      <xsl:when test="starts-with($p, '#')">
        <xsl:variable name="target" select="key('element-by-id', substring($p, 2), root($context))[1]"/>
        <xsl:sequence select="
            if ($target/self::tei:person) then e:person-href($target)
            else if ($target/self::tei:note[e:is-footnote(.)]) then '#note-' || e:note-number($target)
            else if ($target/self::tei:anchor) then $p
            else if ($target[ancestor::tei:text]) then (e:anchor-of($target)[. != ''] ! ('#' || .))
            else ()"/>
      </xsl:when>
      <xsl:when test="e:safe-href($p)"><xsl:sequence select="$p"/></xsl:when>
      <xsl:otherwise/>
    </xsl:choose>
  </xsl:function>

  <!-- the address of the document's page, where the edition is published; none when the edition
       says nowhere (edition.toml's edition.url): citations then give no address, not a placeholder -->
  <xsl:function name="e:document-url" as="xs:string?">
    <xsl:sequence select="if (normalize-space($edition-url) = '') then () else replace($edition-url, '/+$', '') || '/' || $html-href"/>
  </xsl:function>
</xsl:stylesheet>
