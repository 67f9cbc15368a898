<?xml version="1.0" encoding="UTF-8"?>
<!--
  Stable anchors of speeches and paragraphs on a document's page, and the anchor nearest
  to any node (README.md, "Anchors").
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

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
    <!-- "#mao", or a register's entry "registers/persons.xml#mao": mao -->
    <xsl:variable name="id" select="if (contains($first, '#')) then substring-after($first, '#') else $first"/>
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
       the related documents, the source description, the summary; '' for the top of the page. -->
  <xsl:function name="e:anchor-of" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="note" select="$node/ancestor-or-self::tei:note[e:is-footnote(.)][1]"/>
    <xsl:variable name="block" select="$node/ancestor-or-self::*[self::tei:p[ancestor::tei:text] or self::tei:sp][1]"/>
    <xsl:sequence select="
        if ($note) then 'note-' || e:note-number($note)
        else if ($block) then e:anchor($block)
        else if ($node/ancestor-or-self::tei:listBibl[@type = 'related']) then 'related'
        else if ($node/ancestor-or-self::tei:msDesc) then 'source'
        else if ($node/ancestor-or-self::tei:abstract) then 'summary'
        else if ($node/ancestor::tei:text) then 'transcript'
        else ''"/>
  </xsl:function>
</xsl:stylesheet>
