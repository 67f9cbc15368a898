<?xml version="1.0" encoding="UTF-8"?>
<!--
  The places page (output/html/places.html): every place and every organisation of the edition,
  one entry per id (the same id in two documents, or in a document and a register, is the same
  entry), sorted by name; each with what the register (or the document that declares it) says:
  other names, coordinates with a link to a map, authority records, descriptions and notes;
  under it every document, by date, with each place it is named, linked to its anchor on the
  document's page. Places first, then organisations (their own section, when there are any).

  Input, from edition/render/pages.py, as for the persons page (pages/persons.xsl):
    <edition pages="one|index|entries">
      <place id sort documents speeches mentions><name/>+(tei:place)*</place>...
      <org ...><name/>+(tei:org)*</org>...
    </edition>
  (the TEI elements: the register's entry first, then the declarations of the documents, each
  once). Each entry's documents are a slot, <template data-register-entries="place ID"></template>,
  that pages.py fills as it writes the page; pages="index" and pages="entries" as in persons.xsl
  (the entries' pages are "place FILE" and "org FILE", in html/places/ and html/orgs/).

  These are the rules; places.xsl at the top of xslt/ runs them (with common/).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:e="urn:edition:functions"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    default-mode="places">

  <!-- places: the page, from <edition> (the input site.py makes) -->
  <xsl:mode name="places" on-no-match="shallow-skip"/>

  <xsl:template match="/edition">
    <xsl:variable name="places" as="element(place)*">
      <xsl:perform-sort select="place"><xsl:sort select="@sort"/><xsl:sort select="@id"/></xsl:perform-sort>
    </xsl:variable>
    <xsl:variable name="orgs" as="element(org)*">
      <xsl:perform-sort select="org"><xsl:sort select="@sort"/><xsl:sort select="@id"/></xsl:perform-sort>
    </xsl:variable>
    <xsl:variable name="title" select="e:label(if (exists($orgs)) then 'places-and-orgs' else 'places')"/>
    <xsl:choose>
      <xsl:when test="@pages = 'entries'">
        <xsl:result-document href="urn:edition:pages" build-tree="no">
          <xsl:map>
            <xsl:for-each select="$places, $orgs">
              <xsl:map-entry key="local-name() || ' ' || e:entry-file(@id)">
                <xsl:variable name="page">
                  <xsl:call-template name="e:place-page"><xsl:with-param name="entity" select="."/></xsl:call-template>
                </xsl:variable>
                <xsl:sequence select="serialize($page, $e:html-serialization)"/>
              </xsl:map-entry>
            </xsl:for-each>
          </xsl:map>
        </xsl:result-document>
      </xsl:when>
      <xsl:otherwise>
        <html lang="{$interface-language}">
          <xsl:call-template name="e:page-head">
            <xsl:with-param name="title" select="$title || ' · ' || $e:edition-title"/>
          </xsl:call-template>
          <body>
            <xsl:call-template name="e:page-top">
              <xsl:with-param name="current" select="'places'"/>
            </xsl:call-template>
            <main class="places-index">
              <h1><xsl:value-of select="$title"/></h1>
              <p class="lead"><xsl:value-of select="
                  if (empty(($places, $orgs))) then e:label('places-none')
                  else string-join((e:count-label('places-count', count($places))[exists($places)],
                                    e:count-label('orgs-count', count($orgs))[exists($orgs)]), e:label('and'))
                    || e:label(if (@pages = 'index') then 'places-index-lead' else 'places-lead')"/></p>
              <!-- with organisations, the page has a section for each kind (entries one heading below) -->
              <xsl:variable name="grouped" select="exists($orgs)"/>
              <xsl:for-each select="('place', 'org')">
                <xsl:variable name="kind" select="."/>
                <xsl:variable name="entities" select="if ($kind = 'place') then $places else $orgs"/>
                <xsl:variable name="label" select="if ($kind = 'place') then 'places' else 'orgs'"/>
                <xsl:if test="exists($entities)">
                  <xsl:choose>
                    <xsl:when test="$grouped">
                      <section class="{$label}" aria-labelledby="{$label}-h">
                        <h2 id="{$label}-h"><xsl:value-of select="e:label($label)"/></h2>
                        <xsl:call-template name="e:place-list">
                          <xsl:with-param name="entities" select="$entities"/>
                          <xsl:with-param name="index" select="root($entities[1])/edition/@pages = 'index'"/>
                          <xsl:with-param name="level" select="3"/>
                        </xsl:call-template>
                      </section>
                    </xsl:when>
                    <xsl:otherwise>
                      <xsl:call-template name="e:place-list">
                        <xsl:with-param name="entities" select="$entities"/>
                        <xsl:with-param name="index" select="root($entities[1])/edition/@pages = 'index'"/>
                        <xsl:with-param name="level" select="2"/>
                      </xsl:call-template>
                    </xsl:otherwise>
                  </xsl:choose>
                </xsl:if>
              </xsl:for-each>
            </main>
          </body>
        </html>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the places (or organisations) of the page: an index of links (pages="index"), or the names,
       then each entry's section -->
  <xsl:template name="e:place-list">
    <xsl:param name="entities" as="element()+"/>
    <xsl:param name="index" as="xs:boolean"/>
    <xsl:param name="level" as="xs:integer"/>
    <xsl:variable name="kind" select="local-name($entities[1])"/>
    <xsl:choose>
      <xsl:when test="$index">
        <xsl:call-template name="e:entity-index"><xsl:with-param name="entities" select="$entities"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <nav class="persons-toc" aria-label="{e:label(if ($kind = 'org') then 'orgs' else 'places')}">
          <ul>
            <xsl:for-each select="$entities">
              <li><a href="#{$kind}-{@id}"><xsl:value-of select="name[1]"/></a></li>
            </xsl:for-each>
          </ul>
        </nav>
        <xsl:for-each select="$entities">
          <section class="{$kind}" id="{$kind}-{@id}" aria-labelledby="{$kind}-{@id}-h">
            <xsl:element name="h{$level}">
              <xsl:attribute name="id" select="$kind || '-' || @id || '-h'"/>
              <xsl:value-of select="name[1]"/>
            </xsl:element>
            <xsl:call-template name="e:place-body"><xsl:with-param name="entity" select="."/></xsl:call-template>
          </section>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a place's (or organisation's) own page (html/places/FILE.html, html/orgs/FILE.html) -->
  <xsl:template name="e:place-page">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="kind" select="local-name($entity)"/>
    <html lang="{$interface-language}">
      <xsl:call-template name="e:page-head">
        <xsl:with-param name="title" select="$entity/name[1] || ' · ' || e:label(if ($kind = 'org') then 'orgs' else 'places') || ' · ' || $e:edition-title"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="e:page-top"/>
        <main class="places-index entry-page">
          <article class="{$kind}" id="{$kind}-{$entity/@id}" aria-labelledby="{$kind}-{$entity/@id}-h">
            <h1 id="{$kind}-{$entity/@id}-h"><xsl:value-of select="$entity/name[1]"/></h1>
            <xsl:call-template name="e:place-body"><xsl:with-param name="entity" select="$entity"/></xsl:call-template>
          </article>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- what the page says of a place or organisation under its name -->
  <xsl:template name="e:place-body">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="kind" select="local-name($entity)"/>
    <!-- the register's entry, then the documents' own declarations of that id -->
    <xsl:variable name="records" select="$entity/(tei:place | tei:org)"/>
    <xsl:if test="count($entity/name) gt 1">
      <p class="also-named"><xsl:value-of select="e:label('also-written')"/><xsl:text> </xsl:text><xsl:value-of select="string-join(subsequence($entity/name, 2), '; ')"/></p>
    </xsl:if>
    <xsl:for-each select="distinct-values($records ! e:coordinates(.) ! normalize-space(.))">
      <xsl:variable name="point" select="e:lat-long(($records ! e:coordinates(.))[normalize-space(.) = current()][1])"/>
      <p class="coordinates"><xsl:value-of select="e:label('coordinates')"/><xsl:text>: </xsl:text><xsl:value-of select="."/>
        <xsl:if test="exists($point)"><xsl:text> · </xsl:text><a href="{e:map-href($point)}" rel="external"><xsl:value-of select="e:label('map')"/></a></xsl:if></p>
    </xsl:for-each>
    <xsl:for-each select="distinct-values($records ! e:register-details(.))">
      <p class="entry-details"><xsl:value-of select="."/></p>
    </xsl:for-each>
    <xsl:call-template name="e:authorities"><xsl:with-param name="entries" select="$records"/></xsl:call-template>
    <p class="entry-counts"><xsl:value-of select="e:entity-counts($entity)"/></p>
    <xsl:if test="xs:integer($entity/@documents) gt 0">
      <ul class="entry-documents"><template data-register-entries="{$kind} {$entity/@id}"></template></ul>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
