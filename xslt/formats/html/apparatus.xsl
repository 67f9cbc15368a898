<?xml version="1.0" encoding="UTF-8"?>
<!--
  The critical apparatus in HTML (common/functions/apparatus.xsl says which entries, their
  labels and texts): in the reading text, the reading that stands there and, hidden, the other
  readings with the witnesses that attest them (data-wit), which the witness switch (edition.js:
  a reader chooses a witness, and each variant place shows its reading) shows instead; a marker
  after each place, linked to its entry; the entries, after the notes, each linked back to its
  place, as footnotes are (DPUB-ARIA roles). Without JavaScript the lemma text stands.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="html">

  <!-- whether the page offers the witness switch (its readings say their witnesses) -->
  <xsl:variable name="e:switchable" as="xs:boolean" select="exists(e:switch-witnesses(/))"/>

  <!-- an app in the running text: the reading that stands in the text, the others hidden for the
       witness switch, and its marker -->
  <xsl:template match="tei:app[e:app-inline(.) or ancestor::tei:rdg]">
    <xsl:variable name="base" select="e:base-reading(.)"/>
    <xsl:variable name="label" select="e:app-label(.)"/>
    <span class="app">
      <xsl:for-each select="if ($e:switchable) then e:readings(current()) else $base">
        <span class="reading {local-name()}{' base'[current() is $base]}">
          <xsl:if test="$e:switchable"><xsl:attribute name="data-wit" select="e:witness-ids(.)"/></xsl:if>
          <xsl:if test="not(. is $base)"><xsl:attribute name="hidden" select="'hidden'"/></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:for-each>
      <xsl:if test="$label != ''">
        <xsl:call-template name="e:appref"><xsl:with-param name="label" select="$label"/></xsl:call-template>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- an app attached by anchors: its marker stands at its end anchor (formats/html/tei.xsl);
       nothing where it is -->
  <xsl:template match="tei:app[@from][e:app-anchored(.)]" priority="2"/>

  <!-- an app between blocks (location-referenced): its entry, where it stands -->
  <xsl:template match="tei:app">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'p'}">
      <xsl:attribute name="class" select="'app-entry'"/>
      <xsl:value-of select="e:app-entry(.)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:listApp">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($e:phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'listApp'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- details of a witness and readings, where they stand outside an app: as a note -->
  <xsl:template match="tei:witDetail | tei:lem | tei:rdg | tei:rdgGrp">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:app/tei:witDetail | tei:app/tei:note" priority="2"/>

  <xsl:template name="e:appref">
    <xsl:param name="label" as="xs:string"/>
    <sup class="appref"><a id="appref-{$label}" href="#app-{$label}" role="doc-noteref"
        aria-label="{e:label('apparatus-entry')} {$label}"><xsl:value-of select="$label"/></a></sup>
  </xsl:template>

  <!-- the witnesses, with their sigla -->
  <xsl:template match="tei:listWit" priority="2">
    <xsl:param name="e:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="box" select="not($e:phrasing)"/>
    <xsl:element name="{if ($box) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'listWit'"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:element name="{if ($box) then 'dl' else 'span'}">
        <xsl:attribute name="class" select="'witnesses'"/>
        <xsl:for-each select="tei:witness | tei:listWit">
          <xsl:element name="{if ($box) then 'dt' else 'span'}">
            <xsl:if test="@xml:id"><xsl:attribute name="id" select="'witness-' || @xml:id"/></xsl:if>
            <xsl:attribute name="class" select="'siglum'"/>
            <xsl:value-of select="if (@xml:id) then e:siglum(., '#' || @xml:id) else (tei:abbr[@type = 'siglum'], @n)[1]"/>
          </xsl:element>
          <xsl:element name="{if ($box) then 'dd' else 'span'}">
            <xsl:choose>
              <xsl:when test="self::tei:listWit"><xsl:apply-templates select="."/></xsl:when>
              <xsl:otherwise>
                <xsl:apply-templates select="node() except tei:abbr[@type = 'siglum'][1]">
                  <xsl:with-param name="e:phrasing" select="not($box)" tunnel="yes"/>
                </xsl:apply-templates>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:element>
        </xsl:for-each>
      </xsl:element>
    </xsl:element>
  </xsl:template>

  <!-- the switch between the edited text and each witness (shown by edition.js) -->
  <xsl:template name="e:witness-switch">
    <xsl:if test="$e:switchable">
      <div id="witness-switch" class="witness-switch" hidden="hidden" data-pagefind-ignore="all">
        <label for="witness-select"><xsl:value-of select="e:label('reading-text')"/></label>
        <xsl:text> </xsl:text>
        <select id="witness-select">
          <option value=""><xsl:value-of select="e:label('edited-text')"/></option>
          <xsl:for-each select="e:switch-witnesses(/)">
            <option value="{@xml:id}"><xsl:value-of select="e:siglum(., '#' || @xml:id)"/>
              <xsl:variable name="about" select="normalize-space(string-join(node() except tei:abbr[@type = 'siglum'][1]))"/>
              <xsl:if test="$about != ''"><xsl:value-of select="' — ' || e:snippet-text($about, 8)"/></xsl:if>
            </option>
          </xsl:for-each>
        </select>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- the apparatus: its entries, each linked back to its place -->
  <xsl:template name="apparatus">
    <xsl:variable name="apps" select="e:apps(.)"/>
    <xsl:if test="exists($apps)">
      <section id="apparatus" class="apparatus" role="doc-endnotes" aria-labelledby="apparatus-h">
        <h2 id="apparatus-h"><xsl:value-of select="e:label('apparatus')"/></h2>
        <ol type="a">
          <xsl:for-each select="$apps">
            <xsl:variable name="label" select="e:app-label(.)"/>
            <li id="app-{$label}">
              <xsl:value-of select="e:app-entry(.)"/>
              <xsl:text> </xsl:text>
              <a href="#appref-{$label}" role="doc-backlink"
                  aria-label="{e:label('back-to-text')} ({e:label('apparatus-entry')} {$label})">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
