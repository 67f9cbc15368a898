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

  <!-- a person's entry on the persons page (or its own page: common/functions/registers.xsl) -->
  <xsl:function name="e:person-href" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="e:entity-href('person', e:person-id($person))"/>
  </xsl:function>

  <!-- Where a TEI pointer leads on the rendered page, or () when it cannot be a link:
       "#id" to the rendered element (a person's entry in the persons index, a place's or an
       organisation's on the places page, a footnote, a speech or paragraph); other targets only
       when e:safe-href allows them. -->
  <xsl:function name="e:href" as="xs:string?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:choose>
      <xsl:when test="starts-with($p, '#')">
        <xsl:variable name="target" select="key('element-by-id', substring($p, 2), root($context))[1]"/>
        <xsl:sequence select="
            if ($target/self::tei:person) then e:person-href($target)
            else if ($target/(self::tei:place | self::tei:org)) then e:entity-href(local-name($target), $target/@xml:id)
            else if ($target/self::tei:note[e:is-footnote(.)]) then '#note-' || e:note-number($target)
            else if ($target/self::tei:anchor) then $p
            else if ($target[ancestor::tei:text]) then (e:anchor-of($target)[. != ''] ! ('#' || .))
            else ()"/>
      </xsl:when>
      <!-- an entry of the edition's register: the person's entry in the persons index, the place's
           or organisation's on the places page -->
      <xsl:when test="exists(e:register-entry($p))">
        <xsl:variable name="entry" select="e:register-entry($p)"/>
        <xsl:sequence select="
            if ($entry/(self::tei:person | self::tei:personGrp)) then e:person-href($entry)
            else if ($entry/(self::tei:place | self::tei:org)) then e:entity-href(local-name($entry), $entry/@xml:id)
            else ()"/>
      </xsl:when>
      <xsl:when test="e:safe-href($p)"><xsl:sequence select="$p"/></xsl:when>
      <xsl:otherwise/>
    </xsl:choose>
  </xsl:function>

  <!-- Authority records (a register entry's idno): where each is read, by the idno's @type (in any
       case); a value that is itself an http(s) address is its own. Plain links: nothing is fetched. -->
  <xsl:variable name="e:authorities" as="map(xs:string, array(xs:string))" select="map {
      'wikidata': ['Wikidata', 'https://www.wikidata.org/wiki/'],
      'viaf': ['VIAF', 'https://viaf.org/viaf/'],
      'gnd': ['GND', 'https://d-nb.info/gnd/'],
      'geonames': ['GeoNames', 'https://www.geonames.org/'],
      'lccn': ['Library of Congress', 'https://id.loc.gov/authorities/names/'],
      'isni': ['ISNI', 'https://isni.org/isni/'],
      'orcid': ['ORCID', 'https://orcid.org/'],
      'tgn': ['Getty TGN', 'http://vocab.getty.edu/page/tgn/'] }"/>

  <!-- an authority record's label and address: ('Wikidata', 'https://www.wikidata.org/wiki/Q5816'); for
       an idno of another type, its type and, if its value is a safe address, that -->
  <xsl:function name="e:authority" as="xs:string*">
    <xsl:param name="idno" as="element(tei:idno)"/>
    <xsl:variable name="value" select="normalize-space($idno)"/>
    <!-- by its type, or by its subtype when the type only says what kind of value it is (type="URL"
         subtype="geonames", as some registers write them) -->
    <xsl:variable name="known" select="($e:authorities(lower-case(string($idno/@type))), $e:authorities(lower-case(string($idno/@subtype))))[1]"/>
    <xsl:sequence select="
        if (matches($value, '^https?://', 'i') and e:safe-href($value)) then (($known?1, string($idno/@type), 'Link')[. != ''][1], $value)
        else if (exists($known)) then ($known?1, $known?2 || encode-for-uri(translate($value, ' ', '')))
        else (($idno/@type/string(), 'Identifier')[1])"/>
  </xsl:function>

  <!-- the address of the document's page, where the edition is published; none when the edition
       says nowhere (edition.toml's edition.url): citations then give no address, not a placeholder -->
  <xsl:function name="e:document-url" as="xs:string?">
    <xsl:sequence select="if (normalize-space($edition-url) = '') then () else replace($edition-url, '/+$', '') || '/' || $html-href"/>
  </xsl:function>
</xsl:stylesheet>
