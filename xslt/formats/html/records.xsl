<?xml version="1.0" encoding="UTF-8"?>
<!--
  Descriptions and references in HTML: manuscript descriptions (msDesc, in the header's Source
  or in the text of a catalogue record) as a structured description; bibliographies (listBibl,
  bibl, biblStruct) as formatted references.

  A manuscript description whose every word the Source panel's facts say (common/functions/
  source.xsl: repository, shelfmark, sheets, form, provenance: the seed's kind) keeps that
  panel; any other is described part by part (mode ms): its identifier, then its contents, its
  physical description, its history and what else it says, each fact with its label.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="html">

  <!-- ms: the parts of a manuscript description (applied to the children of msDesc, msPart, msFrag) -->
  <xsl:mode name="ms" on-no-match="fail"/>

  <!-- a manuscript description the Source panel does not say whole, in the header -->
  <xsl:template match="tei:msDesc[not(e:ms-simple(.))]" mode="source" priority="2">
    <section class="source msDesc" aria-labelledby="{e:source-heading-id(.)}">
      <xsl:if test=". is (../../tei:sourceDesc/tei:msDesc)[1]"><xsl:attribute name="id" select="'source'"/></xsl:if>
      <h2 id="{e:source-heading-id(.)}"><xsl:value-of select="e:label('source')"/></h2>
      <xsl:apply-templates select="*" mode="ms"><xsl:with-param name="level" select="3" tunnel="yes"/></xsl:apply-templates>
    </section>
  </xsl:template>

  <!-- the id of a Source section's heading (one per msDesc of the header) -->
  <xsl:function name="e:source-heading-id" as="xs:string">
    <xsl:param name="ms" as="element()"/>
    <xsl:variable name="n" select="count($ms/preceding-sibling::tei:msDesc) + 1"/>
    <xsl:sequence select="if ($n = 1) then 'source-h' else 'source-h-' || $n"/>
  </xsl:function>

  <!-- a manuscript description in the text (a catalogue record), or a part of one -->
  <xsl:template match="tei:msDesc | tei:msPart | tei:msFrag">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:apply-templates select="*" mode="ms"><xsl:with-param name="level" select="e:inner-heading-level(.)" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- its identifier: place, institution, repository, collection, shelfmark, in one line -->
  <xsl:template match="tei:msIdentifier | tei:altIdentifier" mode="ms">
    <p class="{local-name()}">
      <xsl:if test="self::tei:altIdentifier"><span class="field-label"><xsl:value-of select="e:field-label(.)"/>:</span><xsl:text> </xsl:text></xsl:if>
      <xsl:for-each select="*[not(self::tei:altIdentifier | self::tei:msName)]">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:apply-templates select="."><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
      </xsl:for-each>
      <xsl:for-each select="tei:msName">
        <xsl:text> </xsl:text><i class="msName"><xsl:apply-templates/></i>
      </xsl:for-each>
    </p>
    <xsl:apply-templates select="tei:altIdentifier" mode="ms"/>
  </xsl:template>

  <xsl:template match="tei:head" mode="ms">
    <p class="head"><xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></p>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" mode="ms">
    <p><xsl:apply-templates><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></p>
  </xsl:template>

  <!-- blocks and whole descriptions keep their own rendering -->
  <xsl:template match="tei:msPart | tei:msFrag | tei:msDesc | tei:listBibl | tei:list | tei:table | tei:figure
      | tei:listWit | tei:lg | tei:quote | tei:cit | tei:pb | tei:lb | tei:graphic" mode="ms">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- a part that holds parts (msContents, physDesc, an item, a hand...): its label, what its
       attributes say (form, material), then its parts; a part with text of its own: a fact -->
  <xsl:template match="*" mode="ms">
    <xsl:param name="level" as="xs:integer" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="text()[normalize-space()] or not(*)">
        <xsl:call-template name="e:field"/>
      </xsl:when>
      <xsl:otherwise>
        <div class="ms-part {local-name()}">
          <xsl:element name="{if (parent::tei:msDesc and $level le 6) then 'h' || $level else 'p'}">
            <xsl:attribute name="class" select="'ms-heading'"/>
            <xsl:value-of select="e:field-label(.)"/>
            <xsl:for-each select="@n | @defective[. = 'true']"><xsl:text> </xsl:text><xsl:value-of select="."/></xsl:for-each>
          </xsl:element>
          <xsl:for-each select="@form | @material | @scope | @type[not(parent::tei:msItem)]">
            <p class="field"><span class="field-label"><xsl:value-of select="e:label('ms-' || local-name())"/>:</span><xsl:text> </xsl:text><xsl:value-of select="."/></p>
          </xsl:for-each>
          <xsl:apply-templates select="*" mode="ms"><xsl:with-param name="level" select="$level + 1" tunnel="yes"/></xsl:apply-templates>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===================================================== bibliographies -->

  <!-- a list of references: its heading, then one reference an item (a list in the back matter is a
       section of its own: the seed's related documents) -->
  <xsl:template match="tei:listBibl[not(parent::tei:back)]">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="box" select="not($e:phrasing)"/>
    <xsl:element name="{if ($box) then 'div' else 'span'}">
      <xsl:attribute name="class" select="string-join(('listBibl', @type), ' ')"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:if test="* except tei:head">
        <xsl:element name="{if ($box) then 'ul' else 'span'}">
          <xsl:apply-templates select="* except tei:head" mode="bibl-item"/>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- bibl-item: one item of a list of references -->
  <xsl:mode name="bibl-item" on-no-match="fail"/>
  <xsl:template match="*" mode="bibl-item">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'li'}">
      <xsl:attribute name="class" select="'bibl-item'"/>
      <xsl:apply-templates select="."/>
    </xsl:element>
  </xsl:template>
  <!-- a related document keeps its own item (the seed's) -->
  <xsl:template match="tei:listBibl[@type = 'related']/tei:bibl" mode="bibl-item" priority="2">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- a reference: as the source says it, or, made only of its parts, its parts in order, separated -->
  <xsl:template match="tei:bibl">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing or not(parent::*[e:is-container(.)])) then 'span' else 'p'}">
      <xsl:attribute name="class" select="'bibl'"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:call-template name="e:joined"/>
    </xsl:element>
  </xsl:template>

  <!-- a structured reference: its parts (the article, the book or journal, the series) in turn, each
       made of its own parts; a title in italics (a book) or in quotation marks (an article) -->
  <xsl:template match="tei:biblStruct">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing or not(parent::*[e:is-container(.)])) then 'span' else 'p'}">
      <xsl:attribute name="class" select="'biblStruct'"/>
      <xsl:apply-templates select="@xml:id" mode="e:id"/>
      <xsl:for-each select="*">
        <xsl:if test="position() gt 1"><xsl:text>. </xsl:text></xsl:if>
        <xsl:apply-templates select="."><xsl:with-param name="e:phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:analytic | tei:monogr | tei:series[parent::tei:biblStruct]">
    <span class="{local-name()}"><xsl:call-template name="e:joined"/></span>
  </xsl:template>
  <xsl:template match="tei:analytic/tei:title" priority="2">“<xsl:apply-templates/>”</xsl:template>
  <xsl:template match="tei:monogr/tei:title | tei:series/tei:title" priority="2"><cite><xsl:apply-templates/></cite></xsl:template>
</xsl:stylesheet>
