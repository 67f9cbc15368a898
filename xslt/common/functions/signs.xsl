<?xml version="1.0" encoding="UTF-8"?>
<!--
  Editorial signs: how gaps and page breaks are described, and which signs a document uses
  (in the order of README.md's "Editorial signs" table).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- How an editorial gap is described: "[illegible: 2 words]" -->
  <xsl:function name="e:gap-text" as="xs:string">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:variable name="extent" select="
        if ($gap/@quantity) then string-join(($gap/@quantity, $gap/@unit), ' ')
        else string($gap/@extent)"/>
    <xsl:sequence select="'[…' || string-join((normalize-space($gap/@reason), $extent)[. != ''], ', ') ! (' ' || .) || ']'"/>
  </xsl:function>

  <!-- the alternatives of a choice to the form the source prints ($printed): the expansion,
       correction or regular form, or whatever else the choice offers -->
  <xsl:function name="e:alternatives" as="element()*">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:param name="printed" as="element()"/>
    <xsl:sequence select="$choice/(* except $printed)"/>
  </xsl:function>

  <!-- a page's image address, as the text edition gives it after the page's label ('' for none) -->
  <xsl:function name="e:facs-text" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="if ($pb/@facs) then (e:facs($pb)?full ! (' ⟨' || . || '⟩'), '')[1] else ''"/>
  </xsl:function>

  <!-- a page break as both formats show it: "page 43", or "page break" when unnumbered -->
  <xsl:function name="e:page-label" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:sequence select="if ($pb/@n) then e:label('page', string($pb/@n)) else e:label('page-break')"/>
  </xsl:function>

  <!-- The signs a document uses, in the order of README.md's "Editorial signs" table
       (the one reference for both formats). Each entry: key, how it looks in the HTML
       edition, how it looks in the text edition, what it means. -->
  <xsl:variable name="e:signs" as="array(map(xs:string, xs:string))" select="[
      map { 'key': 'supplied', 'html': '[text]', 'text': e:label('sample-supplied'), 'meaning': e:label('meaning-supplied') },
      map { 'key': 'unclear', 'html': '[text?]', 'text': e:label('sample-unclear'), 'meaning': e:label('meaning-unclear') },
      map { 'key': 'gap', 'html': '[… reason, extent]', 'text': e:label('sample-gap'), 'meaning': e:label('meaning-gap') },
      map { 'key': 'abbr', 'html': 'dotted underline', 'text': e:label('sample-abbr'), 'meaning': e:label('meaning-abbr') },
      map { 'key': 'sic', 'html': 'dotted underline', 'text': e:label('sample-sic'), 'meaning': e:label('meaning-sic') },
      map { 'key': 'orig', 'html': 'dotted underline', 'text': e:label('sample-orig'), 'meaning': e:label('meaning-orig') },
      map { 'key': 'foreign', 'html': 'italics', 'text': e:label('sample-foreign'), 'meaning': e:label('meaning-foreign') },
      map { 'key': 'add', 'html': 'shaded', 'text': e:label('sample-add'), 'meaning': e:label('meaning-add') },
      map { 'key': 'del', 'html': 'struck through', 'text': e:label('sample-del'), 'meaning': e:label('meaning-del') },
      map { 'key': 'pb', 'html': '[page n]', 'text': e:label('sample-pb'), 'meaning': e:label('meaning-pb') },
      map { 'key': 'note', 'html': 'raised number', 'text': e:label('sample-note'), 'meaning': e:label('meaning-note') },
      map { 'key': 'app', 'html': 'raised letter', 'text': e:label('sample-app'), 'meaning': e:label('meaning-app') },
      map { 'key': 'margin-note', 'html': 'set off in the line', 'text': e:label('sample-margin-note'), 'meaning': e:label('meaning-margin-note') },
      map { 'key': 'surplus', 'html': '{text}', 'text': '{' || e:label('word-text') || '}', 'meaning': e:label('meaning-surplus') },
      map { 'key': 'secl', 'html': '⟦text⟧', 'text': e:label('sample-secl'), 'meaning': e:label('meaning-secl') },
      map { 'key': 'ex', 'html': '(text)', 'text': e:label('sample-ex'), 'meaning': e:label('meaning-ex') },
      map { 'key': 'sic-alone', 'html': 'text [sic]', 'text': e:label('sample-sic-alone'), 'meaning': e:label('meaning-sic-alone') },
      map { 'key': 'damage', 'html': 'dashed underline', 'text': '', 'meaning': e:label('meaning-damage') },
      map { 'key': 'space', 'html': '[space]', 'text': e:label('sample-space'), 'meaning': e:label('meaning-space') },
      map { 'key': 'handShift', 'html': '[hand: …]', 'text': e:label('sample-handShift'), 'meaning': e:label('meaning-handShift') },
      map { 'key': 'milestone', 'html': '[column n]', 'text': e:label('sample-milestone'), 'meaning': e:label('meaning-milestone') },
      map { 'key': 'fw', 'html': 'small, grey', 'text': e:label('sample-fw'), 'meaning': e:label('meaning-fw') },
      map { 'key': 'metamark', 'html': '[mark]', 'text': e:label('sample-metamark'), 'meaning': e:label('meaning-metamark') }
    ]"/>

  <xsl:function name="e:sign-key" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="
        if ($el/self::tei:choice) then ($el/(tei:abbr, tei:sic, tei:orig)[1] ! local-name(.))
        else if ($el/self::tei:note) then (if (e:is-footnote($el)) then 'note' else if (e:in-margin($el)) then 'margin-note' else ())
        else if ($el/self::tei:app) then (if (e:app-label($el) != '') then 'app' else ())
        else if ($el/self::tei:sic) then (if ($el/parent::tei:choice) then () else 'sic-alone')
        else if ($el/(self::tei:cb | self::tei:gb | self::tei:milestone)) then (if (e:milestone-label($el) != '') then 'milestone' else ())
        else if ($el/(self::tei:supplied | self::tei:unclear | self::tei:gap | self::tei:foreign
                     | self::tei:add | self::tei:del | self::tei:pb | self::tei:surplus | self::tei:secl | self::tei:ex
                     | self::tei:damage | self::tei:space | self::tei:handShift | self::tei:fw | self::tei:metamark)) then local-name($el)
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
</xsl:stylesheet>
