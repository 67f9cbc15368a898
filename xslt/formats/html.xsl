<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML reading edition: one complete HTML5 page per TEI document.
  Facts come from common/common.xsl; this file only decides the markup.
  No JavaScript is needed to read the page.

  These are the rules; html.xsl at the top of xslt/ runs them alone (with common/),
  and document.xsl runs them with every other output of a document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="html">

  <!-- every other TEI element (formats/html/tei.xsl), the critical apparatus, descriptions and references -->
  <xsl:include href="html/tei.xsl"/>
  <xsl:include href="html/apparatus.xsl"/>
  <xsl:include href="html/records.xsl"/>

  <!-- html: the page (from the document node), and the HTML of the transcript and of the
       header's prose. Elements without a rule keep their text: nothing is silently dropped. -->
  <xsl:mode name="html" on-no-match="text-only-copy" warning-on-no-match="false" use-accumulators="e:element-number e:line-count"/>
  <!-- The page's other parts, each from the element it is made of (applied only to elements
       they have a rule for: anything else is a mistake in a stylesheet, and fails) -->
  <xsl:mode name="doc-header" on-no-match="fail"/>  <!-- the heading block, from teiHeader -->
  <xsl:mode name="summary" on-no-match="fail"/>     <!-- the Summary section, from abstract -->
  <xsl:mode name="source" on-no-match="fail"/>      <!-- the Source section, from sourceDesc and msDesc -->
  <xsl:mode name="principles" on-no-match="fail"/>  <!-- Editorial principles, from encodingDesc -->
  <xsl:mode name="rights" on-no-match="fail"/>      <!-- the Rights section, from availability -->
  <xsl:mode name="sign-sample" on-no-match="fail"/> <!-- a sign of the legend, drawn, from its entry in $e:signs -->
  <xsl:mode name="e:id" on-no-match="fail"/>        <!-- an element's xml:id as the id of its HTML -->

  <!-- As one of document.xsl's outputs: the page, made as that run's result and serialised as
       it is made, as e:html says (the same as html.xsl's xsl:output) -->
  <xsl:output name="e:html" method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>
  <xsl:template match=".[. eq 'html']" mode="output">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:apply-templates select="$doc"/>
  </xsl:template>

  <xsl:template match="/">
    <html lang="{(*/tei:text/@xml:lang, */@xml:lang, 'en')[1]}">
      <xsl:call-template name="e:page-head">
        <xsl:with-param name="title" select="e:title(.)"/>
        <xsl:with-param name="description" select="*/tei:teiHeader/tei:profileDesc/tei:abstract[1]
            ! string-join(tei:p ! e:snippet(., 60), ' ')"/>
        <xsl:with-param name="head" as="element()*">
          <xsl:if test="$text-href"><link rel="alternate" type="text/plain" href="{$text-href}"/></xsl:if>
          <xsl:if test="$csl-href"><link rel="alternate" type="application/vnd.citationstyles.csl+json" href="{$csl-href}"/></xsl:if>
          <xsl:if test="$bibtex-href"><link rel="alternate" type="application/x-bibtex" href="{$bibtex-href}"/></xsl:if>
          <xsl:if test="$tei-href"><link rel="alternate" type="application/tei+xml" href="{$tei-href}"/></xsl:if>
          <xsl:sequence select="e:reader-metadata(.)"/>
          <xsl:if test="$e:switchable and $js-href"><script src="{$js-href}" defer="defer"></script></xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <body>
        <xsl:call-template name="e:page-top">
          <xsl:with-param name="skip-to" select="'transcript'"/>
          <xsl:with-param name="skip-label" select="e:label('skip-to-transcript')"/>
          <xsl:with-param name="nav" as="element()*">
            <xsl:if test="$text-href"><a href="{$text-href}"><xsl:value-of select="e:label('plain-text')"/></a></xsl:if>
            <xsl:if test="$tei-href"><a href="{$tei-href}" type="application/tei+xml"><xsl:value-of select="e:label('tei-source')"/></a></xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <main>
          <article class="document">
            <xsl:apply-templates select="*/tei:teiHeader" mode="doc-header"/>
            <xsl:apply-templates select="*/tei:teiHeader/tei:profileDesc/tei:abstract" mode="summary"/>
            <section id="transcript" class="transcript" aria-labelledby="transcript-h">
              <xsl:for-each select="e:direction((*/tei:text/@xml:lang, */@xml:lang)[1])[. = 'rtl']"><xsl:attribute name="dir" select="."/></xsl:for-each>
              <h2 id="transcript-h"><xsl:value-of select="e:label('transcript')"/></h2>
              <xsl:call-template name="e:witness-switch"/>
              <xsl:apply-templates select="*/tei:text/(* except tei:back), */tei:sourceDoc, tei:teiCorpus/(tei:TEI | tei:teiCorpus)"/>
            </section>
            <xsl:call-template name="footnotes"/>
            <xsl:call-template name="apparatus"/>
            <xsl:call-template name="legend"/>
            <xsl:apply-templates select="*/tei:teiHeader/tei:fileDesc/tei:sourceDesc" mode="source"/>
            <xsl:apply-templates select="*/tei:teiHeader/tei:encodingDesc[.//tei:p]" mode="principles"/>
            <xsl:apply-templates select="*/tei:text/tei:back"/>
            <xsl:call-template name="cite"/>
            <xsl:call-template name="credits"/>
            <xsl:apply-templates select="*/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability" mode="rights"/>
          </article>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- an element without a rule of its own: its content, rendered (nothing is silently dropped),
       and said (common/functions/unstyled.xsl) -->
  <xsl:template match="*" priority="-1">
    <xsl:call-template name="e:no-rule"><xsl:with-param name="format" select="'html'"/></xsl:call-template>
    <xsl:apply-templates/>
  </xsl:template>

  <!-- ===================================================== heading block -->

  <xsl:template match="tei:teiHeader" mode="doc-header">
    <header class="doc-header">
      <xsl:for-each select="e:document-types(.)">
        <p class="doctype"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <h1><xsl:value-of select="e:title(.)"/></h1>
      <xsl:for-each select="e:subtitles(.)">
        <p class="subtitle"><xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></p>
      </xsl:for-each>
      <dl class="facts">
        <xsl:for-each select="e:creation-date(.)">
          <dt><xsl:value-of select="e:label('date')"/></dt>
          <dd>
            <xsl:choose>
              <!-- <time> holds one date; a range (1958-07-31/1958-08-03) stays text -->
              <xsl:when test="contains(e:iso-date(.), '/') or empty(e:iso-date(.))"><span class="date"><xsl:value-of select="e:date-shown(.)"/></span></xsl:when>
              <xsl:otherwise><time datetime="{e:iso-date(.)}"><xsl:value-of select="e:date-shown(.)"/></time></xsl:otherwise>
            </xsl:choose>
          </dd>
        </xsl:for-each>
        <xsl:for-each select="e:creation-place(.)">
          <dt><xsl:value-of select="e:label('place')"/></dt>
          <!-- linked to the place's entry on the places page when it points at one -->
          <dd><xsl:apply-templates select="."/></dd>
        </xsl:for-each>
        <xsl:for-each select="tei:profileDesc/tei:settingDesc/tei:p">
          <dt><xsl:value-of select="e:label('setting')"/></dt>
          <dd><xsl:apply-templates/></dd>
        </xsl:for-each>
        <xsl:for-each select="e:document-types(.)">
          <dt><xsl:value-of select="e:label('document-type')"/></dt>
          <dd><xsl:value-of select="."/></dd>
        </xsl:for-each>
        <xsl:if test="exists(e:participants(.))">
          <dt><xsl:value-of select="e:label('participants')"/></dt>
          <dd>
            <ul class="participants">
              <xsl:for-each select="e:participants(.)">
                <li id="person-{e:person-id(.)}"><a href="{e:person-href(.)}"><xsl:value-of select="e:person-name(.)"/></a>
                  <xsl:for-each select="e:person-details(.)[. != '']"><span class="person-details">, <xsl:value-of select="."/></span></xsl:for-each></li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
        <xsl:for-each select="tei:fileDesc/tei:sourceDesc/tei:msDesc">
          <dt><xsl:value-of select="e:label('source')"/></dt>
          <dd><a href="#source"><xsl:value-of select="e:archival-citation(.)"/></a></dd>
        </xsl:for-each>
        <!-- a letter's sender, addressee, dates and places, and its place in the correspondence -->
        <xsl:for-each select="tei:profileDesc/tei:correspDesc/*">
          <dt><xsl:value-of select="e:correspondence-label(.)"/></dt>
          <dd><xsl:call-template name="e:joined"/></dd>
        </xsl:for-each>
        <xsl:for-each select="e:original-source(.)">
          <dt><xsl:value-of select="e:label('original-source')"/></dt>
          <dd><a href="{.}" rel="external"><xsl:value-of select="."/></a></dd>
        </xsl:for-each>
      </dl>
      <xsl:for-each select="tei:fileDesc/tei:titleStmt/tei:funder">
        <p class="funder"><xsl:value-of select="e:label('funder')"/><xsl:text> </xsl:text><xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
    </header>
  </xsl:template>

  <xsl:template match="tei:abstract" mode="summary">
    <section id="summary" class="summary" aria-labelledby="summary-h">
      <h2 id="summary-h"><xsl:value-of select="e:label('summary')"/></h2>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- ===================================================== text structure -->

  <xsl:template match="tei:front | tei:body">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:div">
    <div class="div {@type}">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div/tei:head">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'h' || e:heading-level(.)}">
      <xsl:if test="$e:phrasing"><xsl:attribute name="class" select="'head'"/></xsl:if>
      <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- a table of the source (a word processor's): its rows and cells as they were -->
  <xsl:template match="tei:table">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$e:phrasing"><span class="table"><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise><table class="table"><tbody><xsl:apply-templates/></tbody></table></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:row">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'tr'}">
      <xsl:if test="$e:phrasing"><xsl:attribute name="class" select="'row'"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:cell">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:if test="$e:phrasing"><xsl:attribute name="class" select="'cell'"/></xsl:if>
      <xsl:if test="not($e:phrasing) and @cols castable as xs:integer and xs:integer(@cols) gt 1"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="not($e:phrasing) and @rows castable as xs:integer and xs:integer(@rows) gt 1"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <!-- anything else between rows (a page break, a note): in a row of its own -->
  <xsl:template match="tei:table/*[not(self::tei:row | self::tei:head)]" priority="1">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$e:phrasing"><xsl:next-match/></xsl:when>
      <xsl:otherwise><tr><td colspan="{max((1, ../tei:row ! sum(tei:cell ! (if (@cols castable as xs:integer) then xs:integer(@cols) else 1))))}"><xsl:next-match/></td></tr></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:salute | tei:signed">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'p'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- a speech is one block: the speaker label runs into its first paragraph -->
  <xsl:template match="tei:sp">
    <div class="sp" id="{e:anchor(.)}"
        data-who="{tokenize(@who) ! substring-after(., '#')}">
      <!-- a speech in verse (<l>, <lg>) or of stage directions only: the label on a line of its own, first -->
      <xsl:if test="empty(tei:p)">
        <p class="speaker-line"><xsl:apply-templates select="tei:speaker"><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></p>
      </xsl:if>
      <xsl:apply-templates select="* except tei:speaker"/>
    </div>
  </xsl:template>

  <!-- verse: one line of the source a line of the page -->
  <xsl:template match="tei:lg">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'lg'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <!-- every fifth line shows its number -->
  <xsl:template match="tei:l">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'l'"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:for-each select="e:line-number(.)"><span class="lineno" aria-hidden="true"><xsl:value-of select="."/></span><xsl:text> </xsl:text></xsl:for-each>
      <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <span class="speaker"><xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></span>
  </xsl:template>

  <xsl:template match="tei:sp/tei:p">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:call-template name="e:paragraph">
      <xsl:with-param name="lead" as="node()*">
        <xsl:if test=". is ../tei:p[1]">
          <xsl:apply-templates select="../tei:speaker"/>
          <xsl:text> </xsl:text>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:p">
    <xsl:call-template name="e:paragraph"/>
  </xsl:template>

  <!-- A paragraph: <p> with its anchor; in a phrase, a span. One that holds blocks (a list, a
       table, verse, a block quotation) is a <div> with its anchor, its text around them in <p>s. -->
  <xsl:template name="e:paragraph">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="lead" as="node()*" select="()"/>
    <xsl:choose>
      <xsl:when test="$e:phrasing">
        <span class="p" id="{e:anchor(.)}"><xsl:sequence select="$lead"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="not(e:holds-blocks(.))">
        <p id="{e:anchor(.)}"><xsl:sequence select="$lead"/><xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="p" id="{e:anchor(.)}">
          <xsl:for-each-group select="node()" group-adjacent="e:is-block(.)">
            <xsl:choose>
              <xsl:when test="current-grouping-key()"><xsl:apply-templates select="current-group()"/></xsl:when>
              <xsl:when test="normalize-space(string-join(current-group())) or current-group()[self::*]">
                <p><xsl:if test="position() = 1"><xsl:sequence select="$lead"/></xsl:if>
                  <xsl:apply-templates select="current-group()"><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></p>
              </xsl:when>
            </xsl:choose>
          </xsl:for-each-group>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a stage direction between blocks: a line of its own; in a line: in the line -->
  <xsl:template match="tei:stage">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$e:phrasing or parent::tei:l or parent::tei:p or parent::tei:ab or parent::tei:u or parent::tei:seg">
        <em class="stage"><xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></em>
      </xsl:when>
      <xsl:otherwise>
        <p class="stage"><em><xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></em></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================== phrase level -->

  <!-- a name pointing to a declared person links to the person's entry in the persons
       index; a name pointing to a web page links there if the address is safe -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs">
    <xsl:variable name="href" select="(tokenize(@ref) ! e:href(current(), .))[1]"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not(starts-with($href, '#'))">
        <a class="{local-name()}" href="{$href}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:date">
    <xsl:choose>
      <xsl:when test="@when and normalize-space(.) = ''"><time datetime="{@when}"><xsl:value-of select="e:date-shown(.)"/></time></xsl:when>
      <xsl:when test="@when"><time datetime="{@when}"><xsl:apply-templates/></time></xsl:when>
      <xsl:otherwise><span class="date"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- contains(): what matches() said of these plain words, without a regular expression -->
  <xsl:template match="tei:hi">
    <xsl:choose>
      <xsl:when test="contains(@rend, 'italic')"><i><xsl:apply-templates/></i></xsl:when>
      <xsl:when test="contains(@rend, 'bold')"><b><xsl:apply-templates/></b></xsl:when>
      <xsl:when test="contains(@rend, 'underline')"><u><xsl:apply-templates/></u></xsl:when>
      <xsl:when test="contains(@rend, 'sup')"><sup><xsl:apply-templates/></sup></xsl:when>
      <xsl:otherwise><span class="hi"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:emph"><em><xsl:apply-templates/></em></xsl:template>

  <xsl:template match="tei:foreign">
    <i lang="{@xml:lang}" class="foreign" title="{e:language-name(@xml:lang)}"><xsl:if test="e:direction(@xml:lang) != (e:direction(e:lang(..)), 'ltr')[1]"><xsl:attribute name="dir" select="e:direction(@xml:lang)"/></xsl:if><xsl:apply-templates/></i>
    <span class="alt"> ⟨<xsl:value-of select="e:language-name(@xml:lang)"/>⟩</span>
  </xsl:template>

  <xsl:template match="tei:q">“<xsl:apply-templates/>”</xsl:template>

  <xsl:template match="tei:title"><cite><xsl:apply-templates/></cite></xsl:template>

  <!-- links only to safe addresses (relative, http, https, mailto) and to what the page
       renders; anything else (javascript:, data:) is its text, not a link -->
  <xsl:template match="tei:ref">
    <xsl:variable name="href" select="e:href(., tokenize(normalize-space(@target), ' ')[1])"/>
    <xsl:choose>
      <xsl:when test="exists($href)"><a href="{$href}"><xsl:apply-templates/></a></xsl:when>
      <xsl:otherwise><span class="ref"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- editorial signs: the reading text as printed, the alternative in a tooltip
       and, for screen readers and copy-paste, in ⟨angle brackets⟩ -->
  <xsl:template match="tei:choice[tei:abbr]">
    <abbr title="{string-join(e:alternatives(., tei:abbr[1]) ! normalize-space(.), ' / ')}"><xsl:apply-templates select="tei:abbr[1]/node()"/></abbr>
    <span class="alt"> ⟨<xsl:apply-templates select="e:alternatives(., tei:abbr[1])" mode="e:alternative"/>⟩</span>
  </xsl:template>

  <xsl:template match="tei:choice[tei:sic]">
    <span class="sic" title="{e:label('title-correction')}: {string-join(e:alternatives(., tei:sic[1]) ! normalize-space(.), ' / ')}"><xsl:apply-templates select="tei:sic[1]/node()"/></span>
    <span class="alt"> ⟨<xsl:apply-templates select="e:alternatives(., tei:sic[1])" mode="e:alternative"/>⟩</span>
  </xsl:template>

  <xsl:template match="tei:choice[tei:orig]">
    <span class="orig" title="{e:label('title-regular-form')}: {string-join(e:alternatives(., tei:orig[1]) ! normalize-space(.), ' / ')}"><xsl:apply-templates select="tei:orig[1]/node()"/></span>
    <span class="alt"> ⟨<xsl:apply-templates select="e:alternatives(., tei:orig[1])" mode="e:alternative"/>⟩</span>
  </xsl:template>

  <!-- e:alternative: an alternative of a choice, its content ("/" between two) -->
  <xsl:mode name="e:alternative" on-no-match="fail"/>
  <xsl:template match="*" mode="e:alternative">
    <xsl:if test="position() gt 1"> / </xsl:if>
    <xsl:apply-templates select="node()"/>
  </xsl:template>

  <xsl:template match="tei:supplied">
    <span class="supplied" title="{e:label('title-supplied')}{@reason ! (': ' || .)}">[<xsl:apply-templates/>]</span>
  </xsl:template>

  <xsl:template match="tei:unclear">
    <span class="unclear" title="{e:label('title-unclear')}{string-join((@reason, @cert ! (e:label('certainty') || ': ' || .)), ', ')[. != ''] ! (': ' || .)}">[<xsl:apply-templates/>?]</span>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span class="gap" title="{e:label('title-gap')}"><xsl:value-of select="e:gap-text(.)"/><xsl:for-each select="tei:desc"> (<xsl:apply-templates/>)</xsl:for-each></span>
  </xsl:template>

  <!-- an addition says where it was made (above the line, in the margin), when the source says -->
  <xsl:template match="tei:add">
    <ins class="add" title="{e:label('title-added')}{e:place-label(@place) ! (' ' || .)}{@hand ! (', ' || e:label('hand') || ' ' || replace(., '^#', ''))}"><xsl:apply-templates/></ins>
  </xsl:template>

  <xsl:template match="tei:del">
    <del class="del{@rend ! (' ' || normalize-space(.))}" title="{e:label('title-deleted')}{@rend ! (' (' || normalize-space(.) || ')')}"><xsl:apply-templates/></del>
  </xsl:template>

  <xsl:template match="tei:lb"><br/></xsl:template>

  <!-- a page break: where a page begins, linked to its image when the source gives one (a thumbnail
       when it is an image); inside a word (break="no"), in the word -->
  <xsl:template match="tei:pb">
    <xsl:call-template name="e:pb"/>
  </xsl:template>

  <!-- a page break between blocks is a line of its own -->
  <xsl:template match="tei:pb[parent::tei:div or parent::tei:sp or parent::tei:opener or parent::tei:closer
      or parent::tei:body or parent::tei:front or parent::tei:back or parent::tei:text or parent::tei:div1
      or parent::tei:div2 or parent::tei:div3 or parent::tei:div4 or parent::tei:div5 or parent::tei:div6
      or parent::tei:div7 or parent::tei:lg or parent::tei:list or parent::tei:titlePage or parent::tei:castList
      or parent::tei:listBibl or parent::tei:group or parent::tei:postscript or parent::tei:argument]">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$e:phrasing or parent::tei:list or parent::tei:castList or parent::tei:listBibl"><xsl:call-template name="e:pb"/></xsl:when>
      <xsl:otherwise><p class="pb-line"><xsl:call-template name="e:pb"><xsl:with-param name="thumbnail" select="true()"/></xsl:call-template></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a page break (its thumbnail only where it stands between blocks: in a line, or in a word, its
       label links to its image) -->
  <xsl:template name="e:pb">
    <xsl:param name="thumbnail" as="xs:boolean" select="false()"/>
    <xsl:variable name="image" select="if (@facs) then e:facs(.) else ()"/>
    <xsl:choose>
      <xsl:when test="exists($image)">
        <a class="pb" href="{$image?full}" title="{e:label('title-page-image')}"><xsl:if test="$thumbnail and exists($image?thumb)"><img
            class="facs" src="{$image?thumb}" alt="{e:label('page-image')} {e:page-label(.)}" loading="lazy"/></xsl:if>[<xsl:value-of select="e:page-label(.)"/>]</a>
      </xsl:when>
      <xsl:otherwise>
        <span class="pb" title="{e:label('page-break')}">[<xsl:value-of select="e:page-label(.)"/>]</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:anchor"><span id="{@xml:id}" class="anchor"></span></xsl:template>

  <!-- ===================================================== notes -->

  <!-- a footnote's marker, where it stands (or, for a note that points at an anchor, there:
       formats/html/tei.xsl) -->
  <xsl:template match="tei:note[e:is-footnote(.)]">
    <xsl:if test="not(e:note-at-anchor(.))"><xsl:call-template name="e:noteref"/></xsl:if>
  </xsl:template>

  <xsl:template name="e:noteref">
    <xsl:variable name="n" select="e:note-number(.)"/>
    <sup class="noteref"><a id="noteref-{$n}" href="#note-{$n}" role="doc-noteref"
        aria-label="{e:label('note-n', $n)}"><xsl:value-of select="$n"/></a></sup>
  </xsl:template>

  <!-- notes that are not footnotes (e.g. summaries) render where they stand -->
  <xsl:template match="tei:note">
    <span class="note {@type}"><xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></span>
  </xsl:template>

  <xsl:template name="footnotes">
    <xsl:variable name="notes" select="e:footnotes(.)"/>
    <xsl:if test="exists($notes)">
      <section class="footnotes" role="doc-endnotes" aria-labelledby="notes-h">
        <h2 id="notes-h"><xsl:value-of select="e:label('notes')"/></h2>
        <ol>
          <xsl:for-each select="$notes">
            <xsl:variable name="n" select="e:note-number(.)"/>
            <li id="note-{$n}" value="{$n}">
              <xsl:apply-templates select="node()" mode="#default"><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
              <xsl:text> </xsl:text>
              <a href="#noteref-{$n}" role="doc-backlink"
                  aria-label="{e:label('back-to-text')} (note {$n})">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note//tei:p">
    <span class="p"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ===================================================== source -->

  <!-- a source described in prose or as a bibliographic reference, not as a manuscript -->
  <xsl:template match="tei:sourceDesc" mode="source">
    <xsl:apply-templates select="tei:msDesc" mode="source"/>
    <xsl:if test="* except tei:msDesc">
      <section class="source-other" aria-labelledby="source-other-h">
        <xsl:if test="empty(tei:msDesc)"><xsl:attribute name="id" select="'source'"/></xsl:if>
        <h2 id="source-other-h"><xsl:value-of select="e:label('source')"/></h2>
        <xsl:for-each select="* except tei:msDesc">
          <xsl:choose>
            <!-- a list (of witnesses, of references, of persons...) or another block: as it is -->
            <xsl:when test="not(self::tei:p | self::tei:bibl | self::tei:ab) and (e:is-block(.) or starts-with(local-name(), 'list')
                or self::tei:recordingStmt or self::tei:scriptStmt)">
              <xsl:apply-templates select="." mode="#default"/>
            </xsl:when>
            <xsl:otherwise>
              <p><xsl:apply-templates select="if (self::tei:p) then node() else ." mode="#default"><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></p>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- the edition's editorial principles (encodingDesc), as the header states them -->
  <xsl:template match="tei:encodingDesc" mode="principles">
    <section id="principles" class="principles" aria-labelledby="principles-h">
      <h2 id="principles-h"><xsl:value-of select="e:label('editorial-principles')"/></h2>
      <xsl:for-each select=".//tei:p">
        <p><xsl:apply-templates/></p>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template match="tei:msDesc[e:ms-simple(.)]" mode="source">
    <section id="source" class="source" aria-labelledby="source-h">
      <h2 id="source-h"><xsl:value-of select="e:label('source')"/></h2>
      <p class="source-line"><xsl:value-of select="e:source-line(.)"/></p>
      <dl class="facts">
        <xsl:for-each select="e:source-details(.)">
          <dt><xsl:value-of select="?label"/></dt>
          <dd><xsl:value-of select="?value"/></dd>
        </xsl:for-each>
        <dt><xsl:value-of select="e:label('archival-citation')"/></dt>
        <dd><xsl:value-of select="e:archival-citation(.)"/></dd>
      </dl>
    </section>
  </xsl:template>

  <!-- ===================================================== back matter -->

  <xsl:template match="tei:back">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- a list of references in the back matter: a section of the page -->
  <xsl:template match="tei:back/tei:listBibl">
    <section class="listBibl {@type}">
      <xsl:if test="@type = 'related'"><xsl:attribute name="id" select="'related'"/></xsl:if>
      <h2><xsl:value-of select="(tei:head[1]/normalize-space(), e:label(if (@type) then string(@type) else 'bibliography'))[1]"/></h2>
      <xsl:apply-templates select="tei:head[position() gt 1]"/>
      <ul>
        <xsl:apply-templates select="* except tei:head" mode="bibl-item"/>
      </ul>
    </section>
  </xsl:template>

  <xsl:template match="tei:listBibl[@type = 'related']/tei:bibl">
    <li class="bibl">
      <xsl:for-each select="tei:date">
        <p class="bibl-date"><xsl:apply-templates select="."/></p>
      </xsl:for-each>
      <xsl:for-each select="tei:title">
        <p class="bibl-title"><cite><xsl:apply-templates/></cite></p>
      </xsl:for-each>
      <xsl:for-each select="tei:note">
        <p class="bibl-summary"><xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:apply-templates select="node() except (tei:date, tei:title, tei:note)"/>
    </li>
  </xsl:template>

  <!-- ===================================================== legend -->

  <!-- the editorial signs this page uses, explained (README.md, "Editorial signs") -->
  <xsl:template name="legend">
    <xsl:variable name="signs" select="e:signs-used(.)"/>
    <xsl:if test="exists($signs)">
      <section id="legend" class="legend" aria-labelledby="legend-h" data-pagefind-ignore="all">
        <h2 id="legend-h"><xsl:value-of select="e:label('legend')"/></h2>
        <dl>
          <xsl:for-each select="$signs">
            <dt class="sign-{?key}"><xsl:apply-templates select="." mode="sign-sample"/></dt>
            <dd><xsl:value-of select="?meaning"/></dd>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- how each sign looks, drawn with the same markup the transcript uses -->
  <xsl:template match="." mode="sign-sample" priority="-1"><xsl:value-of select="?html"/></xsl:template>
  <xsl:template match=".[?key = 'supplied']" mode="sign-sample"><span class="supplied">[<xsl:value-of select="e:label('word-text')"/>]</span></xsl:template>
  <xsl:template match=".[?key = 'unclear']" mode="sign-sample"><span class="unclear">[<xsl:value-of select="e:label('word-text')"/>?]</span></xsl:template>
  <xsl:template match=".[?key = 'gap']" mode="sign-sample"><span class="gap">[… <xsl:value-of select="e:label('word-reason-extent')"/>]</span></xsl:template>
  <xsl:template match=".[?key = 'abbr']" mode="sign-sample"><abbr title="{e:label('word-expansion')}"><xsl:value-of select="e:label('word-abbr')"/></abbr><span class="alt"> ⟨<xsl:value-of select="e:label('word-expansion')"/>⟩</span></xsl:template>
  <xsl:template match=".[?key = 'sic']" mode="sign-sample"><span class="sic" title="{e:label('title-correction')}: {e:label('word-correction')}"><xsl:value-of select="e:label('word-error')"/></span><span class="alt"> ⟨<xsl:value-of select="e:label('word-correction')"/>⟩</span></xsl:template>
  <xsl:template match=".[?key = 'orig']" mode="sign-sample"><span class="orig" title="{e:label('title-regular-form')}: {e:label('word-regular')}"><xsl:value-of select="e:label('word-spelling')"/></span><span class="alt"> ⟨<xsl:value-of select="e:label('word-regular')"/>⟩</span></xsl:template>
  <xsl:template match=".[?key = 'foreign']" mode="sign-sample"><i class="foreign" title="{e:label('word-language')}"><xsl:value-of select="e:label('word-word')"/></i><span class="alt"> ⟨<xsl:value-of select="e:label('word-language')"/>⟩</span></xsl:template>
  <xsl:template match=".[?key = 'add']" mode="sign-sample"><ins class="add"><xsl:value-of select="e:label('inline-added')"/></ins></xsl:template>
  <xsl:template match=".[?key = 'del']" mode="sign-sample"><del class="del"><xsl:value-of select="e:label('inline-deleted')"/></del></xsl:template>
  <xsl:template match=".[?key = 'pb']" mode="sign-sample"><span class="pb">[<xsl:value-of select="e:label('page', e:label('word-n'))"/>]</span></xsl:template>
  <xsl:template match=".[?key = 'note']" mode="sign-sample"><sup class="noteref">1</sup></xsl:template>
  <xsl:template match=".[?key = 'app']" mode="sign-sample"><sup class="appref">a</sup></xsl:template>
  <xsl:template match=".[?key = 'margin-note']" mode="sign-sample"><span class="note margin">note</span></xsl:template>
  <xsl:template match=".[?key = 'damage']" mode="sign-sample"><span class="damage">damaged</span></xsl:template>
  <xsl:template match=".[?key = 'fw']" mode="sign-sample"><span class="fw">running head</span></xsl:template>
  <xsl:template match=".[?key = ('surplus', 'secl', 'ex', 'space', 'handShift', 'milestone', 'metamark', 'sic-alone')]" mode="sign-sample"><span class="{?key}"><xsl:value-of select="?html"/></span></xsl:template>

  <!-- ===================================================== how to cite -->

  <xsl:template name="cite">
    <section id="cite" class="cite" aria-labelledby="cite-h" data-pagefind-ignore="all">
      <h2 id="cite-h"><xsl:value-of select="e:label('cite')"/></h2>
      <p class="citation"><xsl:value-of select="e:citation(.)"/></p>
      <xsl:if test="$csl-href or $bibtex-href">
        <!-- (the line break and indent after the colon are as they always were) -->
        <p class="cite-data"><xsl:value-of select="e:label('cite-data')"/><xsl:text>:&#10;        </xsl:text>
          <xsl:if test="$csl-href">
            <a href="{$csl-href}" type="application/vnd.citationstyles.csl+json" download=""><xsl:value-of select="e:label('csl-json')"/></a>
          </xsl:if>
          <xsl:if test="$csl-href and $bibtex-href"><xsl:text> · </xsl:text></xsl:if>
          <xsl:if test="$bibtex-href">
            <a href="{$bibtex-href}" type="application/x-bibtex" download=""><xsl:value-of select="e:label('bibtex')"/></a>
          </xsl:if>
          <xsl:if test="$tei-href">
            <xsl:text> · </xsl:text><a href="{$tei-href}" type="application/tei+xml" download=""><xsl:value-of select="e:label('tei-source')"/></a>
          </xsl:if></p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ===================================================== credits and rights -->

  <xsl:template name="credits">
    <xsl:variable name="header" select="/*/tei:teiHeader"/>
    <section class="credits" aria-labelledby="credits-h" data-pagefind-ignore="all">
      <h2 id="credits-h"><xsl:value-of select="e:label('credits')"/></h2>
      <ul>
        <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/(tei:author, tei:editor)">
          <li><xsl:value-of select="e:label(local-name())"/>: <xsl:value-of select="normalize-space(.)"/></li>
        </xsl:for-each>
        <xsl:for-each select="$header/tei:fileDesc/(tei:titleStmt | tei:editionStmt)/tei:respStmt">
          <li><span class="resp"><xsl:value-of select="string-join(tei:resp ! normalize-space(.), '; ')"/></span>
            <xsl:text> </xsl:text><xsl:value-of select="e:names(* except tei:resp)"/></li>
        </xsl:for-each>
        <xsl:for-each select="$header/tei:fileDesc/tei:editionStmt/(* except tei:respStmt)">
          <li><xsl:value-of select="if (self::tei:p) then e:label('edition') else e:field-label(.)"/>: <xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></li>
        </xsl:for-each>
        <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/tei:funder">
          <li><xsl:value-of select="e:label('funder')"/><xsl:text> </xsl:text><xsl:value-of select="normalize-space(.)"/></li>
        </xsl:for-each>
        <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/(tei:sponsor | tei:principal | tei:meeting)">
          <li><xsl:value-of select="e:field-label(.)"/>: <xsl:value-of select="normalize-space(.)"/></li>
        </xsl:for-each>
        <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt[tei:publisher | tei:authority | tei:distributor]">
          <li><xsl:value-of select="e:label('publisher')"/><xsl:text> </xsl:text>
            <xsl:value-of select="string-join((tei:publisher, tei:authority, tei:distributor) ! normalize-space(.), ', ')"/></li>
        </xsl:for-each>
        <!-- a statement in prose ("Unpublished draft."), said as it is -->
        <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/tei:p">
          <li><xsl:apply-templates/></li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <xsl:template match="tei:availability" mode="rights">
    <section class="rights" aria-labelledby="rights-h" data-pagefind-ignore="all">
      <h2 id="rights-h"><xsl:value-of select="e:label('rights')"/></h2>
      <xsl:apply-templates select=".//tei:p"/>
      <xsl:if test="tei:licence[not(tei:p)]">
        <p><xsl:apply-templates select="tei:licence[not(tei:p)]/node()"/></p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="tei:availability//tei:p | tei:abstract/tei:p" priority="2">
    <p><xsl:apply-templates/></p>
  </xsl:template>

</xsl:stylesheet>
