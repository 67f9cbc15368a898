<?xml version="1.0" encoding="UTF-8"?>
<!--
  What both formats say of the signs of a transcription: milestones (columns, gatherings,
  sections), forme work, hands, spaces, additions' places, notes in the margin, the speaker of an
  utterance, heading levels, verse line numbers; and page images (facsimiles): the address of a
  page break's image, and its thumbnail when it is an image or a IIIF Image API service (composed
  from the address: nothing is fetched).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- a column, gathering or other milestone: "column 2", "section 3"; '' when it says nothing -->
  <xsl:function name="e:milestone-label" as="xs:string">
    <xsl:param name="m" as="element()"/>
    <xsl:variable name="unit" select="if ($m/self::tei:cb) then e:label('column') else if ($m/self::tei:gb) then e:label('gathering')
        else normalize-space($m/@unit)"/>
    <xsl:sequence select="if ($m/self::tei:milestone and empty($m/@n)) then ''
        else normalize-space(string-join(($unit, $m/@n), ' '))"/>
  </xsl:function>

  <!-- what a piece of forme work is: "running head", "catchword" -->
  <xsl:function name="e:fw-label" as="xs:string">
    <xsl:param name="fw" as="element(tei:fw)"/>
    <xsl:variable name="type" select="lower-case(normalize-space($fw/@type))"/>
    <xsl:sequence select="
        if ($type = ('header', 'head', 'running-head', 'runninghead', 'runhead', 'running_head')) then e:label('fw-header')
        else if ($type = ('catch', 'catchword', 'catchwords')) then e:label('fw-catch')
        else if ($type = ('sig', 'signature', 'signatures')) then e:label('fw-sig')
        else if ($type = ('pagenum', 'pageno', 'pagenumber', 'folnum', 'page-number')) then e:label('fw-pageNum')
        else if ($type = ('linenum', 'lineno')) then e:label('fw-lineNum')
        else e:label('fw')"/>
  </xsl:function>

  <!-- a change of hand: "hand: the scribe's second hand", from the handNote it points to -->
  <xsl:function name="e:hand-label" as="xs:string">
    <xsl:param name="shift" as="element(tei:handShift)"/>
    <xsl:variable name="id" select="substring-after(normalize-space($shift/@new), '#')"/>
    <xsl:variable name="note" select="key('element-by-id', $id, root($shift))[self::tei:handNote][1]"/>
    <xsl:variable name="said" select="($note ! e:snippet(., 12), normalize-space($shift/@new), normalize-space($shift/@scribe))[. != ''][1]"/>
    <xsl:sequence select="string-join((e:label('hand'), $said), ': ')"/>
  </xsl:function>

  <!-- a space left in the source: "space, 3 characters" -->
  <xsl:function name="e:space-text" as="xs:string">
    <xsl:param name="space" as="element(tei:space)"/>
    <xsl:variable name="extent" select="if ($space/@quantity) then string-join(($space/@quantity, $space/@unit), ' ') else normalize-space($space/@extent)"/>
    <xsl:sequence select="string-join((e:label('space'), $extent[. != '']), ', ')"/>
  </xsl:function>

  <!-- an addition's place, as a reader says it: "above the line", "in the margin" -->
  <xsl:function name="e:place-label" as="xs:string?">
    <xsl:param name="place" as="xs:string?"/>
    <xsl:variable name="p" select="lower-case(normalize-space($place))"/>
    <xsl:sequence select="
        if ($p = '') then ()
        else if ($p = ('above', 'supralinear', 'sup', 'over')) then e:label('place-above')
        else if ($p = ('below', 'infralinear', 'sub', 'under')) then e:label('place-below')
        else if (starts-with($p, 'margin') or $p = ('left', 'right', 'outer', 'inner')) then e:label('place-margin')
        else if ($p = ('top', 'header')) then e:label('place-top')
        else if ($p = ('bottom', 'foot', 'footer')) then e:label('place-bottom')
        else if ($p = ('inline', 'intralinear', 'inspace')) then e:label('place-inline')
        else if ($p = ('overstrike', 'overwritten')) then e:label('place-overstrike')
        else $p"/>
  </xsl:function>

  <!-- whether a note is set in the margin (or in the line), rather than at the foot -->
  <xsl:function name="e:in-margin" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="p" select="lower-case(normalize-space($note/@place))"/>
    <xsl:sequence select="starts-with($p, 'margin') or $p = ('left', 'right', 'inline', 'interlinear', 'opposite',
        'overleaf', 'above', 'below', 'top', 'outer', 'inner')"/>
  </xsl:function>

  <!-- who speaks an utterance: the declared person's name, or the pointer's id -->
  <xsl:function name="e:who-name" as="xs:string">
    <xsl:param name="u" as="element()"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($u/@who)) ! (
        let $person := key('element-by-id', substring-after(., '#'), root($u))[1]
        return if ($person/(tei:persName, tei:name, tei:orgName)) then normalize-space(($person/(tei:persName, tei:name, tei:orgName))[1])
        else replace(., '^#', '')), ', ')"/>
  </xsl:function>

  <!-- the level of a heading: one below the division (or text of a group) it heads, from 3 (the
       page's title is 1, its sections 2), at most 6 -->
  <xsl:function name="e:heading-level" as="xs:integer">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="sections" select="$el/ancestor::*[self::tei:div | self::tei:div1 | self::tei:div2 | self::tei:div3
        | self::tei:div4 | self::tei:div5 | self::tei:div6 | self::tei:div7 | self::tei:lg | self::tei:castList
        | self::tei:text[parent::tei:group or parent::tei:floatingText]]"/>
    <xsl:sequence select="min((6, 2 + max((1, count($sections)))))"/>
  </xsl:function>

  <!-- the level of the headings inside an element that is not a division (a description, a
       record): one below the headings of the divisions around it -->
  <xsl:function name="e:inner-heading-level" as="xs:integer">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="sections" select="$el/ancestor::*[self::tei:div | self::tei:div1 | self::tei:div2 | self::tei:div3
        | self::tei:div4 | self::tei:div5 | self::tei:div6 | self::tei:div7 | self::tei:lg | self::tei:castList
        | self::tei:text[parent::tei:group or parent::tei:floatingText]]"/>
    <xsl:sequence select="min((6, 3 + count($sections)))"/>
  </xsl:function>

  <!-- The number a verse line shows: its own @n when that is a number, else its place among the
       lines of its division (every fifth is shown: e:line-number-shown) -->
  <xsl:accumulator name="e:line-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7
        | tei:text | tei:lg[not(ancestor::tei:lg)][not(ancestor::tei:div | ancestor::tei:div1 | ancestor::tei:div2)]" select="0"/>
    <xsl:accumulator-rule match="tei:l" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:function name="e:line-number" as="xs:string?">
    <xsl:param name="l" as="element(tei:l)"/>
    <xsl:variable name="n" select="normalize-space($l/@n)"/>
    <xsl:variable name="last" select="tokenize($n, '\.')[last()]"/>
    <xsl:sequence select="
        if ($n != '') then (if ($last castable as xs:integer and xs:integer($last) mod 5 = 0 and xs:integer($last) gt 0) then $last else ())
        else (let $count := $l/accumulator-before('e:line-count') return if ($count mod 5 = 0) then string($count) else ())"/>
  </xsl:function>

  <!-- A line break inside a word (lb break="no") joins it: the layout whitespace of the text around
       it is no space between words. The text on each side of one, without that whitespace. -->
  <xsl:template match="text()[following-sibling::node()[1][self::tei:lb[@break = 'no']]]
      | text()[preceding-sibling::node()[1][self::tei:lb[@break = 'no']]]" mode="html text-inline reading">
    <xsl:variable name="t" select="if (following-sibling::node()[1][self::tei:lb[@break = 'no']]) then replace(., '\s+$', '') else string(.)"/>
    <xsl:value-of select="if (preceding-sibling::node()[1][self::tei:lb[@break = 'no']]) then replace($t, '^\s+', '') else $t"/>
  </xsl:template>

  <!-- ===================================================== facsimiles -->

  <!-- The image of a page break (@facs): its address and, when it is an image, a thumbnail:
       map { 'full': address to link, 'thumb': image to show (absent when it is no image) }.
       @facs may point to a surface or a zone of the facsimile ("#f1": its first graphic), or be an
       address itself. () when it leads to nothing that can be a link. -->
  <xsl:function name="e:facs" as="map(xs:string, xs:string)?">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="facs" select="tokenize(normalize-space($el/@facs))[1]"/>
    <xsl:variable name="target" select="if (starts-with($facs, '#')) then key('element-by-id', substring($facs, 2), root($el))[1] else ()"/>
    <xsl:variable name="graphic" select="($target/descendant-or-self::tei:graphic, $target/ancestor::tei:surface/tei:graphic)[1]"/>
    <xsl:variable name="url" select="if (exists($graphic)) then normalize-space($graphic/@url)
        else if (starts-with($facs, '#')) then normalize-space($target/@facs) else $facs"/>
    <xsl:sequence select="
        if (exists($graphic)) then (e:graphic-image($graphic), e:link($url))[1]
        else if ($url = '' or starts-with($url, '#')) then ()
        else (e:image($url), e:link($url))[1]"/>
  </xsl:function>

  <!-- a web address as a link without an image -->
  <xsl:function name="e:link" as="map(xs:string, xs:string)?">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="map { 'full': $url }[matches($url, '^https?://', 'i') and e:safe-href($url)]"/>
  </xsl:function>

  <!-- An address as an image: map { 'full', 'thumb' }, or () when it is none. An image file
       (jpg, png, gif, webp, svg, avif) is its own thumbnail; a IIIF Image API request
       (.../full/.../default.jpg) is shown at 240 pixels; a IIIF Image API service (its base, or
       its info.json; graphic/@mimeType application/json says so) gives both by the API's URL
       syntax. Only web addresses: a relative one names a file the edition does not publish. -->
  <xsl:function name="e:image" as="map(xs:string, xs:string)?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="u" select="normalize-space($url)"/>
    <xsl:variable name="service" select="if (matches($u, '/info\.json$')) then replace($u, '/info\.json$', '') else ()"/>
    <xsl:variable name="iiif-request" select="matches($u, '/(full|square|\d+,\d+,\d+,\d+|pct:[\d.,]+)/(full|max|\^?!?\d*,\d*|pct:[\d.]+)/!?\d+(\.\d+)?/(default|native|color|gray|grey|bitonal)\.(jpe?g|png|gif|webp|tif)$', 'i')"/>
    <xsl:sequence select="
        if (not(matches($u, '^https?://', 'i')) or not(e:safe-href($u))) then ()
        else if ($iiif-request) then map { 'full': $u, 'thumb': replace($u, '/(full|max|\^?!?\d*,\d*|pct:[\d.]+)/(!?\d+(\.\d+)?)/(default|native|color|gray|grey|bitonal)\.([a-z]+)$', '/!240,240/$2/$4.$5', 'i') }
        else if (exists($service)) then e:iiif($service)
        else if (matches($u, '\.(jpe?g|png|gif|webp|svg|avif)([?#].*)?$', 'i')) then map { 'full': $u, 'thumb': $u }
        else ()"/>
  </xsl:function>

  <!-- a IIIF Image API service's base address: its whole image, and a thumbnail -->
  <xsl:function name="e:iiif" as="map(xs:string, xs:string)">
    <xsl:param name="base" as="xs:string"/>
    <xsl:variable name="b" select="replace($base, '/+$', '')"/>
    <xsl:sequence select="map { 'full': $b || '/full/max/0/default.jpg', 'thumb': $b || '/full/!240,240/0/default.jpg' }"/>
  </xsl:function>

  <!-- a graphic that is a IIIF service by its media type (the service's base address) -->
  <xsl:function name="e:graphic-image" as="map(xs:string, xs:string)?">
    <xsl:param name="graphic" as="element()"/>
    <xsl:variable name="u" select="normalize-space($graphic/@url)"/>
    <xsl:sequence select="if ($graphic/@mimeType = 'application/json' and matches($u, '^https?://', 'i') and e:safe-href($u)
        and not(matches($u, '\.json$'))) then e:iiif($u) else e:image($u)"/>
  </xsl:function>
</xsl:stylesheet>
