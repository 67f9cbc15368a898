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
    <xsl:sequence select="if ($pb/@n) then 'page ' || $pb/@n else 'page break'"/>
  </xsl:function>

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
            'meaning': 'an editorial note, listed under Notes' },
      map { 'key': 'app', 'html': 'raised letter', 'text': '[a]',
            'meaning': 'a place where the witnesses differ: its entry under Apparatus gives their readings' },
      map { 'key': 'margin-note', 'html': 'set off in the line', 'text': '[note in the margin: text]',
            'meaning': 'a note the source has in the margin (or between the lines)' },
      map { 'key': 'surplus', 'html': '{text}', 'text': '{text}',
            'meaning': 'in the source, but superfluous: the editor would leave it out' },
      map { 'key': 'secl', 'html': '⟦text⟧', 'text': '⟦text⟧',
            'meaning': 'secluded by the editor: probably not authentic' },
      map { 'key': 'ex', 'html': '(text)', 'text': '(text)',
            'meaning': 'the letters of an abbreviation the editor wrote out' },
      map { 'key': 'sic-alone', 'html': 'text [sic]', 'text': 'text [sic]',
            'meaning': 'so in the source: an error the editor keeps' },
      map { 'key': 'damage', 'html': 'dashed underline', 'text': '',
            'meaning': 'damaged in the source, still legible' },
      map { 'key': 'space', 'html': '[space]', 'text': '[space]',
            'meaning': 'a space the source leaves blank' },
      map { 'key': 'handShift', 'html': '[hand: …]', 'text': '[hand: …]',
            'meaning': 'another hand writes from here on' },
      map { 'key': 'milestone', 'html': '[column n]', 'text': '[column n]',
            'meaning': 'a new column, gathering or section of the source begins' },
      map { 'key': 'fw', 'html': 'small, grey', 'text': '[running head: text]',
            'meaning': 'forme work: a running head, catchword, signature or page number of the source' },
      map { 'key': 'metamark', 'html': '[mark]', 'text': '[mark]',
            'meaning': 'a mark the writer made about the text (a transposition, a sign of deletion)' }
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
