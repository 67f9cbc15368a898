<?xml version="1.0" encoding="UTF-8"?>
<!--
  The text edition of every TEI element that can hold text, beyond the edition's own conventions
  (formats/text.xsl), as formats/html/tei.xsl renders them in HTML: the same kinds of element
  (common/functions/elements.xsl), the same signs in the same brackets, every word.

  Two modes: text-block (a block: paragraphs, wrapped, a blank line after each) and text-inline
  (the running text inside a paragraph). A block inside running text is its text there, with a
  space on each side; a phrase at block level is a paragraph of its own.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="text-block">

  <!-- text-ms: the parts of a manuscript description -->
  <xsl:mode name="text-ms" on-no-match="fail"/>

  <!-- ===================================================== blocks that hold blocks -->

  <xsl:template match="tei:group | tei:text | tei:floatingText | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5
      | tei:div6 | tei:div7 | tei:titlePage | tei:docTitle | tei:argument | tei:epigraph | tei:postscript | tei:spGrp
      | tei:noteGrp | tei:listApp | tei:sourceDoc | tei:surfaceGrp | tei:surface | tei:zone | tei:performance | tei:set
      | tei:prologue | tei:epilogue" mode="text-block">
    <xsl:call-template name="e:text-mixed"/>
  </xsl:template>

  <!-- a document of a corpus: its title as a heading, then its text -->
  <xsl:template match="tei:TEI | tei:teiCorpus" mode="text-block">
    <xsl:value-of select="e:heading(normalize-space((tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title)[1]), '-')"/>
    <xsl:for-each select="tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[position() gt 1]">
      <xsl:value-of select="e:para-inline(node())"/>
    </xsl:for-each>
    <xsl:apply-templates select="tei:text, tei:sourceDoc, tei:TEI, tei:teiCorpus" mode="text-block"/>
  </xsl:template>

  <!-- headings: of a division, a text, a cast list, verse... as headings; others a line of their own -->
  <xsl:template match="tei:head[parent::tei:div1 | parent::tei:div2 | parent::tei:div3 | parent::tei:div4
      | parent::tei:div5 | parent::tei:div6 | parent::tei:div7 | parent::tei:front | parent::tei:body
      | parent::tei:back | parent::tei:group | parent::tei:castList | parent::tei:lg[not(ancestor::tei:sp)]]
      | tei:titlePart[not(@type) or @type = 'main'][not(preceding-sibling::tei:titlePart[not(@type) or @type = 'main'])]
      | tei:docTitle/tei:titlePart[1][not(../tei:titlePart[@type = 'main'])]" mode="text-block" priority="2">
    <xsl:value-of select="e:heading(e:inline(node()), '-')"/>
  </xsl:template>

  <xsl:template match="tei:head | tei:titlePart | tei:byline | tei:docAuthor | tei:docDate | tei:docEdition
      | tei:docImprint | tei:imprimatur | tei:trailer | tei:meeting | tei:ab | tei:addrLine | tei:caption
      | tei:figDesc | tei:item | tei:label | tei:headLabel | tei:headItem | tei:line" mode="text-block">
    <xsl:call-template name="e:text-mixed"/>
  </xsl:template>

  <!-- an address: one line a part -->
  <xsl:template match="tei:address" mode="text-block">
    <xsl:value-of select="string-join(* ! e:wrap-inline(., ''), $e:NL) || $e:NL || $e:NL"/>
  </xsl:template>

  <!-- an utterance: as a speech, the speaker (from @who) first -->
  <xsl:template match="tei:u" mode="text-block">
    <xsl:call-template name="e:text-mixed">
      <xsl:with-param name="lead" select="if (@who) then e:who-name(.) || ':' else ''"/>
    </xsl:call-template>
  </xsl:template>

  <!-- a gesture, a sound, an incident between blocks: a stage direction of its own -->
  <xsl:template match="tei:kinesic | tei:vocal | tei:incident | tei:pause | tei:shift | tei:move | tei:writing
      | tei:camera | tei:sound | tei:tech | tei:view" mode="text-block">
    <xsl:value-of select="e:para-inline(.)"/>
  </xsl:template>

  <!-- ===================================================== lists -->

  <!-- a list: its heading, then an item a line, with a hanging "- " (or its number); a list of
       labels and items: "label  item" -->
  <xsl:template match="tei:list | tei:listRelation | tei:listEvent | tei:listObject | tei:listNym | tei:listOrg
      | tei:listPlace | tei:listPerson | tei:listRef | tei:listChange | tei:listAnnotation | tei:listForest
      | tei:listTranspose | tei:specList | tei:castList | tei:castGroup" mode="text-block">
    <xsl:param name="indent" as="xs:string" select="''" tunnel="yes"/>
    <xsl:variable name="ordered" select="self::tei:list and (@type = ('ordered', 'numbered', 'enumerated') or contains(@rend, 'numbered')
        or contains(@rend, 'ordered') or contains(@rend, 'decimal'))"/>
    <xsl:apply-templates select="tei:head | tei:desc | tei:roleDesc[parent::tei:castGroup]" mode="text-block"/>
    <xsl:for-each select="* except (tei:head | tei:desc | tei:roleDesc[parent::tei:castGroup])">
      <xsl:choose>
        <!-- a label and the item after it: "label  item" -->
        <xsl:when test="(self::tei:label | self::tei:headLabel) and following-sibling::*[1][self::tei:item | self::tei:headItem]"/>
        <xsl:when test="(self::tei:item | self::tei:headItem) and preceding-sibling::*[1][self::tei:label | self::tei:headLabel]">
          <xsl:value-of select="e:hang($indent || e:inline(preceding-sibling::*[1]/node()) || '  ', e:inline(node()))"/>
        </xsl:when>
        <xsl:when test="self::tei:label | self::tei:headLabel">
          <xsl:value-of select="e:wrap-inline(., $indent) || $e:NL"/>
        </xsl:when>
        <xsl:when test="self::tei:pb | self::tei:lb | self::tei:anchor | self::tei:milestone | self::tei:cb">
          <xsl:apply-templates select="." mode="text-block"/>
        </xsl:when>
        <xsl:when test="self::tei:list | self::tei:castGroup">
          <xsl:apply-templates select="." mode="text-block"><xsl:with-param name="indent" select="$indent || '  '" tunnel="yes"/></xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="mark" select="if ($ordered) then (normalize-space(@n)[. != ''], string(count(preceding-sibling::tei:item) + 1))[1] || '. ' else '- '"/>
          <xsl:value-of select="e:hang($indent || $mark, if (self::tei:item) then e:inline(node()) else e:inline(.))"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:if test="$indent = ''"><xsl:value-of select="$e:NL"/></xsl:if>
  </xsl:template>

  <!-- the witnesses: "siglum  description" -->
  <xsl:template match="tei:listWit" mode="text-block">
    <xsl:apply-templates select="tei:head" mode="text-block"/>
    <xsl:for-each select="tei:witness | tei:listWit">
      <xsl:variable name="siglum" select="if (@xml:id) then e:siglum(., '#' || @xml:id) else string((tei:abbr[@type = 'siglum'], @n)[1])"/>
      <xsl:value-of select="e:hang($siglum || '  ', if (self::tei:listWit) then e:inline(*) else e:inline(node() except tei:abbr[@type = 'siglum'][1]))"/>
    </xsl:for-each>
    <xsl:value-of select="$e:NL"/>
  </xsl:template>

  <!-- ===================================================== quotations, figures, examples -->

  <!-- a quotation that holds blocks or stands between blocks: indented -->
  <xsl:template match="tei:quote | tei:q | tei:said | tei:cit" mode="text-block">
    <xsl:variable name="inner"><xsl:call-template name="e:text-mixed"/></xsl:variable>
    <xsl:value-of select="string-join(tokenize(string($inner), $e:NL) ! (if (. = '') then . else '    ' || .), $e:NL)"/>
  </xsl:template>

  <!-- a figure: "[Figure: its heading, caption and description]", then its image's address -->
  <xsl:template match="tei:figure" mode="text-block">
    <xsl:value-of select="e:para('[' || e:label('figure') || ': ' || e:inline(* except tei:figure) || ']')"/>
    <xsl:apply-templates select="tei:figure" mode="text-block"/>
  </xsl:template>
  <xsl:template match="tei:graphic | tei:media" mode="text-block">
    <xsl:value-of select="e:para-inline(.)"/>
  </xsl:template>

  <xsl:template match="tei:eg | *:egXML" mode="text-block">
    <xsl:variable name="code" select="if (self::tei:eg) then string(.) else serialize(node(), map { 'method': 'xml', 'omit-xml-declaration': true() })"/>
    <xsl:value-of select="string-join(tokenize($code, '\r?\n')[normalize-space()] ! ('    ' || .), $e:NL) || $e:NL || $e:NL"/>
  </xsl:template>

  <!-- ===================================================== milestones between blocks -->

  <xsl:template match="tei:cb | tei:gb | tei:milestone | tei:handShift | tei:addSpan | tei:delSpan | tei:damageSpan
      | tei:space | tei:fw | tei:note | tei:app | tei:metamark" mode="text-block">
    <xsl:variable name="t" select="e:inline(.)"/>
    <xsl:if test="$t != ''"><xsl:value-of select="e:para($t)"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:redo | tei:undo | tei:substJoin | tei:join | tei:joinGrp | tei:link | tei:linkGrp
      | tei:alt | tei:altGrp | tei:timeline | tei:when | tei:lacunaStart | tei:lacunaEnd | tei:witStart | tei:witEnd
      | tei:transpose | tei:divGen | tei:ptr[not(@target)] | tei:caesura" mode="text-block">
    <xsl:apply-templates select="*" mode="text-block"/>
  </xsl:template>

  <!-- ===================================================== records, descriptions and references -->

  <!-- a manuscript description in the text (a catalogue record) or a part of one -->
  <xsl:template match="tei:msDesc | tei:msPart | tei:msFrag" mode="text-block">
    <xsl:apply-templates select="*" mode="text-ms"/>
  </xsl:template>

  <xsl:template match="tei:msIdentifier | tei:altIdentifier" mode="text-ms">
    <xsl:variable name="line" select="string-join(*[not(self::tei:altIdentifier | self::tei:msName)] ! e:inline(.), ', ')
        || string-join(tei:msName ! (' ' || e:inline(.)))"/>
    <xsl:value-of select="if (self::tei:altIdentifier) then e:field(e:field-label(.), $line) else e:para($line)"/>
    <xsl:apply-templates select="tei:altIdentifier" mode="text-ms"/>
  </xsl:template>
  <xsl:template match="tei:p | tei:ab | tei:head" mode="text-ms">
    <xsl:value-of select="e:para-inline(node())"/>
  </xsl:template>
  <xsl:template match="tei:msPart | tei:msFrag | tei:msDesc | tei:listBibl | tei:list | tei:table | tei:figure
      | tei:listWit | tei:lg | tei:quote | tei:cit | tei:pb | tei:lb | tei:graphic" mode="text-ms">
    <xsl:apply-templates select="." mode="text-block"/>
  </xsl:template>
  <!-- a part of parts: its label, then its parts; a part with text: "Label: text" -->
  <xsl:template match="*" mode="text-ms">
    <xsl:choose>
      <xsl:when test="text()[normalize-space()] or not(*)">
        <xsl:value-of select="e:field(e:field-label(.) || (@type[. != ''] ! (' (' || . || ')')), e:joined-text(.))"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- its label on a line of its own, its parts under it; a blank line after a part of the whole -->
        <xsl:value-of select="e:wrap(e:field-label(.) || string-join((@n, @defective[. = 'true']) ! (' ' || .)), '') || $e:NL"/>
        <xsl:for-each select="@form | @material | @scope | @type[not(parent::tei:msItem)]">
          <xsl:value-of select="e:field(e:label('ms-' || local-name()), string(.))"/>
        </xsl:for-each>
        <xsl:apply-templates select="*" mode="text-ms"/>
        <xsl:if test="parent::tei:msDesc | parent::tei:msPart | parent::tei:msFrag"><xsl:value-of select="$e:NL"/></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a list of references: its heading, then a reference a paragraph, hanging -->
  <xsl:template match="tei:listBibl" mode="text-block">
    <xsl:choose>
      <xsl:when test="parent::tei:back">
        <xsl:value-of select="e:heading(upper-case((tei:head[1]/normalize-space(), e:label(if (@type) then string(@type) else 'bibliography'))[1]), '-')"/>
        <xsl:apply-templates select="tei:head[position() gt 1]" mode="text-block"/>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="tei:head" mode="text-block"/></xsl:otherwise>
    </xsl:choose>
    <xsl:for-each select="* except tei:head">
      <xsl:choose>
        <xsl:when test="self::tei:listBibl | self::tei:msDesc"><xsl:apply-templates select="." mode="text-block"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="e:hang('- ', e:inline(.))"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:value-of select="$e:NL"/>
  </xsl:template>

  <!-- a record (a person, a place, an entry of a dictionary...) and the header's parts in the text:
       its text as it is, or its parts, one a paragraph, facts with their labels -->
  <xsl:template match="tei:*[map:contains($e:records, local-name())]" mode="text-block" priority="-0.1">
    <xsl:call-template name="e:text-record"/>
  </xsl:template>
  <xsl:template match="tei:castItem | tei:biblStruct | tei:bibl" mode="text-block">
    <xsl:call-template name="e:text-record"/>
  </xsl:template>
  <xsl:template name="e:text-record">
    <xsl:choose>
      <xsl:when test="text()[normalize-space()] or self::tei:castItem or self::tei:biblStruct or self::tei:bibl
          or not(some $c in * satisfies e:is-block($c))">
        <xsl:value-of select="e:para(string-join((@n[not(../tei:head)], e:inline(.)), ' '))"/>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="e:text-mixed"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a fact with its label, at block level -->
  <xsl:template match="tei:*[map:contains($e:fields, local-name())]" mode="text-block" priority="-0.1">
    <xsl:value-of select="e:field(e:field-label(.) || (@type[. != ''] ! (' (' || . || ')')), e:joined-text(.))"/>
  </xsl:template>

  <!-- any other TEI element at block level (a phrase, a sign): a paragraph of its own, as its rule in
       the line renders it (which says when it has none: common/functions/unstyled.xsl) -->
  <xsl:template match="tei:*" mode="text-block" priority="-0.4">
    <xsl:value-of select="e:para-inline(.)"/>
  </xsl:template>

  <!-- not shown (edition/render/words.py, NOT_SHOWN): binary data encoded as text, and the terms of
       an index entry -->
  <xsl:template match="tei:binaryObject | tei:index" mode="text-block text-inline text-ms" priority="2"/>

  <!-- ===================================================== inline -->

  <!-- a block inside running text: its text, apart from the words around it -->
  <xsl:template match="tei:*[map:contains($e:blocks-in-line, local-name())]" mode="text-inline" priority="-0.05">
    <xsl:text> </xsl:text>
    <xsl:call-template name="e:inline-joined"/>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:u[@who]" mode="text-inline" priority="1"> <xsl:value-of select="e:who-name(.)"/>: <xsl:apply-templates mode="text-inline"/><xsl:text> </xsl:text></xsl:template>

  <!-- the signs of speech and performance: in brackets, as stage directions -->
  <xsl:template match="tei:kinesic | tei:vocal | tei:incident | tei:pause | tei:shift | tei:move | tei:writing
      | tei:camera | tei:sound | tei:tech | tei:view" mode="text-inline">
    <xsl:text>(</xsl:text>
    <xsl:choose>
      <xsl:when test="normalize-space(.) or *"><xsl:apply-templates mode="text-inline"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="lower-case(e:field-label(.)) || (@type ! (': ' || .))"/></xsl:otherwise>
    </xsl:choose>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- quotations in the line -->
  <xsl:template match="tei:quote | tei:said[not(@direct = 'false')]" mode="text-inline">“<xsl:apply-templates mode="text-inline"/>”</xsl:template>
  <xsl:template match="tei:said | tei:soCalled | tei:mentioned | tei:gloss | tei:distinct | tei:role | tei:roleDesc
      | tei:actor | tei:licence | tei:lem | tei:rdg | tei:rdgGrp | tei:witDetail | tei:rb" mode="text-inline">
    <xsl:apply-templates mode="text-inline"/>
  </xsl:template>
  <xsl:template match="tei:cit" mode="text-inline"><xsl:call-template name="e:inline-joined"><xsl:with-param name="separator" select="' '"/></xsl:call-template></xsl:template>

  <!-- figures and images in the line -->
  <xsl:template match="tei:figure" mode="text-inline" priority="1"> [<xsl:value-of select="e:label('figure') || ': ' || e:inline(*)"/>] </xsl:template>
  <xsl:template match="tei:graphic | tei:media" mode="text-inline">
    <xsl:variable name="url" select="normalize-space(@url)"/>
    <xsl:variable name="image" select="e:graphic-image(.)"/>
    <xsl:text>⟨</xsl:text><xsl:value-of select="e:label('image') || ($image?full, $url)[. != ''][1] ! (': ' || .)"/><xsl:text>⟩</xsl:text>
    <xsl:apply-templates select="tei:desc" mode="text-inline"/>
  </xsl:template>

  <!-- a note in the margin, in the line -->
  <xsl:template match="tei:note[not(e:is-footnote(.))][e:in-margin(.)]" mode="text-inline" priority="1"> [<xsl:value-of select="e:label('margin-note')"/>: <xsl:apply-templates mode="text-inline"/>] </xsl:template>
  <xsl:template match="tei:note[e:is-footnote(.)][e:note-at-anchor(.)]" mode="text-inline" priority="1"/>

  <!-- an anchor that footnotes or apparatus entries point at: their markers -->
  <xsl:template match="tei:anchor" mode="text-inline">
    <xsl:if test="@xml:id">
      <xsl:for-each select="key('e:note-by-target', '#' || @xml:id)[e:is-footnote(.)]">[<xsl:value-of select="e:note-number(.)"/>]</xsl:for-each>
      <xsl:for-each select="key('e:app-by-end', '#' || @xml:id)[e:app-label(.) != '']">[<xsl:value-of select="e:app-label(.)"/>]</xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- the critical apparatus: the reading that stands in the text, and its entry's marker; an entry
       between blocks, where it stands -->
  <xsl:template match="tei:app[e:app-inline(.) or ancestor::tei:rdg]" mode="text-inline" priority="1">
    <xsl:apply-templates select="e:base-reading(.)/node()" mode="text-inline"/>
    <xsl:variable name="label" select="e:app-label(.)"/>
    <xsl:if test="$label != ''">[<xsl:value-of select="$label"/>]</xsl:if>
  </xsl:template>
  <xsl:template match="tei:app[@from][e:app-anchored(.)]" mode="text-inline" priority="2"/>
  <xsl:template match="tei:app" mode="text-inline"> <xsl:value-of select="e:app-entry(.)"/> </xsl:template>

  <!-- milestones in the line -->
  <xsl:template match="tei:cb | tei:gb | tei:milestone" mode="text-inline">
    <xsl:variable name="label" select="e:milestone-label(.)"/>
    <xsl:if test="$label != ''">[<xsl:value-of select="$label"/>]</xsl:if>
  </xsl:template>
  <xsl:template match="tei:fw" mode="text-inline"> [<xsl:value-of select="e:fw-label(.)"/>: <xsl:apply-templates mode="text-inline"/>] </xsl:template>
  <xsl:template match="tei:handShift" mode="text-inline">[<xsl:value-of select="e:hand-label(.)"/>]</xsl:template>
  <xsl:template match="tei:space" mode="text-inline">[<xsl:value-of select="e:space-text(.)"/>]</xsl:template>
  <xsl:template match="tei:addSpan | tei:delSpan | tei:damageSpan" mode="text-inline">[<xsl:value-of select="e:label('title-' || local-name())"/>]</xsl:template>
  <xsl:template match="tei:caesura" mode="text-inline"> ‖ </xsl:template>
  <xsl:template match="tei:redo | tei:undo | tei:substJoin | tei:join | tei:joinGrp | tei:link | tei:linkGrp
      | tei:alt | tei:altGrp | tei:timeline | tei:when | tei:lacunaStart | tei:lacunaEnd | tei:witStart | tei:witEnd
      | tei:listTranspose | tei:transpose | tei:divGen | tei:ptr[not(@target)]" mode="text-inline">
    <xsl:apply-templates select="*" mode="text-inline"/>
  </xsl:template>
  <xsl:template match="tei:ptr" mode="text-inline">⟨<xsl:value-of select="tokenize(normalize-space(@target), ' ')[1]"/>⟩</xsl:template>

  <!-- signs of transcription -->
  <xsl:template match="tei:surplus" mode="text-inline">{<xsl:apply-templates mode="text-inline"/>}</xsl:template>
  <xsl:template match="tei:secl" mode="text-inline">⟦<xsl:apply-templates mode="text-inline"/>⟧</xsl:template>
  <xsl:template match="tei:ex" mode="text-inline">(<xsl:apply-templates mode="text-inline"/>)</xsl:template>
  <xsl:template match="tei:metamark" mode="text-inline">[<xsl:apply-templates mode="text-inline"/>]</xsl:template>
  <xsl:template match="tei:damage | tei:restore | tei:retrace | tei:mod | tei:am | tei:subst | tei:corr | tei:reg
      | tei:orig | tei:abbr | tei:expan" mode="text-inline">
    <xsl:apply-templates mode="text-inline"/>
  </xsl:template>
  <xsl:template match="tei:sic" mode="text-inline"><xsl:apply-templates mode="text-inline"/> [sic]</xsl:template>
  <xsl:template match="tei:choice" mode="text-inline">
    <xsl:apply-templates select="*[1]" mode="text-inline"/>
    <xsl:for-each select="subsequence(*, 2)"> ⟨<xsl:apply-templates select="." mode="text-inline"/>⟩</xsl:for-each>
  </xsl:template>
  <xsl:template match="tei:choice/tei:sic | tei:choice/tei:corr | tei:choice/tei:reg | tei:choice/tei:orig
      | tei:choice/tei:abbr | tei:choice/tei:expan" mode="text-inline" priority="1">
    <xsl:apply-templates mode="text-inline"/>
  </xsl:template>
  <xsl:template match="tei:g[not(normalize-space(.))]" mode="text-inline">
    <xsl:variable name="glyph" select="key('element-by-id', substring-after(@ref, '#'))[1]"/>
    <xsl:value-of select="(($glyph/tei:mapping[@type = ('standard', 'normalized', 'normalised')], $glyph/tei:mapping)[1], '◦')[1][$glyph]"/>
  </xsl:template>
  <xsl:template match="tei:ruby" mode="text-inline"><xsl:apply-templates select="tei:rb" mode="text-inline"/>(<xsl:apply-templates select="tei:rt" mode="text-inline"/>)</xsl:template>
  <xsl:template match="tei:rt" mode="text-inline"><xsl:apply-templates mode="text-inline"/></xsl:template>

  <!-- code, names of elements and attributes, values -->
  <xsl:template match="tei:code | tei:ident" mode="text-inline"><xsl:apply-templates mode="text-inline"/></xsl:template>
  <xsl:template match="tei:gi | tei:tag" mode="text-inline">&lt;<xsl:apply-templates mode="text-inline"/>&gt;</xsl:template>
  <xsl:template match="tei:att" mode="text-inline">@<xsl:apply-templates mode="text-inline"/></xsl:template>
  <xsl:template match="tei:val" mode="text-inline">"<xsl:apply-templates mode="text-inline"/>"</xsl:template>
  <xsl:template match="*:egXML" mode="text-inline"><xsl:value-of select="serialize(node(), map { 'method': 'xml', 'omit-xml-declaration': true() })"/></xsl:template>

  <!-- phrases: their text; the parts of a phrase made only of parts, separated -->
  <xsl:template match="tei:*[map:contains($e:phrases, local-name()) or map:contains($e:records, local-name())]" mode="text-inline" priority="-0.1">
    <xsl:call-template name="e:text-phrase"/>
  </xsl:template>
  <xsl:template match="tei:affiliation[not(parent::tei:person)] | tei:analytic | tei:monogr | tei:bibl | tei:biblStruct
      | tei:listChange | tei:figDesc | tei:headItem | tei:headLabel | tei:performance | tei:set | tei:prologue | tei:epilogue" mode="text-inline">
    <xsl:call-template name="e:text-phrase"/>
  </xsl:template>
  <xsl:template name="e:text-phrase">
    <xsl:call-template name="e:inline-joined">
      <xsl:with-param name="separator" select="if (self::tei:biblStruct) then '. ' else e:separator(.)"/>
    </xsl:call-template>
    <xsl:value-of select="self::tei:dimensions/@unit ! (' ' || .)"/>
  </xsl:template>

  <!-- a fact with its label, in the line -->
  <xsl:template match="tei:*[map:contains($e:fields, local-name())]" mode="text-inline" priority="-0.1">
    <xsl:value-of select="' ' || e:field-label(.) || (@type[. != ''] ! (' (' || . || ')')) || ': '"/>
    <xsl:call-template name="e:inline-joined"/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- The children of an element in the line: as they are when it has text of its own between
       them; separated (", ") when it is made only of parts -->
  <xsl:template name="e:inline-joined">
    <xsl:param name="separator" as="xs:string" select="', '"/>
    <xsl:choose>
      <xsl:when test="self::tei:xenoData"><xsl:value-of select="serialize(node(), map { 'method': 'xml', 'omit-xml-declaration': true() })"/></xsl:when>
      <xsl:when test="text()[normalize-space()] or count(*) le 1"><xsl:apply-templates mode="text-inline"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="*">
          <xsl:if test="position() gt 1 and not(self::tei:note[e:is-footnote(.)] | self::tei:lb | self::tei:pb | self::tei:anchor)">
            <xsl:value-of select="$separator"/>
          </xsl:if>
          <xsl:apply-templates select="." mode="text-inline"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a fact's value as text: its parts separated when it is made only of parts -->
  <xsl:function name="e:joined-text" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="t" as="item()*"><xsl:for-each select="$el"><xsl:call-template name="e:inline-joined"/></xsl:for-each></xsl:variable>
    <xsl:sequence select="normalize-space(string-join($t))"/>
  </xsl:function>
</xsl:stylesheet>
