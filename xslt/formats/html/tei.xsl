<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML of every TEI element that can hold text, beyond the edition's own conventions
  (formats/html.xsl): divisions and composite texts, front and back matter, letters, verse,
  drama and speech, lists, tables, figures, quotations, the signs of diplomatic and genetic
  transcription, milestones and facsimiles, names and other phrases, described facts (fields),
  records of persons and places, dictionaries, specifications. Which element is which kind:
  common/functions/elements.xsl; what each gives: docs/coverage.md.

  A block inside a phrase (a list in a quotation in a paragraph) cannot be an HTML block there:
  rules that make phrasing content (a paragraph, a heading, a span) tell the rules below through
  the tunnel parameter e:phrasing, and a block rule then gives a span of the same class.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="html">

  <!-- ===================================================== languages and directions -->

  <!-- an element in another language than its parent's: its HTML says so (lang), and which way its
       script runs (dir) when that differs -->
  <xsl:template match="tei:*[@xml:lang][not(self::tei:TEI | self::tei:text[not(parent::tei:group)] | self::tei:foreign)]" priority="20">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="made" as="node()*"><xsl:next-match/></xsl:variable>
    <xsl:variable name="lang" select="string(@xml:lang)"/>
    <xsl:variable name="dir" select="e:direction($lang)"/>
    <xsl:variable name="outer" select="e:direction(e:lang(..))"/>
    <xsl:variable name="dir-needed" select="if ($dir != ($outer, 'ltr')[1]) then $dir else ()"/>
    <xsl:choose>
      <xsl:when test="count($made) = 1 and $made instance of element()">
        <xsl:for-each select="$made">
          <xsl:copy>
            <xsl:copy-of select="@*"/>
            <xsl:if test="not(@lang)"><xsl:attribute name="lang" select="$lang"/></xsl:if>
            <xsl:if test="exists($dir-needed) and not(@dir)"><xsl:attribute name="dir" select="$dir-needed"/></xsl:if>
            <xsl:copy-of select="node()"/>
          </xsl:copy>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="empty($made[self::* or normalize-space(.)])"><xsl:sequence select="$made"/></xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if ($e:phrasing or empty($made[self::*])) then 'span' else 'div'}">
          <xsl:attribute name="lang" select="$lang"/>
          <xsl:if test="exists($dir-needed)"><xsl:attribute name="dir" select="$dir-needed"/></xsl:if>
          <xsl:sequence select="$made"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================== composite texts -->

  <!-- a document of a corpus: its title as a heading, then its text -->
  <xsl:template match="tei:TEI | tei:teiCorpus">
    <div class="{local-name()}">
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:element name="h{e:heading-level(.)}">
        <xsl:value-of select="normalize-space((tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title)[1])"/>
      </xsl:element>
      <xsl:for-each select="tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[position() gt 1]">
        <p class="subtitle"><xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></p>
      </xsl:for-each>
      <xsl:apply-templates select="tei:text/*, tei:sourceDoc, tei:TEI, tei:teiCorpus"/>
    </div>
  </xsl:template>

  <!-- a text of a group (or a text floating in another): in order, with its own front, body, back -->
  <xsl:template match="tei:group | tei:text | tei:floatingText">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- an element's own xml:id, as the id of what it renders (when no other element has it) -->
  <xsl:template match="@xml:id" mode="e:id">
    <xsl:attribute name="id" select="."/>
  </xsl:template>

  <!-- ===================================================== divisions and headings -->

  <xsl:template match="tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <div class="div {local-name()} {@type}"><xsl:apply-templates/></div>
  </xsl:template>

  <!-- the heading of a division, of a text of a group, of a cast list or of a group of verses: a
       heading a level below the one it stands in -->
  <xsl:template match="tei:head[parent::tei:div1 | parent::tei:div2 | parent::tei:div3 | parent::tei:div4
      | parent::tei:div5 | parent::tei:div6 | parent::tei:div7 | parent::tei:front | parent::tei:body
      | parent::tei:back | parent::tei:group | parent::tei:castList | parent::tei:lg[not(ancestor::tei:sp)]]">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'h' || e:heading-level(.)}">
      <xsl:attribute name="class" select="'head'"/>
      <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- any other heading (of a list, a quotation, a note...): a line of its own -->
  <xsl:template match="tei:head">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'p'}">
      <xsl:attribute name="class" select="'head'"/>
      <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- ===================================================== front and back matter, letters -->

  <xsl:template match="tei:titlePage | tei:docTitle | tei:argument | tei:epigraph | tei:postscript
      | tei:spGrp | tei:noteGrp | tei:performance | tei:set | tei:prologue | tei:epilogue">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- the main title of a title page, or of a text of a group: a heading -->
  <xsl:template match="tei:titlePart[not(@type) or @type = 'main'][not(preceding-sibling::tei:titlePart[not(@type) or @type = 'main'])]
      | tei:docTitle/tei:titlePart[1][not(../tei:titlePart[@type = 'main'])]" priority="2">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'h' || e:heading-level(.)}">
      <xsl:attribute name="class" select="'titlePart ' || (@type, 'main')[1]"/>
      <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:titlePart | tei:byline | tei:docAuthor | tei:docDate | tei:docEdition | tei:docImprint
      | tei:imprimatur | tei:trailer | tei:meeting | tei:ab | tei:addrLine">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="string-join((local-name(), @type), ' ')"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:apply-templates><xsl:with-param name="e:phrasing" select="not(self::tei:ab) or $e:phrasing" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- an address: each of its lines (or parts) on a line of its own -->
  <xsl:template match="tei:address">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'address'"/>
      <xsl:for-each select="*">
        <xsl:if test="position() gt 1"><br/></xsl:if>
        <xsl:apply-templates select="."><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:address/tei:addrLine" priority="2">
    <span class="addrLine"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ===================================================== speech -->

  <!-- an utterance: as a speech, the speaker named from @who -->
  <xsl:template match="tei:u">
    <div class="sp u" data-who="{tokenize(@who) ! replace(., '^#', '')}">
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <p>
        <xsl:if test="@who">
          <span class="speaker edition-sign"><xsl:value-of select="e:who-name(.)"/></span>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
      </p>
    </div>
  </xsl:template>

  <!-- the signs of speech and performance (a gesture, a sound, an incident, a pause): as stage
       directions, in the line -->
  <xsl:template match="tei:kinesic | tei:vocal | tei:incident | tei:pause | tei:shift | tei:move | tei:writing
      | tei:camera | tei:sound | tei:tech | tei:view">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="inline" select="$e:phrasing or exists(parent::tei:u | parent::tei:p | parent::tei:l | parent::tei:ab | parent::tei:seg)"/>
    <xsl:element name="{if ($inline) then 'span' else 'p'}">
      <xsl:attribute name="class" select="'stage ' || local-name()"/>
      <xsl:attribute name="title" select="e:field-label(.) || (@type ! (': ' || .))"/>
      <xsl:text>(</xsl:text>
      <xsl:choose>
        <xsl:when test="normalize-space(.) or *">
          <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="lower-case(e:field-label(.)) || (@type ! (': ' || .))"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>)</xsl:text>
    </xsl:element>
  </xsl:template>

  <!-- ===================================================== cast lists -->

  <xsl:template match="tei:castList | tei:castGroup">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="box" select="not($e:phrasing)"/>
    <xsl:element name="{if (self::tei:castGroup) then (if ($box) then 'li' else 'span') else (if ($box) then 'div' else 'span')}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates select="* except (tei:castItem | tei:castGroup)"/>
      <xsl:if test="tei:castItem | tei:castGroup">
        <xsl:element name="{if ($box) then 'ul' else 'span'}">
          <xsl:attribute name="class" select="'cast'"/>
          <xsl:apply-templates select="tei:castItem | tei:castGroup"/>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- a role and its description: the parts the source runs together are separated -->
  <xsl:template match="tei:castItem">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'li'}">
      <xsl:attribute name="class" select="'castItem'"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:call-template name="e:joined"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:role | tei:roleDesc | tei:actor | tei:licence">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- The children of an element that holds no text of its own between them (a cast item, a
       reference made only of its parts, a record), separated: ", " between phrases. An element
       with text of its own says it as it is. -->
  <xsl:template name="e:joined">
    <xsl:param name="separator" as="xs:string" select="', '"/>
    <xsl:choose>
      <xsl:when test="text()[normalize-space()] or count(*) le 1">
        <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="*">
          <xsl:if test="position() gt 1 and not(self::tei:note[e:is-footnote(.)] | self::tei:lb | self::tei:pb | self::tei:anchor)">
            <xsl:value-of select="$separator"/>
          </xsl:if>
          <xsl:apply-templates select="."><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================== lists -->

  <!-- a list: its heading first, then its items, numbered when the source numbers them; a list of
       labels and items (a glossary) as a description list -->
  <xsl:template match="tei:list | tei:listRelation | tei:listEvent | tei:listObject | tei:listNym | tei:listOrg
      | tei:listPlace | tei:listPerson | tei:listWit | tei:listRef | tei:listChange | tei:listAnnotation
      | tei:listForest | tei:listTranspose | tei:specList">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="items" select="* except (tei:head | tei:label | tei:headLabel | tei:headItem | tei:desc)"/>
    <xsl:variable name="gloss" select="self::tei:list and exists(tei:label) and exists(tei:item)"/>
    <xsl:variable name="ordered" select="self::tei:list and (@type = ('ordered', 'numbered', 'enumerated') or contains(@rend, 'numbered')
        or contains(@rend, 'ordered') or contains(@rend, 'decimal'))"/>
    <xsl:variable name="box" select="not($e:phrasing)"/>
    <xsl:element name="{if ($box) then 'div' else 'span'}">
      <xsl:attribute name="class" select="string-join((local-name(), @type), ' ')"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:apply-templates select="tei:head | tei:desc"/>
      <xsl:choose>
        <xsl:when test="$gloss">
          <xsl:element name="{if ($box) then 'dl' else 'span'}">
            <xsl:for-each select="* except (tei:head | tei:desc)">
              <xsl:choose>
                <xsl:when test="self::tei:label | self::tei:headLabel">
                  <xsl:element name="{if ($box) then 'dt' else 'span'}">
                    <xsl:attribute name="class" select="local-name()"/>
                    <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
                  </xsl:element>
                </xsl:when>
                <xsl:otherwise>
                  <!-- an item without a label before it: an empty term keeps the list a list -->
                  <xsl:if test="$box and not(preceding-sibling::*[1][self::tei:label | self::tei:headLabel])"><dt class="label"/></xsl:if>
                  <xsl:element name="{if ($box) then 'dd' else 'span'}">
                    <xsl:attribute name="class" select="local-name()"/>
                    <xsl:apply-templates select="@xml:id" mode="e:id"/>
                    <xsl:apply-templates/>
                  </xsl:element>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </xsl:element>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="tei:label | tei:headLabel | tei:headItem"/>
          <xsl:if test="$items">
            <xsl:element name="{if (not($box)) then 'span' else if ($ordered) then 'ol' else 'ul'}">
              <xsl:for-each select="$items">
                <xsl:element name="{if ($box) then 'li' else 'span'}">
                  <xsl:attribute name="class" select="local-name()"/>
                  <xsl:apply-templates select="@xml:id" mode="e:id"/>
                  <xsl:apply-templates select="if (self::tei:item) then node() else ."/>
                </xsl:element>
              </xsl:for-each>
            </xsl:element>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:item">
    <span class="item"><xsl:apply-templates select="@xml:id" mode="e:id"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- a label (of a list, or in the margin of a line): a phrase of its own -->
  <xsl:template match="tei:label | tei:headLabel | tei:headItem">
    <span class="{local-name()}"><xsl:apply-templates/></span>
    <xsl:if test="parent::tei:list"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- ===================================================== tables -->

  <xsl:template match="tei:table[tei:head]" priority="2">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$e:phrasing">
        <span class="table"><xsl:apply-templates select="tei:head"/><xsl:apply-templates select="* except tei:head"/></span>
      </xsl:when>
      <xsl:otherwise>
        <table class="table">
          <caption><xsl:apply-templates select="tei:head/node()"><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></caption>
          <tbody><xsl:apply-templates select="* except tei:head"/></tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================== quotations -->

  <!-- a quotation that holds blocks (verse, paragraphs) or stands between blocks: a block quotation -->
  <xsl:template match="(tei:quote | tei:q | tei:said | tei:cit)[e:holds-blocks(.) or parent::*[e:is-container(.)]]" priority="2">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'blockquote'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:quote | tei:said[not(@direct = 'false')]">“<xsl:apply-templates/>”</xsl:template>
  <xsl:template match="tei:said | tei:soCalled | tei:mentioned | tei:gloss | tei:distinct">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:cit">
    <span class="cit"><xsl:call-template name="e:joined"><xsl:with-param name="separator" select="' '"/></xsl:call-template></span>
  </xsl:template>

  <!-- whether an element holds blocks rather than running text (a division, a list item...) -->
  <xsl:function name="e:is-container" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/(self::tei:div | self::tei:div1 | self::tei:div2 | self::tei:div3 | self::tei:div4
        | self::tei:div5 | self::tei:div6 | self::tei:div7 | self::tei:body | self::tei:front | self::tei:back
        | self::tei:sp | self::tei:lg | self::tei:argument | self::tei:epigraph | self::tei:postscript
        | self::tei:floatingText | self::tei:figure | self::tei:opener | self::tei:closer | self::tei:titlePage))"/>
  </xsl:function>

  <!-- ===================================================== figures and images -->

  <xsl:template match="tei:figure">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="images" select="tei:graphic | tei:media | tei:binaryObject"/>
    <xsl:variable name="shown" select="exists($images[exists(e:graphic-image(.))])"/>
    <xsl:variable name="caption" select="* except ($images, tei:figDesc[$shown], tei:figure)"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'figure'}">
      <xsl:attribute name="class" select="'figure'"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:apply-templates select="$images | tei:figure"/>
      <xsl:if test="$caption">
        <xsl:element name="{if ($e:phrasing) then 'span' else 'figcaption'}">
          <xsl:apply-templates select="$caption"/>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- an image: shown when its address is one (or a IIIF image service, at a size to read), linked
       where it is; its description is its alternative text -->
  <xsl:template match="tei:graphic | tei:media">
    <xsl:variable name="url" select="normalize-space(@url)"/>
    <xsl:variable name="image" select="e:graphic-image(.)"/>
    <xsl:variable name="alt" select="normalize-space(string-join((../tei:figDesc, tei:desc, ../tei:head)[1]))"/>
    <xsl:choose>
      <xsl:when test="exists($image)">
        <a class="graphic" href="{$image?full}">
          <img src="{$image?thumb}" alt="{($alt[. != ''], e:label('image'))[1]}" loading="lazy"/>
        </a>
        <xsl:apply-templates select="tei:desc"/>
      </xsl:when>
      <xsl:when test="e:safe-href($url)">
        <a class="graphic" href="{$url}"><xsl:value-of select="e:label('image')"/><xsl:text> </xsl:text><span class="url"><xsl:value-of select="$url"/></span></a>
        <xsl:apply-templates select="tei:desc"/>
      </xsl:when>
      <xsl:otherwise>
        <span class="graphic"><xsl:value-of select="e:label('image')"/><xsl:value-of select="$url[. != ''] ! (' ' || .)"/></span>
        <xsl:apply-templates select="tei:desc"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:figDesc">
    <span class="figDesc"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- a figure's caption, or a caption of a performance -->
  <xsl:template match="tei:caption | tei:figure/tei:p | tei:figure/tei:head" priority="3">
    <span class="{local-name()}"><xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></span>
  </xsl:template>

  <!-- ===================================================== notes in place -->

  <!-- a note in the margin (or in the line): where it stands, set off -->
  <xsl:template match="tei:note[not(e:is-footnote(.))][e:in-margin(.)]" priority="1">
    <span class="note margin" title="{e:label('margin-note')}"><xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></span>
  </xsl:template>

  <!-- an anchor that footnotes or apparatus entries point at: their markers stand there -->
  <xsl:template match="tei:anchor[@xml:id][key('e:note-by-target', '#' || @xml:id) or key('e:app-by-end', '#' || @xml:id)]" priority="1">
    <span id="{@xml:id}" class="anchor"></span>
    <xsl:for-each select="key('e:note-by-target', '#' || @xml:id)[e:is-footnote(.)]">
      <xsl:call-template name="e:noteref"/>
    </xsl:for-each>
    <xsl:for-each select="key('e:app-by-end', '#' || @xml:id)[e:app-label(.) != '']">
      <xsl:call-template name="e:appref"><xsl:with-param name="label" select="e:app-label(.)"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- ===================================================== milestones -->

  <xsl:template match="tei:lb[@break = 'no']" priority="1"/>

  <xsl:template match="tei:cb | tei:gb | tei:milestone">
    <xsl:variable name="label" select="e:milestone-label(.)"/>
    <xsl:if test="$label != ''">
      <span class="milestone edition-sign" title="{e:label('title-' || local-name())}">[<xsl:value-of select="$label"/>]</span>
    </xsl:if>
  </xsl:template>

  <!-- forme work (running heads, catchwords, signatures, page numbers): set off, said what it is -->
  <xsl:template match="tei:fw">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing or parent::tei:p or parent::tei:l or parent::tei:ab) then 'span' else 'p'}">
      <xsl:attribute name="class" select="string-join(('fw', @type), ' ')"/>
      <xsl:attribute name="title" select="e:fw-label(.)"/>
      <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:handShift">
    <span class="handShift edition-sign" title="{e:label('title-handShift')}">[<xsl:value-of select="e:hand-label(.)"/>]</span>
  </xsl:template>

  <xsl:template match="tei:space">
    <span class="space" title="{e:space-text(.)}">[<xsl:value-of select="e:space-text(.)"/>]</span>
  </xsl:template>

  <xsl:template match="tei:addSpan | tei:delSpan | tei:damageSpan">
    <span class="{local-name()} edition-sign" title="{e:label('title-' || local-name())}">[<xsl:value-of select="e:label('title-' || local-name())"/>]</span>
  </xsl:template>

  <xsl:template match="tei:caesura"><span class="caesura edition-sign"> ‖ </span></xsl:template>

  <!-- not shown (edition/render/words.py, NOT_SHOWN): binary data encoded as text, and the terms of
       an index entry (they mark a place for an index, they are not part of the text) -->
  <xsl:template match="tei:binaryObject | tei:index"/>

  <!-- markers of a process or a link: nothing to show but what they may describe -->
  <xsl:template match="tei:redo | tei:undo | tei:substJoin | tei:join | tei:joinGrp | tei:link | tei:linkGrp
      | tei:alt | tei:altGrp | tei:timeline | tei:when | tei:lacunaStart | tei:lacunaEnd | tei:witStart | tei:witEnd
      | tei:listTranspose | tei:transpose | tei:divGen | tei:ptr[not(@target)]">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:ptr">
    <xsl:variable name="target" select="tokenize(normalize-space(@target), ' ')[1]"/>
    <xsl:variable name="href" select="e:href(., $target)"/>
    <xsl:choose>
      <xsl:when test="exists($href)"><a class="ptr" href="{$href}"><xsl:value-of select="if (starts-with($target, '#')) then '→' else $target"/></a></xsl:when>
      <xsl:otherwise><span class="ptr">⟨<xsl:value-of select="$target"/>⟩</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================== signs of transcription -->

  <xsl:template match="tei:surplus">
    <span class="surplus" title="{e:label('title-surplus')}">{<xsl:apply-templates/>}</span>
  </xsl:template>
  <xsl:template match="tei:secl">
    <span class="secl" title="{e:label('title-secl')}">⟦<xsl:apply-templates/>⟧</span>
  </xsl:template>
  <xsl:template match="tei:ex">
    <span class="ex" title="{e:label('title-ex')}">(<xsl:apply-templates/>)</span>
  </xsl:template>
  <xsl:template match="tei:damage">
    <span class="damage" title="{string-join((e:label('title-damage'), @agent), ': ')}"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:restore | tei:retrace | tei:mod | tei:am">
    <span class="{local-name()}" title="{e:label('title-' || local-name())}"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:metamark">
    <span class="metamark" title="{string-join((e:label('title-metamark'), @function), ': ')}">[<xsl:apply-templates/>]</span>
  </xsl:template>
  <xsl:template match="tei:subst">
    <span class="subst"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- alone, outside a choice: an error as printed, with [sic]; a correction, an expansion, a
       regular form or an original spelling as it stands -->
  <xsl:template match="tei:sic[not(parent::tei:choice)]">
    <span class="sic" title="{e:label('title-sic')}"><xsl:apply-templates/></span><span class="edition-sign"> [sic]</span>
  </xsl:template>
  <xsl:template match="tei:corr[not(parent::tei:choice)] | tei:reg[not(parent::tei:choice)]
      | tei:orig[not(parent::tei:choice)] | tei:abbr[not(parent::tei:choice)] | tei:expan[not(parent::tei:choice)]">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- any other choice (between readings, between uncertain words): the first, then the others -->
  <xsl:template match="tei:choice">
    <xsl:apply-templates select="*[1]"/>
    <xsl:for-each select="subsequence(*, 2)">
      <span class="alt"> ⟨<xsl:apply-templates select="."/>⟩</span>
    </xsl:for-each>
  </xsl:template>

  <!-- a glyph the source has that the text does not encode as a character: its mapping -->
  <xsl:template match="tei:g[not(normalize-space(.))]">
    <xsl:variable name="glyph" select="key('element-by-id', substring-after(@ref, '#'))[1]"/>
    <span class="g" title="{(normalize-space(($glyph/(tei:glyphName, tei:charName, tei:desc))[1])[. != ''], @ref)[1]}">
      <xsl:value-of select="(($glyph/tei:mapping[@type = ('standard', 'normalized', 'normalised')], $glyph/tei:mapping)[1], '◦')[1][$glyph]"/>
    </span>
  </xsl:template>

  <!-- ruby: the base text, its gloss above (in brackets where ruby is not shown) -->
  <xsl:template match="tei:ruby">
    <ruby><xsl:apply-templates select="tei:rb"/><rp>(</rp><xsl:apply-templates select="tei:rt"/><rp>)</rp></ruby>
  </xsl:template>
  <xsl:template match="tei:rb"><span class="rb"><xsl:apply-templates/></span></xsl:template>
  <xsl:template match="tei:rt"><rt><xsl:apply-templates/></rt></xsl:template>

  <!-- ===================================================== phrases -->

  <!-- phrases a reader sees as text, told apart by their class (names, measures, terms...) -->
  <xsl:template match="tei:*[map:contains($e:phrases, local-name())]" priority="-0.1">
    <xsl:call-template name="e:phrase"/>
  </xsl:template>
  <xsl:template match="tei:affiliation[not(parent::tei:person)]">
    <xsl:call-template name="e:phrase"/>
  </xsl:template>
  <xsl:template name="e:phrase">
    <span class="{local-name()}"><xsl:call-template name="e:joined"><xsl:with-param name="separator" select="e:separator(.)"/></xsl:call-template><xsl:value-of select="self::tei:dimensions/@unit ! (' ' || .)"/></span>
  </xsl:template>

  <!-- code, element and attribute names, values, examples -->
  <xsl:template match="tei:code | tei:ident | tei:formula[@notation]">
    <code class="{local-name()}"><xsl:apply-templates/></code>
  </xsl:template>
  <xsl:template match="tei:gi | tei:tag">
    <code class="{local-name()}">&lt;<xsl:apply-templates/>&gt;</code>
  </xsl:template>
  <xsl:template match="tei:att"><code class="att">@<xsl:apply-templates/></code></xsl:template>
  <xsl:template match="tei:val"><code class="val">"<xsl:apply-templates/>"</code></xsl:template>
  <xsl:template match="tei:eg">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'code' else 'pre'}">
      <xsl:attribute name="class" select="'eg'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <!-- an example of markup: the markup, as text -->
  <xsl:template match="*:egXML">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'code' else 'pre'}">
      <xsl:attribute name="class" select="'egXML'"/>
      <xsl:value-of select="serialize(node(), map { 'method': 'xml', 'omit-xml-declaration': true() })"/>
    </xsl:element>
  </xsl:template>

  <!-- ===================================================== described facts -->

  <!-- a fact with its label ("Born: 1900", "Binding: ..."), in a record or a description -->
  <xsl:template match="tei:*[map:contains($e:fields, local-name())]" priority="-0.1">
    <xsl:call-template name="e:field"/>
  </xsl:template>

  <xsl:template name="e:field">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="label" as="xs:string" select="e:field-label(.) || (@type[. != ''] ! (' (' || . || ')'))"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'field ' || local-name()"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:if test="$label != ''"><span class="field-label"><xsl:value-of select="$label"/>:</span><xsl:text> </xsl:text></xsl:if>
      <xsl:choose>
        <!-- a fact in another language: its value says so (and which way it runs) -->
        <xsl:when test="@xml:lang">
          <span lang="{@xml:lang}">
            <xsl:if test="e:direction(@xml:lang) != (e:direction(e:lang(..)), 'ltr')[1]"><xsl:attribute name="dir" select="e:direction(@xml:lang)"/></xsl:if>
            <xsl:call-template name="e:joined"/>
          </span>
        </xsl:when>
        <xsl:when test="self::tei:xenoData">
          <code><xsl:value-of select="serialize(node(), map { 'method': 'xml', 'omit-xml-declaration': true() })"/></code>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="e:joined"/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- a record (a person, a place, an event, a witness...) and other groups of facts: its name or
       heading first, then its facts -->
  <xsl:template match="tei:*[map:contains($e:records, local-name())]" priority="-0.1">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'record ' || local-name()"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:for-each select="@n[not(../tei:head)]">
        <span class="record-n"><xsl:value-of select="."/></span><xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:call-template name="e:record-content"/>
    </xsl:element>
  </xsl:template>

  <!-- a record's content: the text it holds as it is; its parts one a line -->
  <xsl:template name="e:record-content">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="text()[normalize-space()]">
        <xsl:apply-templates/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="*">
          <xsl:choose>
            <!-- names, headings, paragraphs and blocks stand as they are; other phrases as labelled facts -->
            <xsl:when test="self::tei:persName | self::tei:placeName | self::tei:orgName | self::tei:name | self::tei:head
                | self::tei:p | self::tei:ab | self::tei:label | self::tei:objectName | self::tei:eventName | self::tei:term
                | self::tei:geogName | self::tei:addName | self::tei:lb | self::tei:pb | self::tei:anchor
                | self::tei:note[e:is-footnote(.)] | self::*[e:is-block(.)]">
              <xsl:element name="{if ($e:phrasing or not(e:is-block(.) or self::tei:p)) then 'span' else 'div'}">
                <xsl:attribute name="class" select="'record-part'"/>
                <xsl:apply-templates select="."/>
              </xsl:element>
            </xsl:when>
            <xsl:when test="self::*[namespace-uri() = 'http://www.tei-c.org/ns/1.0'][not(e:is-block(.))]
                [not(self::tei:graphic | self::tei:surface | self::tei:zone | self::tei:line | self::tei:surfaceGrp)]
                [e:field-label(.) != local-name()]">
              <xsl:call-template name="e:field"/>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
          </xsl:choose>
          <xsl:text> </xsl:text>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
