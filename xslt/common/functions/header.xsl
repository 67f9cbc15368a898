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

  <!-- the persons a document declares (particDesc): with an xml:id of its own, or pointing at the
       entry of the edition's register (sameAs="registers/persons.xml#mao") -->
  <xsl:function name="e:participants" as="element(tei:person)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)//tei:particDesc//tei:person"/>
  </xsl:function>

  <!-- the register entry a pointer reaches ("registers/persons.xml#mao"), if any: its TEI element -->
  <xsl:function name="e:register-entry" as="element()?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="if (exists($register-entries) and normalize-space($pointer))
        then key('register-entry', normalize-space($pointer), $register-entries)[1]/* else ()"/>
  </xsl:function>

  <!-- what describes a person (or place): for one declared by a pointer to the register, its entry;
       otherwise the element itself -->
  <xsl:function name="e:entry" as="element()">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="($person[@sameAs]/e:register-entry(@sameAs), $person)[1]"/>
  </xsl:function>

  <!-- a person's id in the edition: its xml:id, or that of the register entry it points at -->
  <xsl:function name="e:person-id" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="string((e:entry($person)/@xml:id, substring-after($person/@sameAs, '#'))[. != ''][1])"/>
  </xsl:function>

  <!-- The persons the persons index lists for a document: its participants, then the persons of the
       register it points at (speeches, names) that are not among them -->
  <xsl:function name="e:indexed-persons" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="participants" select="e:participants($doc)"/>
    <xsl:variable name="ids" select="$participants ! e:person-id(.)"/>
    <xsl:sequence select="$participants, 
        ($register-entries/entries/entry[@kind = ('person', 'personGrp')][not(@id = $ids)]
          => e:distinct-entries())/*"/>
  </xsl:function>

  <!-- entries, the first of each id -->
  <xsl:function name="e:distinct-entries" as="element()*">
    <xsl:param name="entries" as="element()*"/>
    <xsl:for-each-group select="$entries" group-by="@kind || ' ' || @id">
      <xsl:sequence select="current-group()[1]"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- every pointer by which a document reaches a person: "#id", or each of those that reach its
       register entry -->
  <xsl:function name="e:person-pointers" as="xs:string*">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="id" select="e:person-id($person)"/>
    <xsl:sequence select="if ($person[@xml:id] and root($person)/tei:TEI) then '#' || $person/@xml:id
        else if (exists($register-entries))
        then key('register-entry-by-id', ('person ' || $id, 'personGrp ' || $id), $register-entries)/@pointer ! string(.)
        else ()"/>
  </xsl:function>

  <xsl:function name="e:person-name" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="(normalize-space(string(e:entry($person)/tei:persName[1]))[. != ''], e:person-id($person))[1]"/>
  </xsl:function>

  <!-- the person a pointer names: declared in this document ("#mao"), or an entry of the register -->
  <xsl:function name="e:person" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="if (starts-with($pointer, '#'))
        then key('person-by-id', substring($pointer, 2), root($context))[1]
        else e:register-entry($pointer)[self::tei:person or self::tei:personGrp]"/>
  </xsl:function>

  <!-- what the header (or the register) says about a person besides the name: "Minister of Foreign
       Affairs; born 1909" -->
  <xsl:function name="e:person-details" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="entry" select="e:entry($person)"/>
    <xsl:sequence select="if (not($entry is $person) or not(root($person)/tei:TEI)) then e:life-dates($entry)
        else string-join((
        $entry/tei:persName[position() gt 1] ! (e:label('also') || ' ' || e:snippet(., 100000)),
        $entry/(tei:occupation, tei:affiliation) ! e:snippet(., 100000),
        $entry/tei:birth ! (e:label('born') || ' ' || e:snippet(., 100000)),
        $entry/tei:death ! (e:label('died') || ' ' || e:snippet(., 100000)),
        $entry/tei:note ! e:snippet(., 100000))[normalize-space(.) != '' and not(. = (e:label('born') || ' ', e:label('died') || ' '))], '; ')"/>
  </xsl:function>

  <!-- a register entry's years: "1894–1971", "born 1904", "died 1971"; '' when it gives none -->
  <xsl:function name="e:life-dates" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="born" select="($entry/tei:birth ! e:date-parts(.)[1] ! substring(., 1, 4))[1]"/>
    <xsl:variable name="died" select="($entry/tei:death ! e:date-parts(.)[1] ! substring(., 1, 4))[1]"/>
    <xsl:sequence select="if ($born and $died) then $born || '–' || $died else if ($born) then e:label('born') || ' ' || $born
        else if ($died) then e:label('died') || ' ' || $died else ''"/>
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
  <xsl:function name="e:named-person" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="(tokenize($name/@ref) ! e:person($name, .))[1]"/>
  </xsl:function>

  <!-- how the persons index sorts a person: the surname when the name gives one,
       otherwise the person's id (the edition names people by surname: "mao", "deng") -->
  <xsl:function name="e:person-sort-key" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="lower-case((normalize-space(e:entry($person)/tei:persName[1]/tei:surname[1])[. != ''], e:person-id($person))[1])"/>
  </xsl:function>
</xsl:stylesheet>
