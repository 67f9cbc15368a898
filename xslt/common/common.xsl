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
  <!-- where output/html/ is published; citations use it. A placeholder until it is known. -->
  <xsl:param name="edition-url" as="xs:string" select="'[edition URL]'"/>
  <!-- where the edition-level pages and the other formats are, relative to a document page -->
  <xsl:param name="persons-href" as="xs:string" select="'persons.html'"/>
  <xsl:param name="cite-folder" as="xs:string" select="'../cite/'"/>
  <xsl:param name="text-folder" as="xs:string" select="'../text/'"/>

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
      'papka': 'Folder',
      'delo': 'File',
      'sheets': 'Sheets',
      'form': 'Physical form',
      'copy': 'Copy',
      'provenance': 'Provenance',
      'origin': 'Origin',
      'acquisition': 'Acquisition',
      'country': 'Country',
      'settlement': 'Place',
      'institution': 'Institution',
      'collection': 'Collection',
      'ms-heading': 'Heading',
      'ms-title': 'Title in the source',
      'ms-note': 'Note',
      'contents': 'Contents',
      'physical-description': 'Physical description',
      'editorial-principles': 'Editorial principles',
      'edition': 'Edition',
      'setting': 'Setting',
      'index': 'Documents',
      'persons': 'Persons',
      'back-to-text': 'Back to text',
      'legend': 'Editorial signs',
      'cite': 'How to cite',
      'cite-data': 'Citation data',
      'csl-json': 'CSL-JSON',
      'bibtex': 'BibTeX',
      'plain-text': 'Plain text'
    }"/>

  <xsl:function name="e:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($e:labels($key), $key)[1]"/>
  </xsl:function>

  <!-- archival levels as the source's short citation abbreviates them (Russian archival usage); an
       idno's or a locus's @rend is the source's own ("papka" for "p.", "ll." for several sheets) -->
  <xsl:variable name="e:level-abbr" as="map(xs:string, xs:string)"
      select="map { 'fond': 'f.', 'opis': 'op.', 'papka': 'p.', 'delo': 'd.', 'sheets': 'l.' }"/>

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
      <xsl:choose>
        <xsl:when test="map:contains($e:note-numbers, generate-id($note))" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
          <xsl:sequence select="string($e:note-numbers(generate-id($note)))"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:number select="$note" level="any" from="tei:text"
              count="tei:note[@type = 'editorial']" format="1"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:sequence select="$n"/>
  </xsl:function>

  <!-- The numbers of the principal document's editorial notes, computed once: counting
       the notes before each one again (xsl:number level="any") made a document with
       many notes cost the square of their number. Only for a document with one <text>
       (where that count is a note's place in document order among the notes of the
       text); for others, and other documents, e:note-number counts as it always did. -->
  <xsl:variable name="e:note-numbers" as="map(xs:string, xs:integer)">
    <xsl:map>
      <xsl:if test="count(/descendant::tei:text) = 1">
        <xsl:for-each select="/descendant::tei:text/descendant::tei:note[@type = 'editorial']">
          <xsl:map-entry key="generate-id(.)" select="position()"/>
        </xsl:for-each>
      </xsl:if>
    </xsl:map>
  </xsl:variable>

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

  <!-- a page break as both formats show it: "page 43", or "page break" when unnumbered -->
  <xsl:function name="e:page-label" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:sequence select="if ($pb/@n) then 'page ' || $pb/@n else 'page break'"/>
  </xsl:function>

  <!-- ===================================================== anchors -->

  <!-- Stable anchors for speeches and paragraphs (README.md, "Anchors"):
       1. an element's own @xml:id, when it has one;
       2. a speech: "sp-" + its (first) speaker's id + "-" + its number among that
          speaker's speeches in the text: sp-mao-2 is Mao's second speech;
       3. a paragraph in a speech: the speech's anchor + "-p" + its number in the
          speech: sp-mao-2-p1;
       4. any other paragraph of the text: "p-" + its number among the text's
          paragraphs that are not in a speech (or a note): p-1.
       So another speaker's speech, or a paragraph in another speech, can be added,
       removed or edited without moving an anchor; what moves one is a new speech by
       the same speaker (or a new narrative paragraph) before it. Give an element an
       xml:id to pin its anchor for good. -->
  <xsl:function name="e:who-key" as="xs:string">
    <xsl:param name="sp" as="element(tei:sp)"/>
    <xsl:sequence select="e:who-key-of(string($sp/@who))"/>
  </xsl:function>

  <!-- the key of a speech whose @who is $who ('' when it has none) -->
  <xsl:function name="e:who-key-of" as="xs:string">
    <xsl:param name="who" as="xs:string"/>
    <!-- regular expressions only for an id with other characters than ASCII letters, digits, _ . - -->
    <xsl:variable name="first" select="substring-before(normalize-space($who) || ' ', ' ')"/>
    <xsl:variable name="id" select="if (starts-with($first, '#')) then substring($first, 2) else $first"/>
    <xsl:variable name="key" select="
        if (translate($id, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-', '') = '') then $id
        else replace($id, '[^\p{L}\p{N}_.\-]+', '-')"/>
    <xsl:sequence select="($key[. != ''], 'speaker')[1]"/>
  </xsl:function>

  <!-- the generated anchors of the principal document, computed once (a speech's number
       among its speaker's speeches, a narrative paragraph's among those paragraphs), for
       the elements that need one: e:anchor gives an element with an xml:id that id -->
  <xsl:variable name="e:numbered" as="map(xs:string, xs:string)">
    <xsl:map>
      <xsl:if test="/tei:TEI">
        <xsl:variable name="speeches" select="/tei:TEI/tei:text//tei:sp"/>
        <xsl:if test="exists($speeches[empty(@xml:id)])">
          <!-- the key of each @who value once, not once per speech (a play's speakers speak hundreds of times) -->
          <xsl:variable name="keys" as="map(xs:string, xs:string)" select="map:merge(
              distinct-values($speeches ! string(@who)) ! map:entry(., e:who-key-of(.)))"
              xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
          <xsl:for-each-group select="$speeches" group-by="$keys(string(@who))">
            <xsl:variable name="who" select="current-grouping-key()"/>
            <xsl:for-each select="current-group()">
              <xsl:if test="empty(@xml:id)">
                <xsl:map-entry key="generate-id(.)" select="'sp-' || $who || '-' || position()"/>
              </xsl:if>
            </xsl:for-each>
          </xsl:for-each-group>
        </xsl:if>
        <xsl:for-each select="/tei:TEI/tei:text//tei:p[e:is-narrative-p(.)]">
          <xsl:if test="empty(@xml:id)">
            <xsl:map-entry key="generate-id(.)" select="'p-' || position()"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:if>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="e:anchor" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($el/@xml:id) then string($el/@xml:id) else e:generated-anchor($el)"/>
  </xsl:function>

  <!-- the anchor of an element without an xml:id -->
  <xsl:function name="e:generated-anchor" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="generated" as="xs:string">
      <xsl:choose>
        <xsl:when test="map:contains($e:numbered, generate-id($el))" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
          <xsl:sequence select="$e:numbered(generate-id($el))"/>
        </xsl:when>
        <xsl:when test="$el/self::tei:sp">
          <xsl:variable name="who" select="e:who-key($el)"/>
          <xsl:sequence select="'sp-' || $who || '-' || count(($el, $el/preceding::tei:sp)[e:who-key(.) = $who])"/>
        </xsl:when>
        <xsl:when test="$el/self::tei:p and $el/parent::tei:sp">
          <xsl:sequence select="e:anchor($el/parent::tei:sp) || '-p' || count(($el, $el/preceding-sibling::tei:p))"/>
        </xsl:when>
        <xsl:when test="$el/self::tei:p">
          <xsl:sequence select="'p-' || count(($el, $el/preceding::tei:p)[e:is-narrative-p(.)])"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="local-name($el) || '-' || count(($el, $el/preceding::*)[node-name(.) = node-name($el)])"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:sequence select="
        if (exists(key('element-by-id', $generated, root($el)))) then $generated || '-a'
        else $generated"/>
  </xsl:function>

  <!-- paragraphs of the text that stand on their own (not in a speech, a note or the header) -->
  <xsl:function name="e:is-narrative-p" as="xs:boolean">
    <xsl:param name="p" as="element(tei:p)"/>
    <xsl:sequence select="exists($p/ancestor::tei:text) and empty($p/parent::tei:sp) and empty($p/ancestor::tei:note)"/>
  </xsl:function>

  <!-- The anchor on the rendered page nearest to a node: a footnote, a paragraph or speech,
       the related documents, the source description; '' for the top of the page. -->
  <xsl:function name="e:anchor-of" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="note" select="$node/ancestor-or-self::tei:note[e:is-footnote(.)][1]"/>
    <xsl:variable name="block" select="$node/ancestor-or-self::*[self::tei:p[ancestor::tei:text] or self::tei:sp][1]"/>
    <xsl:sequence select="
        if ($note) then 'note-' || e:note-number($note)
        else if ($block) then e:anchor($block)
        else if ($node/ancestor-or-self::tei:listBibl[@type = 'related']) then 'related'
        else if ($node/ancestor-or-self::tei:msDesc) then 'source'
        else if ($node/ancestor::tei:text) then 'transcript'
        else ''"/>
  </xsl:function>

  <!-- ===================================================== plain reading text -->

  <!-- The reading text of a node as one string: printed forms, supplied text in
       brackets, no footnotes, no speaker label, no expansions. For snippets and for
       header facts. -->
  <xsl:mode name="plain" on-no-match="text-only-copy" warning-on-no-match="false"/>
  <xsl:template match="tei:expan | tei:corr | tei:reg | tei:note[e:is-footnote(.)] | tei:speaker" mode="plain"/>
  <xsl:template match="tei:supplied" mode="plain">[<xsl:apply-templates mode="plain"/>]</xsl:template>
  <xsl:template match="tei:unclear" mode="plain">[<xsl:apply-templates mode="plain"/>?]</xsl:template>
  <xsl:template match="tei:gap" mode="plain"><xsl:value-of select="e:gap-text(.)"/></xsl:template>

  <xsl:function name="e:snippet" as="xs:string">
    <xsl:param name="node" as="node()*"/>
    <xsl:param name="words" as="xs:integer"/>
    <xsl:variable name="t"><xsl:apply-templates select="$node" mode="plain"/></xsl:variable>
    <!-- the first $words words, and " …" when there are more: cut at the $words-th space
         (what tokenize() then string-join() gave, without a regular expression). A text
         of at most $words characters has fewer than $words spaces: nothing to cut, and no
         need to look (header facts ask for 100000 words). -->
    <xsl:variable name="n" select="normalize-space($t)"/>
    <xsl:variable name="cut" select="if ($words ge 1 and string-length($n) gt $words)
        then index-of(string-to-codepoints($n), 32)[$words] else ()"/>
    <xsl:sequence select="
        if ($words lt 1) then (if ($n != '' or $words lt 0) then ' …' else '')
        else if (empty($cut)) then $n
        else substring($n, 1, $cut - 1) || ' …'"/>
  </xsl:function>

  <!-- ===================================================== persons -->

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

  <xsl:function name="e:person-href" as="xs:string">
    <xsl:param name="person" as="element(tei:person)"/>
    <xsl:sequence select="$persons-href || '#person-' || $person/@xml:id"/>
  </xsl:function>

  <!-- ===================================================== links -->

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

  <!-- ===================================================== languages -->

  <xsl:variable name="e:languages" as="map(xs:string, xs:string)" select="map {
      'ar': 'Arabic', 'be': 'Belarusian', 'bg': 'Bulgarian', 'cs': 'Czech', 'de': 'German',
      'en': 'English', 'es': 'Spanish', 'fr': 'French', 'hu': 'Hungarian', 'it': 'Italian',
      'ja': 'Japanese', 'ko': 'Korean', 'la': 'Latin', 'mn': 'Mongolian', 'pl': 'Polish',
      'pt': 'Portuguese', 'ro': 'Romanian', 'ru': 'Russian', 'sk': 'Slovak', 'sr': 'Serbian',
      'uk': 'Ukrainian', 'vi': 'Vietnamese', 'zh': 'Chinese'
    }"/>

  <!-- "Russian" for ru, "Chinese" for zh-Latn; the tag itself when the edition has no name for it -->
  <xsl:function name="e:language-name" as="xs:string">
    <xsl:param name="tag" as="xs:string?"/>
    <xsl:variable name="primary" select="lower-case(substring-before($tag || '-', '-'))"/>
    <xsl:sequence select="($e:languages($primary), string($tag))[1]"/>
  </xsl:function>

  <!-- ===================================================== editorial signs -->

  <!-- The signs a document uses, in the order of README.md's "Editorial signs" table
       (the one reference for both formats). Each entry: key, how it looks in the HTML
       edition, how it looks in the text edition, what it means. -->
  <xsl:variable name="e:signs" as="array(map(xs:string, xs:string))" select="[
      map { 'key': 'supplied', 'html': '[text]', 'text': '[text]',
            'meaning': 'supplied by the editor: not in the source' },
      map { 'key': 'unclear', 'html': '[text?]', 'text': '[text?]',
            'meaning': 'unclear in the source: the editor’s best reading' },
      map { 'key': 'gap', 'html': '[… reason, extent]', 'text': '[… reason, extent]',
            'meaning': 'left out or illegible, with why and how much' },
      map { 'key': 'abbr', 'html': 'dotted underline', 'text': 'abbr. ⟨expansion⟩',
            'meaning': 'an abbreviation as the source prints it, then its expansion (in HTML: on hover and for screen readers)' },
      map { 'key': 'sic', 'html': 'dotted underline', 'text': 'error ⟨correction⟩',
            'meaning': 'an error as the source prints it, then the editor’s correction (in HTML: on hover and for screen readers)' },
      map { 'key': 'orig', 'html': 'dotted underline', 'text': 'spelling ⟨regularised⟩',
            'meaning': 'a spelling as the source prints it, then its regular form (in HTML: on hover and for screen readers)' },
      map { 'key': 'foreign', 'html': 'italics', 'text': 'word ⟨language⟩',
            'meaning': 'words in another language than the text around them, then that language (in HTML: on hover and for screen readers)' },
      map { 'key': 'add', 'html': 'shaded', 'text': '[added: text]',
            'meaning': 'added in the source, above the line or in the margin' },
      map { 'key': 'del', 'html': 'struck through', 'text': '[deleted: text]',
            'meaning': 'deleted in the source, still legible' },
      map { 'key': 'pb', 'html': '[page n]', 'text': '[page n]',
            'meaning': 'a new page (sheet) of the source begins' },
      map { 'key': 'note', 'html': 'raised number', 'text': '[n]',
            'meaning': 'an editorial note, listed under Notes' }
    ]"/>

  <!-- the elements e:sign-key gives a key for (and notes it does not: e:sign-key decides) -->
  <xsl:key name="e:sign-elements" match="tei:choice | tei:note | tei:supplied | tei:unclear | tei:gap
      | tei:foreign | tei:add | tei:del | tei:pb" use="0"/>

  <xsl:function name="e:sign-key" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="
        if ($el/self::tei:choice) then ($el/(tei:abbr, tei:sic, tei:orig)[1] ! local-name(.))
        else if ($el/self::tei:note) then (if (e:is-footnote($el)) then 'note' else ())
        else if ($el/(self::tei:supplied | self::tei:unclear | self::tei:gap | self::tei:foreign
                     | self::tei:add | self::tei:del | self::tei:pb)) then local-name($el)
        else ()"/>
  </xsl:function>

  <!-- the entries of e:signs that the rendered page uses (the text, and the back matter) -->
  <xsl:function name="e:signs-used" as="map(xs:string, xs:string)*">
    <xsl:param name="doc" as="node()"/>
    <!-- only the elements e:sign-key can give a key for, found by a key (its index is built
         in one fast pass; a walk over every element of a long play, testing each, was not)
         and kept when they are in the text of the document's root, as root/TEI/text//* says -->
    <xsl:variable name="used" select="distinct-values(key('e:sign-elements', 0, root($doc))
        [ancestor::tei:text[parent::tei:TEI[parent::document-node()]]] ! e:sign-key(.))"/>
    <xsl:sequence select="array:flatten($e:signs)[?key = $used]"
        xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
  </xsl:function>

  <!-- ===================================================== citation -->

  <xsl:function name="e:document-url" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="replace($edition-url, '/+$', '') || '/' || encode-for-uri($id) || '.html'"/>
  </xsl:function>

  <!-- names in a responsibility statement by MARC relator (resp/@key): ctb, trl, edt -->
  <xsl:function name="e:resp-names" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="root($doc)//tei:titleStmt/tei:respStmt[tei:resp/@key = $key]/(* except tei:resp)"/>
  </xsl:function>

  <xsl:function name="e:editors" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(root($doc)//tei:titleStmt/tei:editor, e:resp-names($doc, 'edt'))"/>
  </xsl:function>

  <!-- The recommended citation, one line:
       Authors, “Title,” Date. Archival citation. Contributed by …; translated by ….
       Publisher. URL (accessed [date]). -->
  <xsl:function name="e:citation" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="title" select="root($doc)//tei:titleStmt"/>
    <xsl:variable name="ms" select="(root($doc)//tei:sourceDesc/tei:msDesc)[1]"/>
    <xsl:variable name="resps" as="xs:string*" select="
        ($title/tei:editor[1] ! ('Edited by ' || e:names($title/tei:editor))),
        $title/tei:respStmt ! (normalize-space(tei:resp[1]) || ' ' || e:names(* except tei:resp))"/>
    <xsl:variable name="resp-line" select="string-join(
        ($resps[1], subsequence($resps, 2) ! (lower-case(substring(., 1, 1)) || substring(., 2))), '; ')"/>
    <xsl:variable name="date" select="e:creation-date($doc) ! normalize-space(.)"/>
    <xsl:variable name="quoted" select="'“' || e:title($doc)
        || (if (e:ends-sentence(e:title($doc))) then '' else if ($date) then ',' else '.') || '”'"/>
    <xsl:variable name="parts" as="xs:string*" select="
        string-join((($title/tei:author[1] ! e:names($title/tei:author)), $quoted), ', ')
          || ($date ! (' ' || .)),
        $ms ! e:archival-citation(.),
        $resp-line,
        normalize-space((root($doc)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:publisher)[1]),
        e:document-url($document-id) || ' (accessed [date])'"/>
    <!-- a part that ends a sentence, or a quotation that does, keeps its end -->
    <xsl:sequence select="string-join($parts[normalize-space(.) != '']
        ! (if (e:ends-sentence(.) or (ends-with(., '”') and e:ends-sentence(substring(., 1, string-length(.) - 1)))) then . else . || '.'), ' ')"/>
  </xsl:function>
</xsl:stylesheet>
