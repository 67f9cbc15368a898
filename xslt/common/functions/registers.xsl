<?xml version="1.0" encoding="UTF-8"?>
<!--
  The register pages (the persons page, the places page with the organisations): where an entry's
  page is, what an entry says besides its names (everything: no text of a register is left out),
  its coordinates, and a document's entry under it (each speech and each place it is named).

  An entry is a person (or personGrp), a place or an organisation: of the edition's registers
  (registers/persons.xml, places.xml, orgs.xml) or declared by a document (particDesc, settingDesc,
  any listPlace or listOrg of its own). The same id is the same entry, across documents and
  registers.

  Below a size (edition/render/pages.py ENTRY_PAGES_FROM), each kind has one page (persons.html,
  places.html) and an entry is a section of it (#person-ID, #place-ID, #org-ID). Above it, the page is
  an index, and each entry has a page of its own: html/persons/FILE.html, html/places/FILE.html,
  html/orgs/FILE.html (the build passes the folders: persons-folder-href...).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- ===================================================== where an entry is -->

  <!-- The link to an entry (of kind 'person', 'place' or 'org') from the folder of the pages (html/):
       its section of the register page, or its own page when the edition has one per entry -->
  <xsl:function name="e:entity-href" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="folder" select="if ($kind = 'person') then $persons-folder-href
        else if ($kind = 'org') then $orgs-folder-href else $places-folder-href"/>
    <xsl:sequence select="if ($folder != '') then $folder || encode-for-uri(e:entry-file($id)) || $entry-page-suffix
        else (if ($kind = 'person') then $persons-href else $places-href) || '#' || $kind || '-' || $id"/>
  </xsl:function>

  <!-- The name of an entry's own page (without .html), made from its id so that every id has its
       own file on every file system (ids that differ only in case, Windows device names):
       a-z 0-9 - . _ stay; an ASCII capital becomes ~ and its small letter ("Rochester":
       "~rochester"); any other character ~~, its code point in hexadecimal, ~ ("Zürich":
       "~zu~~fc~rich"); a Windows device name (con, nul, com1...) gets ~ after it ("con~"). No two
       ids give one name (an id has no ~), and names differ in more than case. -->
  <xsl:function name="e:entry-file" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="encoded" select="string-join(string-to-codepoints($id) ! (
        if (. = (45, 46, 95) or (. ge 48 and . le 57) or (. ge 97 and . le 122)) then codepoints-to-string(.)
        else if (. ge 65 and . le 90) then '~' || codepoints-to-string(. + 32)
        else '~~' || e:hex(.) || '~'), '')"/>
    <xsl:variable name="base" select="substring-before($encoded || '.', '.')"/>
    <xsl:sequence select="if ($base = $e:devices) then $base || '~' || substring($encoded, string-length($base) + 1)
        else $encoded"/>
  </xsl:function>

  <xsl:variable name="e:devices" as="xs:string*"
      select="('con', 'prn', 'aux', 'nul', (0 to 9) ! ('com' || ., 'lpt' || .))"/>

  <xsl:function name="e:hex" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="(if ($n ge 16) then e:hex($n idiv 16) else '') || substring('0123456789abcdef', $n mod 16 + 1, 1)"/>
  </xsl:function>

  <!-- ===================================================== what an entry says -->

  <!-- The element of an entry's names: persName of a person, placeName of a place, orgName of an org -->
  <xsl:function name="e:is-entry-name" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el[self::tei:persName][parent::tei:person or parent::tei:personGrp]
        | $el[self::tei:placeName][parent::tei:place] | $el[self::tei:orgName][parent::tei:org])"/>
  </xsl:function>

  <!-- The coordinates of a place: the first <geo> of a <location> that gives nothing else (a location
       that also names a place, as "located in Austria" with Austria's coordinates, is said in words) -->
  <xsl:function name="e:coordinates" as="element(tei:geo)?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="($entry/tei:location[tei:geo][empty(* except tei:geo)]/tei:geo)[1]"/>
  </xsl:function>

  <!-- Latitude and longitude (decimal degrees, WGS 84, as TEI's <geo> gives them by default) read
       from a <geo>: "39.9075 116.39723", "39.9075, 116.39723", "39.9075,116.39723", or with decimal
       commas "48,08605 16,28921"; () when it says something else or is out of range (then it is
       shown as written, with no map link) -->
  <xsl:function name="e:lat-long" as="xs:decimal*">
    <xsl:param name="geo" as="element(tei:geo)?"/>
    <xsl:variable name="text" select="normalize-space($geo)"/>
    <xsl:variable name="number" select="'-?\d{1,3}(\.\d+)?'"/>
    <xsl:variable name="parts" as="xs:string*" select="
        if (matches($text, '^' || $number || ',? ' || $number || '$')) then tokenize(replace($text, ',', ''), ' ')
        else if (matches($text, '^' || $number || ',' || $number || '$')) then tokenize($text, ',')
        else if (matches($text, '^-?\d{1,3},\d+ -?\d{1,3},\d+$')) then tokenize(translate($text, ',', '.'), ' ')
        else ()"/>
    <xsl:variable name="values" select="$parts ! xs:decimal(.)"/>
    <xsl:sequence select="if (count($values) = 2 and abs($values[1]) le 90 and abs($values[2]) le 180) then $values else ()"/>
  </xsl:function>

  <!-- A map of a point: OpenStreetMap, a plain link (nothing is fetched) -->
  <xsl:function name="e:map-href" as="xs:string">
    <xsl:param name="lat-long" as="xs:decimal+"/>
    <xsl:variable name="lat" select="string($lat-long[1])"/>
    <xsl:variable name="long" select="string($lat-long[2])"/>
    <xsl:sequence select="'https://www.openstreetmap.org/?mlat=' || $lat || '&amp;mlon=' || $long || '#map=12/' || $lat || '/' || $long"/>
  </xsl:function>

  <!-- What a register says of an entry besides its names, its authority records and its coordinates,
       one statement each, in this order: occupations and affiliations, birth, death, then everything
       else it holds in the order it gives it (descriptions, locations, events, states, nested entries...,
       each element's words), then its notes. Nothing it says in words is left out. -->
  <xsl:function name="e:register-details" as="xs:string*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="said" select="$entry/*[not(e:is-entry-name(.) or self::tei:idno or . is e:coordinates($entry)/..)]"/>
    <xsl:sequence select="(
        $said[self::tei:occupation or self::tei:affiliation] ! e:register-text(.),
        $said[self::tei:birth] ! (e:label('born') || ' ' || e:register-text(.)),
        $said[self::tei:death] ! (e:label('died') || ' ' || e:register-text(.)),
        $said[not(self::tei:occupation or self::tei:affiliation or self::tei:birth or self::tei:death or self::tei:note)]
          ! e:register-detail(.),
        $said[self::tei:note] ! e:register-text(.))[normalize-space(.) != '' and not(. = (e:label('born') || ' ', e:label('died') || ' '))]"/>
  </xsl:function>

  <!-- The words of a statement of an entry, on one line: an element that holds only elements (a
       note of paragraphs, a location of a settlement and a country, a state's label and
       description) has its parts' words apart, paragraphs by a space, other parts by a comma;
       otherwise its text as the page reads it -->
  <xsl:function name="e:register-text" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if (count($el/*) gt 1 and empty($el/text()[normalize-space(.)]))
        then string-join($el/* ! e:register-text(.)[. != ''], if ($el/(tei:p | tei:ab)) then ' ' else ', ')
        else e:snippet($el, 100000)"/>
  </xsl:function>

  <!-- one statement of an entry: its words, after a label where the element wants one -->
  <xsl:function name="e:register-detail" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="words" select="e:register-text($el)"/>
    <!-- entries of their own inside it (a place within a place): their names; what they say is on their own entries -->
    <xsl:variable name="within" select="$el/descendant-or-self::*[self::tei:person or self::tei:personGrp or self::tei:place or self::tei:org][@xml:id]"/>
    <xsl:sequence select="if (exists($within)) then e:label('includes') || ' '
          || string-join($within[not(ancestor::* intersect $within)] ! normalize-space((*[e:is-entry-name(.)], @xml:id)[1]), '; ')
        else if ($el/self::tei:location) then e:label('location') || ': ' || $words
        else if ($el/self::tei:geo) then e:label('coordinates') || ' ' || $words
        else $words"/>
  </xsl:function>

  <!-- ===================================================== what a document says of an entry -->

  <!-- What kind of place on the document's page a node is -->
  <xsl:function name="e:where" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="anchor" select="e:anchor-of($node)"/>
    <xsl:sequence select="
        if ($node/ancestor::tei:note[e:is-footnote(.)]) then 'note'
        else if ($node/ancestor::tei:p[ancestor::tei:text]) then 'paragraph'
        else if ($node/ancestor::tei:sp) then 'speech'
        else if ($anchor = ('related', 'source', 'transcript', 'summary')) then $anchor
        else if ($node/ancestor::tei:creation) then 'creation'
        else 'page'"/>
  </xsl:function>

  <!-- The order of the places on a document's page, top to bottom -->
  <xsl:variable name="e:page-order" as="xs:string*"
      select="('creation', 'summary', 'paragraph', 'speech', 'transcript', 'note', 'source', 'related', 'page')"/>

  <!-- Where a document names an entry: each of $names (elements whose @ref reaches it), one per
       anchor on the document's page, in the order of the page -->
  <xsl:function name="e:namings" as="element(occurrence)*">
    <xsl:param name="names" as="element()*"/>
    <xsl:for-each-group select="$names" group-by="e:anchor-of(.)">
      <xsl:sort select="index-of($e:page-order, e:where(.))[1]"/>
      <xsl:variable name="where" select="e:where(.)"/>
      <occurrence kind="named" where="{$where}" anchor="{current-grouping-key()}">
        <xsl:value-of select="
            if ($where = 'note') then e:snippet(ancestor::tei:note[e:is-footnote(.)][1]/node(), 10)
            else if ($where = ('speech', 'paragraph')) then e:snippet(ancestor::*[self::tei:p or self::tei:sp][1], 10)
            else ''"/>
      </occurrence>
    </xsl:for-each-group>
  </xsl:function>

  <!-- A document's entry under a person, place or organisation of a register page: the document, then
       each speech and each place it is named, linked to its anchor; $none says why there is none
       (listed as a participant, declared in the header) -->
  <xsl:function name="e:occurrences-entry" as="element(li)">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="occurrences" as="element(occurrence)*"/>
    <xsl:param name="none" as="xs:string"/>
    <xsl:variable name="href" select="$entries-base-href || $html-href"/>
    <xsl:variable name="title" select="e:title($doc)"/>
    <xsl:variable name="date" select="e:date-shown(e:creation-date($doc))"/>
    <li>
      <p class="person-document"><a href="{$href}"><xsl:value-of select="$title"/></a>
        <xsl:if test="$date">
          <xsl:text> · </xsl:text><span class="date"><xsl:value-of select="$date"/></span>
        </xsl:if></p>
      <xsl:choose>
        <xsl:when test="exists($occurrences)">
          <ul class="occurrences">
            <xsl:for-each select="$occurrences">
              <li class="{@kind}">
                <span class="kind"><xsl:value-of select="if (@kind = 'speech') then e:label('speaks') else e:label('named-in-' || @where)"/></span>
                <xsl:text> </xsl:text>
                <a href="{$href}{if (string(@anchor)) then '#' || @anchor else ''}">
                  <xsl:value-of select="if (normalize-space(.)) then '“' || normalize-space(.) || '”'
                      else if (@where = ('source', 'related', 'transcript', 'summary')) then e:label(string(@where))
                      else $title"/>
                </a>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="occurrences-none"><xsl:value-of select="$none"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:function>

  <!-- ===================================================== the pages -->

  <!-- "In 2 documents: 3 speeches, 4 mentions." ($listed: what to say of documents that only list it) -->
  <xsl:function name="e:counts" as="xs:string">
    <xsl:param name="documents" as="xs:integer"/>
    <xsl:param name="speeches" as="xs:integer"/>
    <xsl:param name="mentions" as="xs:integer"/>
    <xsl:param name="nowhere" as="xs:string"/>
    <xsl:param name="listed" as="xs:string"/>
    <xsl:sequence select="if ($documents = 0) then $nowhere
        else e:count-label('in-documents', $documents) || ': '
          || (if ($speeches + $mentions = 0) then $listed
              else string-join((
                if ($speeches gt 0) then e:count-label('speeches-count', $speeches) else (),
                if ($mentions gt 0) then e:count-label('mentions-count', $mentions) else ()), ', ')) || '.'"/>
  </xsl:function>

  <!-- the counts of an entry of the page's input (person, place or org: documents, speeches, mentions) -->
  <xsl:function name="e:entity-counts" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="kind" select="local-name($entity)"/>
    <xsl:sequence select="e:counts(xs:integer($entity/@documents), xs:integer($entity/@speeches), xs:integer($entity/@mentions),
        e:label('named-nowhere' || (if ($kind = 'person') then '' else '-' || $kind)),
        e:label(if ($kind = 'person') then 'listed-participant' else 'listed-' || $kind))"/>
  </xsl:function>

  <!-- The index of a register page in an edition with a page per entry: each entry's name, linked to
       its page, with its years (a person of the register) and its counts; the row keeps the entry's
       id (#person-ID), so that a link to its section of the one page leads to it here -->
  <xsl:template name="e:entity-index">
    <xsl:param name="entities" as="element()*"/>
    <xsl:if test="exists($entities)">
      <ul class="entity-index">
        <xsl:for-each select="$entities">
          <xsl:variable name="kind" select="local-name()"/>
          <xsl:variable name="years" select="(tei:person, tei:personGrp)[1] ! e:life-dates(.)"/>
          <li id="{$kind}-{@id}">
            <a href="{e:entity-href($kind, @id)}"><xsl:value-of select="name[1]"/></a>
            <xsl:if test="$years != ''"><xsl:text> </xsl:text><span class="years"><xsl:value-of select="'(' || $years || ')'"/></span></xsl:if>
            <xsl:text> </xsl:text><span class="entity-counts"><xsl:value-of select="e:entity-counts(.)"/></span>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- An entry's authority records, linked (plain links: nothing is fetched) -->
  <xsl:template name="e:authorities">
    <xsl:param name="entries" as="element()*"/>
    <xsl:if test="$entries/tei:idno[normalize-space(.)]">
      <p class="authorities"><xsl:value-of select="e:label('authority-records')"/><xsl:text>: </xsl:text>
        <xsl:for-each select="$entries/tei:idno[normalize-space(.)]">
          <xsl:variable name="record" select="e:authority(.)"/>
          <xsl:if test="position() gt 1"><xsl:text> · </xsl:text></xsl:if>
          <xsl:choose>
            <xsl:when test="$record[2]"><a href="{$record[2]}" rel="external"><xsl:value-of select="$record[1] || ' ' || normalize-space(.)"/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="$record[1] || ' ' || normalize-space(.)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each></p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
