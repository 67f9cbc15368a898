<?xml version="1.0" encoding="UTF-8"?>
<!--
  What both formats share: keys, note numbering, labels, and the functions that
  turn the header into the facts a reader sees (date, place, participants, source,
  credits). html.xsl and text.xsl import this and only decide how things look.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- build parameters (edition/pipeline.py passes them; defaults keep a stand-alone run working) -->
  <xsl:param name="document-id" as="xs:string" select="string(/tei:TEI/@xml:id)"/>

  <xsl:key name="person-by-id" match="tei:person" use="@xml:id"/>
  <xsl:key name="place-by-id" match="tei:place" use="@xml:id"/>
  <xsl:key name="element-by-id" match="*[@xml:id]" use="@xml:id"/>

  <!-- ===================================================== labels -->
  <xsl:variable name="e:labels" as="map(xs:string, xs:string)" select="map {
      'document-type': 'Document type',
      'date': 'Date',
      'place': 'Place',
      'participants': 'Participants',
      'source': 'Source',
      'archival-citation': 'Archival citation',
      'transcript': 'Transcript',
      'notes': 'Notes',
      'summary': 'Summary',
      'related': 'Related Documents',
      'credits': 'Credits',
      'rights': 'Rights',
      'funder': 'This document was made possible with support from',
      'publisher': 'Published by',
      'language': 'Language',
      'repository': 'Repository',
      'fond': 'Collection',
      'opis': 'Inventory',
      'delo': 'File',
      'sheets': 'Sheets',
      'form': 'Physical form',
      'copy': 'Copy',
      'index': 'Documents',
      'back-to-text': 'Back to text'
    }"/>

  <xsl:function name="e:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($e:labels($key), $key)[1]"/>
  </xsl:function>

  <!-- archival levels as the source's short citation abbreviates them (Russian archival usage) -->
  <xsl:variable name="e:level-abbr" as="map(xs:string, xs:string)"
      select="map { 'fond': 'f.', 'opis': 'op.', 'delo': 'd.', 'sheets': 'l.' }"/>

  <!-- ===================================================== notes -->

  <!-- Editorial notes are the numbered footnotes. One numbering for both formats:
       document order among the document's editorial notes. -->
  <xsl:function name="e:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="$note/@type = 'editorial' and exists($note/ancestor::tei:text)"/>
  </xsl:function>

  <xsl:function name="e:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="n" as="xs:string">
      <xsl:number select="$note" level="any" from="tei:text"
          count="tei:note[@type = 'editorial']" format="1"/>
    </xsl:variable>
    <xsl:sequence select="$n"/>
  </xsl:function>

  <xsl:function name="e:footnotes" as="element(tei:note)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)//tei:text//tei:note[e:is-footnote(.)]"/>
  </xsl:function>

  <!-- ===================================================== header facts -->

  <xsl:function name="e:title" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="normalize-space(string((root($doc)//tei:titleStmt/tei:title)[1]))"/>
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
    <xsl:sequence select="($ms/tei:physDesc/tei:objectDesc/@form ! (upper-case(substring(., 1, 1)) || substring(., 2)))[1]"/>
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
    <xsl:sequence select="string-join($parts[. != ''] ! (if (matches(., '[.!?]$')) then . else . || '.'), ' ')"/>
  </xsl:function>

  <!-- The short citation: "RGANI, f. 52, op. 1, d. 498, l. 43." -->
  <xsl:function name="e:archival-citation" as="xs:string">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <xsl:variable name="parts" as="xs:string*" select="
        normalize-space($ms/tei:msIdentifier/tei:repository),
        $ms/tei:msIdentifier/tei:collection ! normalize-space(.),
        $ms/tei:msIdentifier/tei:idno ! (
            if ($e:level-abbr(string(@type))) then $e:level-abbr(string(@type)) || ' ' || normalize-space(.)
            else normalize-space(.)),
        e:sheets($ms) ! ($e:level-abbr('sheets') || ' ' || .)"/>
    <xsl:sequence select="string-join($parts[. != ''], ', ') || '.'"/>
  </xsl:function>

  <!-- Credits: "Contributed by" + names, in the order of the header -->
  <xsl:function name="e:names" as="xs:string">
    <xsl:param name="names" as="element()*"/>
    <xsl:variable name="n" select="$names ! normalize-space(.)"/>
    <xsl:sequence select="
        if (count($n) le 2) then string-join($n, ' and ')
        else string-join($n[position() lt last()], ', ') || ', and ' || $n[last()]"/>
  </xsl:function>

  <!-- Whether a link target is safe to render as a link: relative, http, https, mailto -->
  <xsl:function name="e:safe-href" as="xs:boolean">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:variable name="h" select="normalize-space($href)"/>
    <xsl:sequence select="$h != '' and (
        not(matches($h, '^[A-Za-z][A-Za-z0-9+.\-]*:'))
        or matches($h, '^(https?|mailto):', 'i'))"/>
  </xsl:function>

  <!-- How an editorial gap is described: "[illegible: 2 words]" -->
  <xsl:function name="e:gap-text" as="xs:string">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:variable name="extent" select="
        if ($gap/@quantity) then string-join(($gap/@quantity, $gap/@unit), ' ')
        else string($gap/@extent)"/>
    <xsl:sequence select="'[…' || string-join((normalize-space($gap/@reason), $extent)[. != ''], ', ') ! (' ' || .) || ']'"/>
  </xsl:function>
</xsl:stylesheet>
