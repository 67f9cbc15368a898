<?xml version="1.0" encoding="UTF-8"?>
<!--
  The critical apparatus, for both formats (docs/encoding.md, "Critical apparatus"):

  * which apparatus entries are numbered (e:apps): every app in the running text (parallel
    segmentation), and every app attached to the text by @from/@to (double end-point) whose
    anchors are there; an app that stands between blocks (location-referenced: @loc, or in a
    listApp) is shown where it stands, as an entry of its own;
  * their numbers (a, b, c ... as the markers show them), one numbering for both formats;
  * the reading that stands in the text: the lemma, or, where there is none, the reading of the
    base witness the edition chose (the base-witness parameter), else the first reading;
  * the witnesses a reading is attested by, as sigla (a witness's siglum, its @n, or its id;
    a listWit's id stands for its witnesses), and the witnesses a reader can switch the text to;
  * the text of a reading as an entry prints it (mode reading): every word of it, footnotes aside.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <xsl:key name="e:app-by-end" match="tei:app[@from]" use="(tokenize(normalize-space(@to))[1], tokenize(normalize-space(@from))[1])[1]"/>

  <!-- whether an app is attached by anchors in the text (double end-point attachment) -->
  <xsl:function name="e:app-anchored" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="end" select="(tokenize(normalize-space($app/@to))[1], tokenize(normalize-space($app/@from))[1])[1]"/>
    <xsl:sequence select="starts-with($end, '#') and exists(key('element-by-id', substring($end, 2), root($app))[ancestor::tei:text])"/>
  </xsl:function>

  <!-- whether an app stands in the running text (parallel segmentation): not between blocks -->
  <xsl:function name="e:app-inline" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="not($app/@from) and not($app/parent::tei:listApp) and not($app/ancestor::tei:rdg)
        and not($app/parent::*[self::tei:div | self::tei:div1 | self::tei:div2 | self::tei:div3 | self::tei:div4
             | self::tei:div5 | self::tei:div6 | self::tei:div7 | self::tei:body | self::tei:front | self::tei:back])"/>
  </xsl:function>

  <!-- the numbered entries: inline and anchored apps of the document's texts, in document order -->
  <xsl:variable name="e:app-numbers" as="map(xs:string, xs:integer)">
    <xsl:map>
      <xsl:for-each select="/descendant::tei:text[not(ancestor::tei:text)]/descendant::tei:app
          [if (@from) then e:app-anchored(.) else e:app-inline(.)]">
        <xsl:map-entry key="generate-id(.)" select="position()"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="e:apps" as="element(tei:app)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)/descendant::tei:app[map:contains($e:app-numbers, generate-id(.))]"/>
  </xsl:function>

  <!-- an entry's label, as its marker shows it: a, b, ... z, aa, ab ... ('' for an entry that is
       not numbered) -->
  <xsl:function name="e:app-label" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="n" select="$e:app-numbers(generate-id($app))"/>
    <xsl:sequence select="if (exists($n)) then format-integer($n, 'a') else ''"/>
  </xsl:function>

  <!-- the readings of an app (those of its groups too), lemma first when there is one -->
  <xsl:function name="e:readings" as="element()*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="($app/tei:lem, $app/tei:rdgGrp//tei:lem, $app/(tei:rdg | tei:rdgGrp//tei:rdg))"/>
  </xsl:function>

  <!-- the reading that stands in the text: the lemma; else the base witness's; else the first (an
       app attached by anchors has the text between them: its readings are all variants) -->
  <xsl:function name="e:base-reading" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="readings" select="e:readings($app)"/>
    <xsl:sequence select="($readings[self::tei:lem],
        $readings[$base-witness != ''][e:witness-ids(.) = replace($base-witness, '^#', '')][not($app/@from)],
        $readings[not($app/@from)])[1]"/>
  </xsl:function>

  <!-- the ids of the witnesses a reading is attested by (a listWit stands for its witnesses) -->
  <xsl:function name="e:witness-ids" as="xs:string*">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="distinct-values(tokenize(normalize-space($reading/@wit)) ! e:expand-witness($reading, .))"/>
  </xsl:function>

  <xsl:function name="e:expand-witness" as="xs:string*">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="id" select="if (contains($pointer, '#')) then substring-after($pointer, '#') else $pointer"/>
    <xsl:variable name="target" select="key('element-by-id', $id, root($context))[1]"/>
    <xsl:sequence select="if ($target/self::tei:listWit) then $target//tei:witness/@xml:id/string() else $id"/>
  </xsl:function>

  <!-- the sigla of a reading: its witnesses' (and its sources') -->
  <xsl:function name="e:sigla" as="xs:string*">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space(string-join(($reading/@wit, $reading/@source), ' '))) ! e:siglum($reading, .)"/>
  </xsl:function>

  <!-- a witness's siglum: its abbr type="siglum", its @n, or its id -->
  <xsl:function name="e:siglum" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="id" select="if (contains($pointer, '#')) then substring-after($pointer, '#') else $pointer"/>
    <xsl:variable name="target" select="key('element-by-id', $id, root($context))[1]"/>
    <xsl:sequence select="(normalize-space($target/tei:abbr[@type = 'siglum'][1])[. != ''],
        normalize-space($target/@n)[. != ''], $id)[1]"/>
  </xsl:function>

  <!-- the witnesses a reader can switch the text to: the declared ones (with an id), in order -->
  <xsl:function name="e:switch-witnesses" as="element(tei:witness)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="if (exists(e:apps($doc)[e:readings(.)[@wit]])) then root($doc)//tei:witness[@xml:id] else ()"/>
  </xsl:function>

  <!-- what qualifies a reading: its type and cause ("orthographic", "homeoteleuton") -->
  <xsl:function name="e:reading-kind" as="xs:string?">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="string-join(($reading/@type, $reading/@cause, $reading/parent::tei:rdgGrp/@type)[normalize-space(.) != ''] ! normalize-space(.), ', ')[. != '']"/>
  </xsl:function>

  <!-- the text between an anchored app's anchors (its lemma when it has none of its own) -->
  <xsl:function name="e:anchored-text" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="from" select="key('element-by-id', substring-after(tokenize(normalize-space($app/@from))[1], '#'), root($app))[1]"/>
    <xsl:variable name="to" select="key('element-by-id', substring-after(tokenize(normalize-space($app/@to))[1], '#'), root($app))[1]"/>
    <xsl:sequence select="if ($from and $to) then normalize-space(string-join(root($app)//text()[. >> $from and . &lt;&lt; $to][not(ancestor::tei:note | ancestor::tei:app)]))
        else ''"/>
  </xsl:function>

  <!-- The text of a reading as an apparatus entry prints it: every word, the alternatives of a
       choice apart, a nested app as its lemma with its variants in brackets; footnotes are in the
       notes. -->
  <xsl:mode name="reading" on-no-match="text-only-copy" warning-on-no-match="false"/>
  <xsl:template match="tei:note[e:is-footnote(.)]" mode="reading"/>
  <xsl:template match="tei:lb | tei:cb" mode="reading"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="tei:lb[@break = 'no']" mode="reading" priority="1"/>
  <xsl:template match="tei:pb" mode="reading"> [<xsl:value-of select="e:page-label(.)"/>] </xsl:template>
  <xsl:template match="tei:gap" mode="reading"><xsl:value-of select="e:gap-text(.)"/></xsl:template>
  <xsl:template match="tei:supplied" mode="reading">[<xsl:apply-templates mode="reading"/>]</xsl:template>
  <xsl:template match="tei:choice" mode="reading">
    <xsl:apply-templates select="*[1]" mode="reading"/>
    <xsl:for-each select="subsequence(*, 2)"> ⟨<xsl:apply-templates select="." mode="reading"/>⟩</xsl:for-each>
  </xsl:template>
  <xsl:template match="tei:app" mode="reading">
    <xsl:variable name="base" select="e:base-reading(.)"/>
    <xsl:apply-templates select="$base" mode="reading"/>
    <xsl:variable name="others" select="e:readings(.) except $base"/>
    <xsl:if test="$others"> (<xsl:value-of select="string-join($others ! e:reading-entry(.), '; ')"/>)</xsl:if>
    <xsl:for-each select="tei:note | tei:witDetail"> (<xsl:apply-templates mode="reading"/>)</xsl:for-each>
  </xsl:template>
  <xsl:template match="*" mode="reading" priority="-1">
    <xsl:if test="e:is-block(.)"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates mode="reading"/>
    <xsl:if test="e:is-block(.)"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- a reading's text, normalised ('' for an empty reading) -->
  <xsl:function name="e:reading-text" as="xs:string">
    <xsl:param name="reading" as="element()?"/>
    <xsl:variable name="t"><xsl:apply-templates select="$reading/node()" mode="reading"/></xsl:variable>
    <xsl:sequence select="normalize-space($t)"/>
  </xsl:function>

  <!-- a reading as an entry lists it: "text Sigla (kind)", "om. Sigla" for an empty one -->
  <xsl:function name="e:reading-entry" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:variable name="text" select="e:reading-text($reading)"/>
    <xsl:sequence select="string-join((
        if ($text != '') then $text else e:label('omitted'),
        string-join(e:sigla($reading), ' ')[. != ''],
        e:reading-kind($reading) ! ('(' || . || ')'),
        $reading/../tei:witDetail[tokenize(@target) = ('#' || $reading/@xml:id)][$reading/@xml:id] ! ('(' || e:reading-text(.) || ')')), ' ')"/>
  </xsl:function>

  <!-- An entry: "lemma Sigla] reading Sigla; reading Sigla (details)", as both formats print it.
       The lemma of an anchored app without one of its own is the text between its anchors. -->
  <xsl:function name="e:app-entry" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="base" select="e:base-reading($app)"/>
    <xsl:variable name="lemma" select="if ($base) then e:reading-entry($base)
        else if ($app/@from) then e:anchored-text($app) else ''"/>
    <xsl:variable name="shown" select="if ($base/self::tei:lem and e:reading-text($base) = '' and $app/@from)
        then string-join((e:anchored-text($app), string-join(e:sigla($base), ' ')[. != '']), ' ') else $lemma"/>
    <xsl:variable name="others" select="e:readings($app) except $base"/>
    <xsl:variable name="details" select="$app/tei:witDetail[not(tokenize(@target) = e:readings($app)/@xml:id ! ('#' || .))]
        ! ('(' || string-join((e:reading-text(.), string-join(e:sigla(.), ' ')[. != '']), ' ') || ')')"/>
    <xsl:variable name="notes" select="$app/tei:note ! e:reading-text(.)"/>
    <xsl:sequence select="string-join((
        (normalize-space($app/@loc)[. != ''] ! (. || ':')),
        $shown || (if (exists($others)) then ']' else ''),
        string-join($others ! e:reading-entry(.), '; '),
        $details, $notes)[. != ''], ' ')"/>
  </xsl:function>
</xsl:stylesheet>
