<?xml version="1.0" encoding="UTF-8"?>
<!--
  The facts a reader sees about a document, from its header: title, type, date, place,
  participants, and names.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <xsl:function name="e:title" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="normalize-space(string((root($doc)//tei:titleStmt/tei:title)[1]))"/>
  </xsl:function>

  <!-- the other titles of the document (a subtitle, a title in another language), after the first -->
  <xsl:function name="e:subtitles" as="element(tei:title)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)/*/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[position() gt 1]"/>
  </xsl:function>

  <!-- what a part of a letter's correspondence description says: "Sent", "Received", "Context" -->
  <xsl:function name="e:correspondence-label" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($el/self::tei:correspAction) then e:label('corresp-' || ($el/@type[. = ('sent', 'received',
        'transmitted', 'redirected', 'forwarded')], 'action')[1]) else e:field-label($el)"/>
  </xsl:function>

  <xsl:function name="e:document-types" as="xs:string*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)//tei:textClass//tei:term[@type = 'documentType'] ! normalize-space(.)"/>
  </xsl:function>

  <xsl:function name="e:creation-date" as="element(tei:date)?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(root($doc)//tei:profileDesc/tei:creation/tei:date)[1]"/>
  </xsl:function>

  <xsl:function name="e:creation-place" as="element(tei:placeName)?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(root($doc)//tei:profileDesc/tei:creation/tei:placeName)[1]"/>
  </xsl:function>

  <!-- the machine-readable value of a date, as one string: 1958-07-31, or 1958-07-31/1958-08-03 -->
  <xsl:function name="e:iso-date" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="
        if ($date/@when) then string($date/@when)
        else if ($date/@from) then string-join(($date/@from, $date/@to), '/')
        else if ($date/@notBefore or $date/@notAfter) then string-join((($date/@notBefore, '')[1], ($date/@notAfter, '')[1]), '/')
        else ()"/>
  </xsl:function>

  <!-- a date's value as one or two ISO dates (a range), for CSL's date-parts: "1958-07-31" -->
  <xsl:function name="e:date-parts" as="xs:string*">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="($date/(@when, @from, @to, @notBefore, @notAfter))
        ! replace(string(.), '^(\d{4}(-\d\d(-\d\d)?)?).*$', '$1')[matches(., '^\d{4}')]"/>
  </xsl:function>

  <xsl:function name="e:participants" as="element(tei:person)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)//tei:particDesc//tei:person"/>
  </xsl:function>

  <xsl:function name="e:person-name" as="xs:string">
    <xsl:param name="person" as="element(tei:person)"/>
    <xsl:sequence select="normalize-space(string($person/tei:persName[1]))"/>
  </xsl:function>

  <!-- the person a pointer ("#mao") names, if it is declared in this document -->
  <xsl:function name="e:person" as="element(tei:person)?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="if (starts-with($pointer, '#'))
        then key('person-by-id', substring($pointer, 2), root($context))[1] else ()"/>
  </xsl:function>

  <!-- what the header says about a person besides the name: "Minister of Foreign Affairs; born 1909" -->
  <xsl:function name="e:person-details" as="xs:string">
    <xsl:param name="person" as="element(tei:person)"/>
    <xsl:sequence select="string-join((
        $person/tei:persName[position() gt 1] ! ('also ' || e:snippet(., 100000)),
        $person/(tei:occupation, tei:affiliation) ! e:snippet(., 100000),
        $person/tei:birth ! ('born ' || e:snippet(., 100000)),
        $person/tei:death ! ('died ' || e:snippet(., 100000)),
        $person/tei:note ! e:snippet(., 100000))[normalize-space(.) != '' and not(. = ('born ', 'died '))], '; ')"/>
  </xsl:function>

  <!-- Credits: "Contributed by" + names, in the order of the header -->
  <xsl:function name="e:names" as="xs:string">
    <xsl:param name="names" as="element()*"/>
    <xsl:variable name="n" select="$names ! normalize-space(.)"/>
    <xsl:sequence select="
        if (count($n) le 2) then string-join($n, ' and ')
        else string-join($n[position() lt last()], ', ') || ', and ' || $n[last()]"/>
  </xsl:function>

  <!-- The declared person a name points to (first local pointer in @ref) -->
  <xsl:function name="e:named-person" as="element(tei:person)?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="(tokenize($name/@ref) ! e:person($name, .))[1]"/>
  </xsl:function>

  <!-- how the persons index sorts a person: the surname when the name gives one,
       otherwise the person's id (the edition names people by surname: "mao", "deng") -->
  <xsl:function name="e:person-sort-key" as="xs:string">
    <xsl:param name="person" as="element(tei:person)"/>
    <xsl:sequence select="lower-case((normalize-space($person/tei:persName[1]/tei:surname[1])[. != ''], string($person/@xml:id))[1])"/>
  </xsl:function>
</xsl:stylesheet>
