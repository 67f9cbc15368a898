<?xml version="1.0" encoding="UTF-8"?>
<!--
  The persons index (output/html/persons.html), one entry per person id (the same id in
  two documents is the same person), sorted by surname (or id); under it every document,
  by date, with each speech the person gives and each place they are named, linked to its
  anchor on the document's page.

  Input, from edition/render/pages.py: the persons alone, in the order they first appear in the
  edition (documents by date), whatever the number of documents:
    <edition><person id sort><name/>+<details/>*</person>...</edition>
  (the first name is the one the person goes by, the others are other spellings). The
  documents' entries are rendered with each document (persons-data.xsl); in their place
  this page holds <template data-persons-entries="ID"></template>, which site.py replaces
  with the person's entries, in document order, as it writes the page.

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
          <xsl:variable name="groups" as="element(person)*">
            <xsl:perform-sort select="person">
              <xsl:sort select="@sort"/>
              <xsl:sort select="@id"/>
            </xsl:perform-sort>
          </xsl:variable>
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
              <!-- a person of the register: what the register says (its other names, roles, dates...) -->
              <xsl:variable name="entry" select="(tei:person, tei:personGrp)[1]"/>
              <xsl:for-each select="if (exists($entry)) then e:register-details($entry) else details">
                <p class="person-details"><xsl:value-of select="."/></p>
              </xsl:for-each>
              <xsl:if test="$entry/@role">
                <p class="person-role"><xsl:value-of select="e:label('role')"/>: <xsl:value-of select="normalize-space($entry/@role)"/></p>
              </xsl:if>
              <xsl:if test="count(name) gt 1">
                <p class="also-named"><xsl:value-of select="e:label('also-written')"/><xsl:text> </xsl:text><xsl:value-of select="string-join(subsequence(name, 2), '; ')"/></p>
              </xsl:if>
              <xsl:if test="$entry/tei:idno">
                <p class="authorities"><xsl:value-of select="e:label('authority-records')"/>:
                  <xsl:for-each select="$entry/tei:idno">
                    <xsl:variable name="record" select="e:authority(.)"/>
                    <xsl:if test="position() gt 1"><xsl:text> · </xsl:text></xsl:if>
                    <xsl:choose>
                      <xsl:when test="$record[2]"><a href="{$record[2]}" rel="external"><xsl:value-of select="$record[1] || ' ' || normalize-space(.)"/></a></xsl:when>
                      <xsl:otherwise><xsl:value-of select="$record[1] || ' ' || normalize-space(.)"/></xsl:otherwise>
                    </xsl:choose>
                  </xsl:for-each></p>
              </xsl:if>
              <p class="person-counts"><xsl:value-of select="e:counts(xs:integer(@documents), xs:integer(@speeches), xs:integer(@mentions))"/></p>
              <xsl:if test="xs:integer(@documents) gt 0">
                <ul class="person-documents"><template data-persons-entries="{$id}"></template></ul>
              </xsl:if>
            </section>
          </xsl:for-each>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- "In 2 documents: 3 speeches, 4 mentions." -->
  <xsl:function name="e:counts" as="xs:string">
    <xsl:param name="documents" as="xs:integer"/>
    <xsl:param name="speeches" as="xs:integer"/>
    <xsl:param name="mentions" as="xs:integer"/>
    <xsl:sequence select="if ($documents = 0) then e:label('named-nowhere')
        else e:count-label('in-documents', $documents) || ': '
          || (if ($speeches + $mentions = 0) then e:label('listed-participant')
              else string-join((
                if ($speeches gt 0) then e:count-label('speeches-count', $speeches) else (),
                if ($mentions gt 0) then e:count-label('mentions-count', $mentions) else ()), ', ')) || '.'"/>
  </xsl:function>
</xsl:stylesheet>
