<?xml version="1.0" encoding="UTF-8"?>
<!--
  The words the pages use (labels), from the message catalogue of the interface language
  (xslt/i18n/), and the names of languages, archival levels, months and counts in it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- The message catalogue of the interface language ($interface-language, edition.toml's
       edition.language): xslt/i18n/LANG.xml, one <message key="...">text</message> per label.
       The build hands the catalogue over already read ($messages: edition/render/saxon.py reads it
       once per process); a stylesheet run alone reads the file. The key "#plural" holds the
       catalogue's plural rule. -->
  <xsl:variable name="e:messages" as="map(xs:string, xs:string)" select="
      if (exists($messages)) then $messages
      else doc(resolve-uri('../../i18n/' || $interface-language || '.xml', static-base-uri()))/catalogue
        ! map:merge((message ! map { string(@key): string(.) }, map { '#plural': string(@plural) }))"/>

  <!-- the edition's title, as the index and persons pages give it -->
  <xsl:variable name="e:edition-title" as="xs:string"
      select="(normalize-space($edition-title)[. != ''], e:label('default-title'))[1]"/>

  <!-- a label of the pages, in the interface language -->
  <xsl:function name="e:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($e:messages($key), $key)[1]"/>
  </xsl:function>

  <!-- a label with a number in it ("page {n}") -->
  <xsl:function name="e:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="n" as="xs:anyAtomicType"/>
    <xsl:sequence select="replace(e:label($key), '\{n\}', string($n))"/>
  </xsl:function>

  <!-- a count with its noun in the plural form the interface language wants ("3 documents",
       "3 документа"): the catalogue's KEY.one, KEY.few, KEY.many or KEY.other -->
  <xsl:function name="e:count-label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:variable name="form" select="
        if ($e:messages('#plural') = 'one-few-many') then
          (if ($n mod 10 = 1 and $n mod 100 != 11) then 'one'
           else if ($n mod 10 = (2, 3, 4) and not($n mod 100 = (12, 13, 14))) then 'few' else 'many')
        else if ($n = 1) then 'one' else 'other'"/>
    <xsl:sequence select="replace(($e:messages($key || '.' || $form), $e:messages($key || '.other'), $key)[1], '\{n\}', string($n))"/>
  </xsl:function>

  <!-- a date the edition writes itself (a date that gives a value and no text): "July 31, 1958" -->
  <xsl:function name="e:date-text" as="xs:string?">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:variable name="parts" select="tokenize(replace($iso, '^(-?\d{4})(-(\d\d))?(-(\d\d))?.*$', '$1 $3 $5'), ' ')[. != '']"/>
    <xsl:sequence select="
        if (count($parts) = 3) then
          e:label('date-format') => replace('\{day\}', string(xs:integer($parts[3]))) => replace('\{month\}', e:label('month-' || xs:integer($parts[2]))) => replace('\{year\}', $parts[1])
        else if (count($parts) = 2) then e:label('month-' || xs:integer($parts[2])) || ' ' || $parts[1]
        else $parts[1]"/>
  </xsl:function>

  <!-- a date as the page shows it: its text, or, for a date that gives only its value
       (<date when="1958-07-31"/>), that value written in the interface language -->
  <xsl:function name="e:date-shown" as="xs:string">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="if (normalize-space($date) != '' or empty($date)) then normalize-space($date)
        else string(e:date-text(($date/@when, $date/@from, $date/@notBefore)[1]))"/>
  </xsl:function>

  <!-- archival levels as the source's short citation abbreviates them (Russian archival usage); an
       idno's or a locus's @rend is the source's own ("papka" for "p.", "ll." for several sheets) -->
  <xsl:variable name="e:level-abbr" as="map(xs:string, xs:string)"
      select="map:merge(('fond', 'opis', 'papka', 'delo', 'sheets') ! map { .: e:label('abbr-' || .) })"/>

  <!-- "Russian" for ru, "Chinese" for zh-Latn; the tag itself when the edition has no name for it -->
  <xsl:function name="e:language-name" as="xs:string">
    <xsl:param name="tag" as="xs:string?"/>
    <xsl:variable name="primary" select="lower-case(substring-before($tag || '-', '-'))"/>
    <xsl:sequence select="($e:messages('lang-' || $primary), string($tag))[1]"/>
  </xsl:function>
</xsl:stylesheet>
