<?xml version="1.0" encoding="UTF-8"?>
<!--
  The persons index (output/html/persons.html), one entry per person id (the same id in
  two documents is the same person), sorted by surname (or id); under it every document,
  by date, with each speech the person gives and each place they are named, linked to its
  anchor on the document's page.

  Input, from edition/render/pages.py: the persons alone, in the order they first appear in the
  edition (documents by date), whatever the number of documents:
    <edition pages="one|index|entries"><person id sort file documents speeches mentions><name/>+<details/>*(tei:person)?</person>...</edition>
  (the first name is the one the person goes by, the others are other spellings; a person of the
  register brings its entry). The documents' entries are rendered with each document
  (persons-data.xsl); in their place a page holds <template data-register-entries="person ID"></template>,
  which pages.py replaces with the person's entries, in document order, as it writes the page.

  pages="one": the whole index on one page (an edition below the size at which each person gets a
  page of their own, edition/render/pages.py ENTRY_PAGES_FROM).
  pages="index": the index of a larger edition: each person's name, years and counts, linked to the
  person's own page (persons-folder-href).
  pages="entries": the persons' own pages, each as an entry of the map in the result document
  urn:edition:pages: "person FILE" (e:entry-file) -> the page, serialised. The build renders them with
  the links from their folder (html/persons/).

  These are the rules; persons.xsl at the top of xslt/ runs them (with common/).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:e="urn:edition:functions"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    default-mode="persons">


  <!-- persons: the page, from <edition> (the input site.py makes: from the document node down
       to <edition>, nothing else is there to skip) -->
  <xsl:mode name="persons" on-no-match="shallow-skip"/>

  <xsl:template match="/edition">
    <xsl:variable name="groups" as="element(person)*">
      <xsl:perform-sort select="person">
        <xsl:sort select="@sort"/>
        <xsl:sort select="@id"/>
      </xsl:perform-sort>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@pages = 'entries'">
        <xsl:result-document href="urn:edition:pages" build-tree="no">
          <xsl:map>
            <xsl:for-each select="$groups">
              <xsl:map-entry key="'person ' || e:entry-file(@id)">
                <xsl:variable name="page">
                  <xsl:call-template name="e:person-page"><xsl:with-param name="person" select="."/></xsl:call-template>
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
            <xsl:with-param name="title" select="e:label('persons') || ' · ' || $e:edition-title"/>
          </xsl:call-template>
          <body>
            <xsl:call-template name="e:page-top">
              <xsl:with-param name="current" select="'persons'"/>
            </xsl:call-template>
            <main class="persons-index">
              <h1><xsl:value-of select="e:label('persons')"/></h1>
              <xsl:choose>
                <xsl:when test="@pages = 'index'">
                  <p class="lead"><xsl:value-of select="e:count-label('persons-count', count($groups)) || e:label('persons-index-lead')"/></p>
                  <xsl:call-template name="e:entity-index"><xsl:with-param name="entities" select="$groups"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <p class="lead"><xsl:value-of select="e:count-label('persons-count', count($groups)) || e:label('persons-lead')"/></p>
                  <xsl:if test="exists($groups)">
                    <nav class="persons-toc" aria-label="{e:label('persons')}">
                      <ul>
                        <xsl:for-each select="$groups">
                          <li><a href="#person-{@id}"><xsl:value-of select="name[1]"/></a></li>
                        </xsl:for-each>
                      </ul>
                    </nav>
                  </xsl:if>
                  <xsl:for-each select="$groups">
                    <xsl:variable name="id" select="string(@id)"/>
                    <section class="person" id="person-{$id}" aria-labelledby="person-{$id}-h">
                      <h2 id="person-{$id}-h"><xsl:value-of select="name[1]"/></h2>
                      <xsl:call-template name="e:person-body"><xsl:with-param name="person" select="."/></xsl:call-template>
                    </section>
                  </xsl:for-each>
                </xsl:otherwise>
              </xsl:choose>
            </main>
          </body>
        </html>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a person's own page (html/persons/FILE.html) -->
  <xsl:template name="e:person-page">
    <xsl:param name="person" as="element(person)"/>
    <html lang="{$interface-language}">
      <xsl:call-template name="e:page-head">
        <xsl:with-param name="title" select="$person/name[1] || ' · ' || e:label('persons') || ' · ' || $e:edition-title"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="e:page-top"/>
        <main class="persons-index entry-page">
          <article class="person" id="person-{$person/@id}" aria-labelledby="person-{$person/@id}-h">
            <h1 id="person-{$person/@id}-h"><xsl:value-of select="$person/name[1]"/></h1>
            <xsl:call-template name="e:person-body"><xsl:with-param name="person" select="$person"/></xsl:call-template>
          </article>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- what the persons page says of a person under their name -->
  <xsl:template name="e:person-body">
    <xsl:param name="person" as="element(person)"/>
    <!-- a person of the register: what the register says (its other names, roles, dates...) -->
    <xsl:variable name="entry" select="($person/tei:person, $person/tei:personGrp)[1]"/>
    <xsl:for-each select="if (exists($entry)) then e:register-details($entry) else $person/details">
      <p class="person-details"><xsl:value-of select="."/></p>
    </xsl:for-each>
    <xsl:if test="$entry/@role">
      <p class="person-role"><xsl:value-of select="e:label('role')"/>: <xsl:value-of select="normalize-space($entry/@role)"/></p>
    </xsl:if>
    <xsl:if test="count($person/name) gt 1">
      <p class="also-named"><xsl:value-of select="e:label('also-written')"/><xsl:text> </xsl:text><xsl:value-of select="string-join(subsequence($person/name, 2), '; ')"/></p>
    </xsl:if>
    <xsl:call-template name="e:authorities"><xsl:with-param name="entries" select="$entry"/></xsl:call-template>
    <p class="person-counts"><xsl:value-of select="e:entity-counts($person)"/></p>
    <xsl:if test="xs:integer($person/@documents) gt 0">
      <ul class="person-documents"><template data-register-entries="person {$person/@id}"></template></ul>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
