<?xml version="1.0" encoding="UTF-8"?>
<!--
  The plain-text edition: UTF-8, LF line endings, paragraphs wrapped at $width.
  Same facts, same order and same editorial sign conventions as the HTML edition
  (see README.md, "Editorial signs"), so a reader with a terminal loses nothing.

  These are the rules; text.xsl at the top of xslt/ runs them alone (with common/),
  and document.xsl runs them with every other output of a document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="text">

  <!-- every other TEI element (formats/text/tei.xsl), the critical apparatus, descriptions and references -->
  <xsl:include href="text/tei.xsl"/>

  <xsl:param name="width" as="xs:integer" select="72"/>

  <!-- text: the whole text edition, from the document node (the only node it is applied to) -->
  <xsl:mode name="text" on-no-match="fail" use-accumulators="e:element-number e:line-count"/>
  <!-- text-block: wrapped paragraphs, from the elements of the text at block level;
       text-inline: the running text inside a paragraph. Elements without a rule keep their
       text: nothing is silently dropped. -->
  <xsl:mode name="text-block" on-no-match="text-only-copy" warning-on-no-match="false"/>
  <xsl:mode name="text-inline" on-no-match="text-only-copy" warning-on-no-match="false"/>

  <!-- ===================================================== wrapping -->

  <!-- $text as lines of at most $room characters (20 at least); a word longer than a line
       stays whole, on a line of its own. Greedy: each line takes as many words as fit.
       No regular expression (this runs for every paragraph, and regular expressions were
       most of its cost): a line at a time, ending at the last space that fits (a walk
       over every space cost more: a line holds ten words or so). -->
  <xsl:function name="e:lines" as="xs:string*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="room" as="xs:integer"/>
    <xsl:sequence select="e:breaks(normalize-space($text), $room)"/>
  </xsl:function>

  <!-- e:lines of a text that is normalised already (e:inline's): the same lines, without
       normalising it again (a pass over every character of every paragraph) -->
  <xsl:function name="e:breaks" as="xs:string*">
    <xsl:param name="t" as="xs:string"/>
    <xsl:param name="room" as="xs:integer"/>
    <xsl:variable name="max" select="max(($room, 20))"/>
    <xsl:variable name="length" select="string-length($t)"/>
    <xsl:choose>
      <xsl:when test="$length le $max">
        <xsl:sequence select="$t[. != '']"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- a line at a time (at most one per character): -->
        <xsl:iterate select="1 to $length">
          <!-- the line starts at $start -->
          <xsl:param name="start" as="xs:integer" select="1"/>
          <xsl:choose>
            <xsl:when test="$start gt $length">
              <xsl:break/>
            </xsl:when>
            <xsl:when test="$length - $start lt $max">
              <!-- the rest fits -->
              <xsl:sequence select="substring($t, $start)"/>
              <xsl:break/>
            </xsl:when>
            <xsl:otherwise>
              <!-- the line ends at the last space that leaves it at most $max long: looked for
                   from there back (string-to-codepoints() cost more than the few steps back) -->
              <xsl:variable name="fits" select="reverse(1 to $max)[substring($t, $start + ., 1) = ' '][1]"/>
              <xsl:choose>
                <xsl:when test="exists($fits)">
                  <xsl:sequence select="substring($t, $start, $fits)"/>
                  <xsl:next-iteration><xsl:with-param name="start" select="$start + $fits + 1"/></xsl:next-iteration>
                </xsl:when>
                <xsl:otherwise>
                  <!-- none: its first word is longer than a line, and a line of its own (the
                       character at $start + $max is not a space: the word goes on to the next one) -->
                  <xsl:variable name="more" select="substring-before(substring($t, $start + $max), ' ')"/>
                  <xsl:variable name="word" select="if ($more = '') then substring($t, $start) else substring($t, $start, $max + string-length($more))"/>
                  <xsl:sequence select="$word"/>
                  <xsl:next-iteration><xsl:with-param name="start" select="$start + string-length($word) + 1"/></xsl:next-iteration>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:iterate>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Wrap $text at $width, every line starting with $indent. -->
  <xsl:function name="e:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:sequence select="string-join(e:lines($text, $width - string-length($indent)) ! ($indent || .), $e:NL)"/>
  </xsl:function>

  <!-- e:wrap(e:inline($nodes), $indent), normalising once -->
  <xsl:function name="e:wrap-inline" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="lines" select="e:breaks(e:inline($nodes), $width - string-length($indent))"/>
    <xsl:sequence select="string-join(if ($indent = '') then $lines else $lines ! ($indent || .), $e:NL)"/>
  </xsl:function>

  <!-- Wrap $text with a hanging indent: the first line starts with $first, the others
       are indented to line up under the text after it. -->
  <xsl:function name="e:hang" as="xs:string">
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="pad" select="string-join((1 to string-length($first)) ! ' ')"/>
    <xsl:variable name="lines" select="e:lines($text, $width - string-length($first))"/>
    <xsl:sequence select="string-join(($first || $lines[1], subsequence($lines, 2) ! ($pad || .)), $e:NL) || $e:NL"/>
  </xsl:function>

  <!-- a wrapped paragraph followed by a blank line ('' for a text of only whitespace: it has no lines) -->
  <xsl:function name="e:para" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="e:paragraph(e:lines($text, $width))"/>
  </xsl:function>

  <!-- e:para(e:inline($nodes)), normalising once -->
  <xsl:function name="e:para-inline" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="e:paragraph(e:breaks(e:inline($nodes), $width))"/>
  </xsl:function>

  <xsl:function name="e:paragraph" as="xs:string">
    <xsl:param name="lines" as="xs:string*"/>
    <xsl:sequence select="if (empty($lines)) then '' else string-join($lines, $e:NL) || $e:NL || $e:NL"/>
  </xsl:function>

  <!-- "Label:         value", the value wrapped and aligned under itself -->
  <xsl:function name="e:field" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="cell" select="max((15, string-length($label) + 2))"/>
    <xsl:sequence select="e:hang(substring($label || ':' || string-join((1 to $cell) ! ' '), 1, $cell), $value)"/>
  </xsl:function>

  <xsl:function name="e:heading" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="rule" as="xs:string"/>
    <xsl:variable name="lines" select="e:lines($text, $width)"/>
    <xsl:variable name="longest" select="max($lines ! string-length(.))"/>
    <xsl:sequence select="string-join($lines, $e:NL) || $e:NL || string-join((1 to $longest) ! $rule) || $e:NL || $e:NL"/>
  </xsl:function>

  <!-- The inline text of $nodes, normalised. Text nodes only (a verse line, a speaker label):
       their text, as the default mode would copy it. Otherwise what the templates give, joined:
       they give only text nodes, so joining them is the temporary document's string, without
       building the document (this runs for every block). -->
  <xsl:function name="e:inline" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:choose>
      <xsl:when test="empty($nodes[not(self::text())])">
        <xsl:sequence select="normalize-space(string-join($nodes))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="t" as="item()*"><xsl:apply-templates select="$nodes" mode="text-inline"/></xsl:variable>
        <xsl:sequence select="normalize-space(string-join($t))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- $s without the whitespace (space, tab, CR, LF) it ends with: replace($s, '\s+$', '')
       without a regular expression, which took milliseconds on a long edition (it tries
       every whitespace run of the text). Looks at the end 64 characters at a time. -->
  <xsl:function name="e:trim-end" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="length" select="string-length($s)"/>
    <xsl:variable name="from" select="max(($length - 63, 1))"/>
    <xsl:variable name="tail" select="string-to-codepoints(substring($s, $from))"/>
    <xsl:variable name="kept" select="(for $i in reverse(1 to count($tail))
        return $i[not($tail[$i] = (9, 10, 13, 32))])[1]"/>
    <xsl:sequence select="
        if (exists($kept)) then substring($s, 1, $from - 1 + $kept)
        else if ($from = 1) then ''
        else e:trim-end(substring($s, 1, $from - 1))"/>
  </xsl:function>

  <!-- ===================================================== the document -->

  <!-- As one of document.xsl's outputs: the text edition, as a string (as e:text says, the same as
       text.xsl's xsl:output, when it is that run's result) -->
  <xsl:output name="e:text" method="text" encoding="UTF-8"/>
  <xsl:template match=".[. eq 'text']" mode="output">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="text"><xsl:apply-templates select="$doc"/></xsl:variable>
    <xsl:sequence select="string($text)"/>
  </xsl:template>

  <!-- the whole edition, ending in exactly one newline -->
  <xsl:template match="/">
    <xsl:variable name="all"><xsl:call-template name="text-sections"/></xsl:variable>
    <xsl:value-of select="e:trim-end(string($all)) || $e:NL"/>
  </xsl:template>

  <!-- the sections of the text edition, from the document node -->
  <xsl:template name="text-sections">
    <xsl:variable name="header" select="*/tei:teiHeader"/>
    <xsl:value-of select="e:heading(e:title(.), '=')"/>
    <xsl:for-each select="e:subtitles(.)">
      <xsl:value-of select="e:para-inline(node())"/>
    </xsl:for-each>
    <xsl:for-each select="e:document-types(.)">
      <xsl:value-of select="e:field(e:label('document-type'), .)"/>
    </xsl:for-each>
    <xsl:for-each select="e:creation-date(.)">
      <xsl:value-of select="e:field(e:label('date'), e:date-shown(.) || (e:iso-date(.) ! (' (' || . || ')')))"/>
    </xsl:for-each>
    <xsl:for-each select="e:creation-place(.)">
      <xsl:value-of select="e:field(e:label('place'), normalize-space(.))"/>
    </xsl:for-each>
    <xsl:if test="exists(e:participants(.))">
      <xsl:value-of select="e:field(e:label('participants'), string-join(e:participants(.)
          ! string-join((e:person-name(.), e:person-details(.)[. != '']), ', '), '; '))"/>
    </xsl:if>
    <xsl:for-each select="$header/tei:profileDesc/tei:settingDesc/tei:p">
      <xsl:value-of select="e:field(e:label('setting'), e:inline(node()))"/>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:fileDesc/tei:sourceDesc/tei:msDesc">
      <xsl:value-of select="e:field(e:label('source'), e:source-line(.))"/>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:profileDesc/tei:correspDesc/*">
      <xsl:value-of select="e:field(e:correspondence-label(.), e:joined-text(.))"/>
    </xsl:for-each>
    <xsl:value-of select="$e:NL"/>
    <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/tei:funder">
      <xsl:value-of select="e:para(e:label('funder') || ' ' || normalize-space(.))"/>
    </xsl:for-each>

    <xsl:for-each select="$header/tei:profileDesc/tei:abstract">
      <xsl:value-of select="e:heading(upper-case(e:label('summary')), '-')"/>
      <xsl:apply-templates select="*" mode="text-block"/>
    </xsl:for-each>

    <xsl:value-of select="e:heading(upper-case(e:label('transcript')), '-')"/>
    <xsl:apply-templates select="*/tei:text/(* except tei:back), */tei:sourceDoc, tei:teiCorpus/(tei:TEI | tei:teiCorpus)" mode="text-block"/>

    <xsl:variable name="notes" select="e:footnotes(.)"/>
    <xsl:if test="exists($notes)">
      <xsl:value-of select="e:heading(upper-case(e:label('notes')), '-')"/>
      <xsl:for-each select="$notes">
        <xsl:value-of select="e:hang('[' || e:note-number(.) || '] ', e:inline(node()))"/>
      </xsl:for-each>
      <xsl:value-of select="$e:NL"/>
    </xsl:if>

    <xsl:variable name="apps" select="e:apps(.)"/>
    <xsl:if test="exists($apps)">
      <xsl:value-of select="e:heading(upper-case(e:label('apparatus')), '-')"/>
      <xsl:for-each select="$apps">
        <xsl:value-of select="e:hang('[' || e:app-label(.) || '] ', e:app-entry(.))"/>
      </xsl:for-each>
      <xsl:value-of select="$e:NL"/>
    </xsl:if>

    <xsl:variable name="signs" select="e:signs-used(.)[?text != '']"/>
    <xsl:if test="exists($signs)">
      <xsl:value-of select="e:heading(upper-case(e:label('legend')), '-')"/>
      <xsl:variable name="cell" select="max($signs ! string-length(?text)) + 2"/>
      <xsl:for-each select="$signs">
        <xsl:value-of select="e:hang(substring(?text || string-join((1 to $cell) ! ' '), 1, $cell), ?meaning)"/>
      </xsl:for-each>
      <xsl:value-of select="$e:NL"/>
    </xsl:if>

    <xsl:for-each select="$header/tei:fileDesc/tei:sourceDesc/tei:msDesc[e:ms-simple(.)]">
      <xsl:value-of select="e:heading(upper-case(e:label('source')), '-')"/>
      <xsl:value-of select="e:para(e:source-line(.))"/>
      <xsl:for-each select="e:source-details(.)">
        <xsl:value-of select="e:field(?label, ?value)"/>
      </xsl:for-each>
      <xsl:value-of select="e:field(e:label('archival-citation'), e:archival-citation(.))"/>
      <xsl:value-of select="$e:NL"/>
    </xsl:for-each>

    <!-- a manuscript description the Source panel's facts do not say whole: part by part -->
    <xsl:for-each select="$header/tei:fileDesc/tei:sourceDesc/tei:msDesc[not(e:ms-simple(.))]">
      <xsl:value-of select="e:heading(upper-case(e:label('source')), '-')"/>
      <xsl:apply-templates select="*" mode="text-ms"/>
    </xsl:for-each>

    <xsl:variable name="other" select="$header/tei:fileDesc/tei:sourceDesc/(* except tei:msDesc)"/>
    <xsl:if test="exists($other)">
      <xsl:if test="empty($header/tei:fileDesc/tei:sourceDesc/tei:msDesc)">
        <xsl:value-of select="e:heading(upper-case(e:label('source')), '-')"/>
      </xsl:if>
      <xsl:for-each select="$other">
        <xsl:choose>
          <xsl:when test="not(self::tei:p | self::tei:bibl | self::tei:ab) and (e:is-block(.) or starts-with(local-name(), 'list')
              or self::tei:recordingStmt or self::tei:scriptStmt)">
            <xsl:apply-templates select="." mode="text-block"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="e:para-inline(if (self::tei:p) then node() else .)"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:if>

    <xsl:for-each select="$header/tei:encodingDesc[.//tei:p]">
      <xsl:value-of select="e:heading(upper-case(e:label('editorial-principles')), '-')"/>
      <xsl:for-each select=".//tei:p">
        <xsl:value-of select="e:para-inline(node())"/>
      </xsl:for-each>
    </xsl:for-each>

    <xsl:apply-templates select="*/tei:text/tei:back" mode="text-block"/>

    <xsl:value-of select="e:heading(upper-case(e:label('cite')), '-')"/>
    <!-- the document's address stays on one line -->
    <xsl:variable name="url" select="e:document-url()"/>
    <xsl:value-of select="if (empty($url)) then e:para(e:citation(.))
        else translate(e:para(replace(e:citation(.), $url, translate($url, ' ', '&#xA0;'), 'q')), '&#xA0;', ' ')"/>
    <xsl:value-of select="$csl-href[.] ! e:field(e:label('csl-json'), .)"/>
    <xsl:value-of select="$bibtex-href[.] ! e:field(e:label('bibtex'), .)"/>
    <xsl:value-of select="$e:NL"/>

    <xsl:value-of select="e:heading(upper-case(e:label('credits')), '-')"/>
    <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/(tei:author, tei:editor)">
      <xsl:value-of select="e:para(e:label(local-name()) || ': ' || normalize-space(.))"/>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:fileDesc/(tei:titleStmt | tei:editionStmt)/tei:respStmt">
      <xsl:value-of select="e:para(string-join(tei:resp ! normalize-space(.), '; ') || ' ' || e:names(* except tei:resp))"/>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:fileDesc/tei:editionStmt/(* except tei:respStmt)">
      <xsl:value-of select="e:para((if (self::tei:p) then e:label('edition') else e:field-label(.)) || ': ' || e:inline(node()))"/>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/tei:funder">
      <xsl:value-of select="e:para(e:label('funder') || ' ' || normalize-space(.))"/>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/(tei:sponsor | tei:principal | tei:meeting)">
      <xsl:value-of select="e:para(e:field-label(.) || ': ' || normalize-space(.))"/>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt[tei:publisher | tei:authority | tei:distributor]">
      <xsl:value-of select="e:para(e:label('publisher') || ' ' || string-join((tei:publisher, tei:authority, tei:distributor) ! normalize-space(.), ', '))"/>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/tei:p">
      <xsl:value-of select="e:para-inline(node())"/>
    </xsl:for-each>

    <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/tei:availability">
      <xsl:value-of select="e:heading(upper-case(e:label('rights')), '-')"/>
      <xsl:apply-templates select=".//tei:p" mode="text-block"/>
      <xsl:for-each select="tei:licence[not(tei:p)]">
        <xsl:value-of select="e:para-inline(node())"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- ===================================================== blocks -->

  <xsl:template match="tei:front | tei:body | tei:back | tei:div" mode="text-block">
    <xsl:apply-templates select="*" mode="text-block"/>
  </xsl:template>
  <!-- an opener or closer may hold text of its own among its blocks -->
  <xsl:template match="tei:opener | tei:closer" mode="text-block">
    <xsl:call-template name="e:text-mixed"/>
  </xsl:template>

  <xsl:template match="tei:div/tei:head" mode="text-block">
    <xsl:value-of select="e:heading(e:inline(node()), '-')"/>
  </xsl:template>

  <!-- a table: its heading, then one paragraph a row, its cells joined by " | " (anything else
       between rows, a paragraph of its own) -->
  <xsl:template match="tei:table" mode="text-block">
    <xsl:for-each select="*">
      <xsl:choose>
        <xsl:when test="self::tei:row"><xsl:value-of select="e:para(string-join(tei:cell ! e:inline(node()), ' | '))"/></xsl:when>
        <xsl:when test="self::tei:head"><xsl:value-of select="e:para-inline(node())"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="." mode="text-block"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- a paragraph: wrapped; one that holds blocks (a list, verse, a table), its text around them -->
  <xsl:template match="tei:p | tei:dateline | tei:salute | tei:signed | tei:stage" mode="text-block">
    <xsl:call-template name="e:text-mixed"/>
  </xsl:template>

  <!-- The content of an element that may hold blocks among its text: each run of text a
       paragraph, each block as it is (one without blocks: one paragraph, as e:para-inline) -->
  <xsl:template name="e:text-mixed">
    <xsl:param name="nodes" as="node()*" select="node()"/>
    <xsl:param name="lead" as="xs:string" select="''"/>
    <xsl:choose>
      <xsl:when test="not(some $n in $nodes satisfies e:is-block($n))">
        <xsl:value-of select="if ($lead = '') then e:para-inline($nodes) else e:para(string-join(($lead, e:inline($nodes)), ' '))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each-group select="$nodes" group-adjacent="e:is-block(.)">
          <xsl:choose>
            <xsl:when test="current-grouping-key()"><xsl:apply-templates select="current-group()" mode="text-block"/></xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="if (position() = 1 and $lead != '') then e:para(string-join(($lead, e:inline(current-group())), ' '))
                  else e:para-inline(current-group())"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the speaker label, as printed, opens the first paragraph of the speech -->
  <xsl:template match="tei:sp" mode="text-block">
    <xsl:variable name="speaker" select="e:inline(tei:speaker/node())"/>
    <!-- a speech in verse (<l>, <lg>) or of stage directions only: the label on a line of its own, first -->
    <xsl:if test="empty(tei:p)">
      <xsl:value-of select="e:paragraph(e:breaks($speaker, $width))"/>
    </xsl:if>
    <xsl:for-each select="* except tei:speaker">
      <xsl:choose>
        <xsl:when test="self::tei:p and . is ../tei:p[1]">
          <!-- both normalised: joined by a space when both are there, the joined text is too -->
          <xsl:value-of select="e:paragraph(e:breaks(string-join(($speaker, e:inline(node()))[. != ''], ' '), $width))"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="." mode="text-block"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- verse: one line of the source a line of the edition, a blank line after the last of a run -->
  <xsl:template match="tei:lg" mode="text-block">
    <xsl:apply-templates select="*" mode="text-block"/>
  </xsl:template>
  <!-- every fifth line shows its number, after it -->
  <xsl:template match="tei:l" mode="text-block">
    <xsl:value-of select="e:wrap-inline(node(), '') || e:line-number(.) ! ('  ' || .) || $e:NL"/>
    <xsl:if test="not(following-sibling::*[1][self::tei:l])"><xsl:value-of select="$e:NL"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:listBibl[@type = 'related']" mode="text-block">
    <xsl:value-of select="e:heading(upper-case((tei:head/normalize-space(), e:label(string(@type)))[1]), '-')"/>
    <xsl:for-each select="tei:bibl">
      <xsl:value-of select="string-join((tei:date, tei:title) ! e:wrap-inline(node(), ''), $e:NL) || $e:NL"/>
      <xsl:for-each select="tei:note">
        <xsl:value-of select="e:wrap-inline(node(), '    ') || $e:NL"/>
      </xsl:for-each>
      <xsl:variable name="rest" select="e:inline(node() except (tei:date, tei:title, tei:note))"/>
      <xsl:if test="$rest != ''"><xsl:value-of select="e:wrap($rest, '    ') || $e:NL"/></xsl:if>
      <xsl:value-of select="$e:NL"/>
    </xsl:for-each>
  </xsl:template>

  <!-- milestones between blocks -->
  <xsl:template match="tei:pb" mode="text-block">
    <xsl:value-of select="e:para('[' || e:page-label(.) || e:facs-text(.) || ']')"/>
  </xsl:template>
  <xsl:template match="tei:lb" mode="text-block"/>
  <xsl:template match="tei:anchor" mode="text-block">
    <xsl:variable name="markers"><xsl:apply-templates select="." mode="text-inline"/></xsl:variable>
    <xsl:if test="normalize-space($markers)"><xsl:value-of select="e:para($markers)"/></xsl:if>
  </xsl:template>
  <xsl:template match="tei:gap" mode="text-block">
    <xsl:value-of select="e:para-inline(.)"/>
  </xsl:template>

  <!-- any other element at block level: its text as a paragraph, so nothing is lost (and said:
       common/functions/unstyled.xsl) -->
  <xsl:template match="*" mode="text-block">
    <xsl:call-template name="e:no-rule"><xsl:with-param name="format" select="'text'"/></xsl:call-template>
    <xsl:value-of select="e:para-inline(node())"/>
  </xsl:template>

  <!-- ===================================================== inline -->

  <xsl:template match="tei:note[e:is-footnote(.)]" mode="text-inline">
    <xsl:text>[</xsl:text><xsl:value-of select="e:note-number(.)"/><xsl:text>]</xsl:text>
  </xsl:template>

  <!-- a choice: the form the source prints (abbreviation, error, original spelling), then the others -->
  <xsl:template match="tei:choice[tei:abbr]" mode="text-inline">
    <xsl:apply-templates select="tei:abbr[1]/node()" mode="text-inline"/> ⟨<xsl:apply-templates select="e:alternatives(., tei:abbr[1])" mode="e:alternative"/>⟩</xsl:template>

  <xsl:template match="tei:choice[tei:sic]" mode="text-inline">
    <xsl:apply-templates select="tei:sic[1]/node()" mode="text-inline"/> ⟨<xsl:apply-templates select="e:alternatives(., tei:sic[1])" mode="e:alternative"/>⟩</xsl:template>

  <xsl:template match="tei:choice[tei:orig]" mode="text-inline">
    <xsl:apply-templates select="tei:orig[1]/node()" mode="text-inline"/> ⟨<xsl:apply-templates select="e:alternatives(., tei:orig[1])" mode="e:alternative"/>⟩</xsl:template>

  <!-- e:alternative: an alternative of a choice, its content ("/" between two) -->
  <xsl:mode name="e:alternative" on-no-match="fail"/>
  <xsl:template match="*" mode="e:alternative">
    <xsl:if test="position() gt 1"> / </xsl:if>
    <xsl:apply-templates select="node()" mode="text-inline"/>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="text-inline">[<xsl:apply-templates mode="text-inline"/>]</xsl:template>
  <xsl:template match="tei:unclear" mode="text-inline">[<xsl:apply-templates mode="text-inline"/>?]</xsl:template>
  <xsl:template match="tei:gap" mode="text-inline"><xsl:value-of select="e:gap-text(.)"/><xsl:for-each select="tei:desc"> (<xsl:apply-templates mode="text-inline"/>)</xsl:for-each></xsl:template>
  <xsl:template match="tei:q" mode="text-inline">“<xsl:apply-templates mode="text-inline"/>”</xsl:template>
  <xsl:template match="tei:lb" mode="text-inline"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="tei:pb" mode="text-inline"> [<xsl:value-of select="e:page-label(.) || e:facs-text(.)"/>] </xsl:template>
  <!-- inside a word (break="no"): the line break joins it, a page break stands in it -->
  <xsl:template match="tei:lb[@break = 'no']" mode="text-inline" priority="1"/>
  <xsl:template match="tei:pb[@break = 'no']" mode="text-inline" priority="1">[<xsl:value-of select="e:page-label(.) || e:facs-text(.)"/>]</xsl:template>
  <xsl:template match="tei:del" mode="text-inline">[<xsl:value-of select="e:label('inline-deleted')"/>: <xsl:apply-templates mode="text-inline"/>]</xsl:template>
  <xsl:template match="tei:add" mode="text-inline">[<xsl:value-of select="e:label('inline-added')"/><xsl:value-of select="e:place-label(@place) ! (' ' || .)"/>: <xsl:apply-templates mode="text-inline"/>]</xsl:template>
  <xsl:template match="tei:foreign" mode="text-inline"><xsl:apply-templates mode="text-inline"/> ⟨<xsl:value-of select="e:language-name(@xml:lang)"/>⟩</xsl:template>
  <!-- a link shows where it leads when that is a web address; an unsafe one is only its text -->
  <xsl:template match="tei:ref" mode="text-inline">
    <xsl:variable name="href" select="e:href(., tokenize(normalize-space(@target), ' ')[1])"/>
    <xsl:apply-templates mode="text-inline"/>
    <xsl:if test="matches($href, '^(https?|mailto):', 'i')"> ⟨<xsl:value-of select="$href"/>⟩</xsl:if>
  </xsl:template>
  <xsl:template match="tei:p[ancestor::tei:note]" mode="text-inline"><xsl:apply-templates mode="text-inline"/><xsl:text> </xsl:text></xsl:template>

  <!-- Elements the HTML edition marks up (names, dates, emphasis, titles, a stage direction or a
       paragraph inside a line, a note that is not a footnote) are their text here, by design -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:date | tei:hi | tei:emph
      | tei:title | tei:stage | tei:speaker | tei:note | tei:p" mode="text-inline">
    <xsl:apply-templates mode="text-inline"/>
  </xsl:template>

  <!-- a date that gives only its value: written out in the interface language -->
  <xsl:template match="tei:date[normalize-space(.) = ''][@when | @from | @notBefore]" mode="text-inline">
    <xsl:value-of select="e:date-shown(.)"/>
  </xsl:template>

  <!-- any other element: its text (and said: common/functions/unstyled.xsl) -->
  <xsl:template match="*" mode="text-inline" priority="-1">
    <xsl:call-template name="e:no-rule"><xsl:with-param name="format" select="'text'"/></xsl:call-template>
    <xsl:apply-templates mode="text-inline"/>
  </xsl:template>

</xsl:stylesheet>
