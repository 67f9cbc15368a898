<?xml version="1.0" encoding="UTF-8"?>
<!--
  The archival source, as the structured msDesc says it: the Source panel's facts, the
  long source line and the short archival citation.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- The archival source, as the structured msIdentifier says it. -->
  <xsl:function name="e:idno" as="xs:string?">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="($ms/tei:msIdentifier/tei:idno[@type = $type] ! normalize-space(.))[1]"/>
  </xsl:function>

  <xsl:function name="e:sheets" as="xs:string?">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <xsl:sequence select="string-join($ms/tei:msContents/tei:msItem/tei:locus ! normalize-space(.), ', ')[. != '']"/>
  </xsl:function>

  <xsl:function name="e:form" as="xs:string?">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <!-- the common forms in the interface language (the catalogue's form-NAME), others as the source says -->
    <xsl:sequence select="($ms/tei:physDesc/tei:objectDesc/@form ! ($e:messages('form-' || lower-case(.)), upper-case(substring(., 1, 1)) || substring(., 2))[1])[1]"/>
  </xsl:function>

  <!-- Every fact of the archival description, in the order the Source panel shows them,
       as (label, value) maps: both formats list exactly these, so no part of msDesc is lost. -->
  <xsl:function name="e:source-details" as="map(xs:string, xs:string)*">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <xsl:variable name="id" select="$ms/tei:msIdentifier"/>
    <xsl:sequence select="
        $ms/tei:head ! e:detail('ms-heading', .),
        $id/tei:country ! e:detail('country', .),
        $id/tei:settlement ! e:detail('settlement', .),
        $id/tei:institution ! e:detail('institution', .),
        $id/tei:repository ! e:detail('repository', .),
        $id/tei:collection ! e:detail('collection', .),
        $id/tei:idno ! e:detail(string(@type), .),
        e:sheets($ms) ! map { 'label': e:label('sheets'), 'value': . },
        $ms/tei:msContents/tei:msItem/tei:title ! e:detail('ms-title', .),
        $ms/tei:msContents/tei:p ! e:detail('contents', .),
        e:form($ms) ! map { 'label': e:label('form'), 'value': . },
        $ms/tei:physDesc/(tei:p, tei:objectDesc/tei:p) ! e:detail('physical-description', .),
        $ms/tei:history/tei:origin ! e:detail('origin', .),
        $ms/tei:history/tei:provenance ! e:detail(if (@type = 'copy') then 'copy' else 'provenance', .),
        $ms/tei:history/tei:acquisition ! e:detail('acquisition', .),
        $ms/tei:msContents/tei:msItem/tei:textLang ! e:detail('language', .),
        $ms/tei:msContents/tei:msItem/tei:note ! e:detail('ms-note', .)"/>
  </xsl:function>

  <xsl:function name="e:detail" as="map(xs:string, xs:string)?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="value" select="e:snippet($node, 100000)"/>
    <xsl:sequence select="if ($value = '') then () else map { 'label': e:label($key), 'value': $value }"/>
  </xsl:function>

  <!-- Whether the Source panel's facts (e:source-details, e:source-line) say every word of a
       manuscript description: else it is described part by part (formats/html/records.xsl). -->
  <xsl:function name="e:ms-simple" as="xs:boolean">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <xsl:variable name="covered" select="$ms/(tei:head, tei:msIdentifier/(tei:country | tei:settlement | tei:institution
        | tei:repository | tei:collection | tei:idno), tei:msContents/(tei:p | tei:msItem/(tei:locus | tei:title | tei:textLang
        | tei:note)), tei:physDesc/(tei:p | tei:objectDesc/tei:p), tei:history/(tei:origin | tei:provenance | tei:acquisition))"/>
    <xsl:sequence select="empty($ms//(tei:expan | tei:corr | tei:reg | tei:note[e:is-footnote(.)]))
        and (every $t in $ms//text()[normalize-space()] satisfies exists($t/ancestor::* intersect $covered))"/>
  </xsl:function>

  <!-- The long form: "RGANI. Collection 52. Inventory 1. File 498. Sheets 43. Typescript. N.S. Khrushchev’ Copy." -->
  <xsl:function name="e:source-line" as="xs:string">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <xsl:variable name="parts" as="xs:string*" select="
        normalize-space($ms/tei:msIdentifier/tei:repository),
        $ms/tei:msIdentifier/tei:collection ! normalize-space(.),
        $ms/tei:msIdentifier/tei:idno ! (
            if (exists($e:level-abbr(string(@type)))) then e:label(@type) || ' ' || normalize-space(.)
            else normalize-space(.)),
        e:sheets($ms) ! (e:label('sheets') || ' ' || .),
        e:form($ms),
        $ms/tei:history/tei:provenance ! normalize-space(.)"/>
    <xsl:sequence select="string-join($parts[. != ''] ! (if (e:ends-sentence(.)) then . else . || '.'), ' ')"/>
  </xsl:function>

  <!-- The short citation: "RGANI, f. 52, op. 1, d. 498, l. 43." -->
  <xsl:function name="e:archival-citation" as="xs:string">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <xsl:variable name="citation" select="string-join((normalize-space($ms/tei:msIdentifier/tei:repository), e:archival-location($ms))[. != ''], ', ')"/>
    <!-- "l. 9 ob." ends with its own full stop -->
    <xsl:sequence select="if (e:ends-sentence($citation)) then $citation else $citation || '.'"/>
  </xsl:function>

  <!-- The place in the repository: "f. 52, op. 1, d. 498, l. 43" (CSL's archive_location) -->
  <xsl:function name="e:archival-location" as="xs:string">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <xsl:variable name="parts" as="xs:string*" select="
        $ms/tei:msIdentifier/tei:collection ! normalize-space(.),
        $ms/tei:msIdentifier/tei:idno ! (
            if ($e:level-abbr(string(@type))) then (@rend[. != ''], $e:level-abbr(string(@type)))[1] || ' ' || normalize-space(.)
            else normalize-space(.)),
        e:sheets($ms) ! (($ms/tei:msContents/tei:msItem/tei:locus/@rend[. != ''], $e:level-abbr('sheets'))[1] || ' ' || .)"/>
    <xsl:sequence select="string-join($parts[. != ''], ', ')"/>
  </xsl:function>

  <!-- whether $s ends with . ! or ? (what matches($s, '[.!?]$') says, without a regular expression) -->
  <xsl:function name="e:ends-sentence" as="xs:boolean">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="substring($s, string-length($s)) = ('.', '!', '?')"/>
  </xsl:function>
</xsl:stylesheet>
