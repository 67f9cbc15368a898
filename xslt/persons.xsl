<?xml version="1.0" encoding="UTF-8"?>
<!--
  The persons index (output/html/persons.html). Input: what persons-data.xsl says
  about each document, gathered by edition/site.py:
  <edition><document id when href>...<person id sort>...</person></document>...</edition>
  One entry per person id (the same id in two documents is the same person), sorted
  by surname (or id); under it every document, by date, with each speech the person
  gives and each place they are named, linked to its anchor on the document's page.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <xsl:import href="common/common.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:param name="edition-title" as="xs:string" select="'Records of Conversations: a Digital Edition'"/>
  <xsl:param name="css-href" as="xs:string" select="'edition.css'"/>
  <xsl:param name="index-href" as="xs:string" select="'index.html'"/>

  <xsl:mode on-no-match="shallow-skip"/>

  <xsl:variable name="where-labels" as="map(xs:string, xs:string)" select="map {
      'note': 'in a note', 'paragraph': 'in the text', 'speech': 'in a speech',
      'related': 'in the related documents', 'source': 'in the source description',
      'transcript': 'in the transcript', 'page': 'on the page' }"/>

  <xsl:template match="/edition">
    <xsl:variable name="documents" as="element(document)*">
      <xsl:perform-sort select="document">
        <xsl:sort select="(@when[. != ''], '9999')[1]"/>
        <xsl:sort select="title"/>
        <xsl:sort select="@id"/>
      </xsl:perform-sort>
    </xsl:variable>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="e:label('persons') || ' · ' || $edition-title"/></title>
        <link rel="stylesheet" href="{$css-href}"/>
      </head>
      <body>
        <nav class="site" aria-label="Edition">
          <a href="{$index-href}"><xsl:value-of select="e:label('index')"/></a>
          <xsl:text> · </xsl:text>
          <a href="{$persons-href}" aria-current="page"><xsl:value-of select="e:label('persons')"/></a>
        </nav>
        <main class="persons-index">
          <h1><xsl:value-of select="e:label('persons')"/></h1>
          <xsl:variable name="groups" as="element(person)*">
            <xsl:for-each-group select="$documents/person" group-by="@id">
              <xsl:sort select="current-group()[1]/@sort"/>
              <xsl:sort select="current-grouping-key()"/>
              <xsl:sequence select="current-group()[1]"/>
            </xsl:for-each-group>
          </xsl:variable>
          <p class="lead"><xsl:value-of select="count($groups)"/>
            <xsl:value-of select="if (count($groups) = 1) then ' person' else ' persons'"/>
            <xsl:text>, each with every speech they give and every place they are named.</xsl:text></p>
          <xsl:if test="exists($groups)">
            <nav class="persons-toc" aria-label="{e:label('persons')}">
              <ul>
                <xsl:for-each select="$groups">
                  <li><a href="#person-{@id}"><xsl:value-of select="name"/></a></li>
                </xsl:for-each>
              </ul>
            </nav>
          </xsl:if>
          <xsl:for-each select="$groups">
            <xsl:variable name="id" select="string(@id)"/>
            <section class="person" id="person-{$id}" aria-labelledby="person-{$id}-h">
              <h2 id="person-{$id}-h"><xsl:value-of select="name"/></h2>
              <xsl:for-each select="distinct-values($documents/person[@id = $id]/details)">
                <p class="person-details"><xsl:value-of select="."/></p>
              </xsl:for-each>
              <xsl:variable name="names" select="distinct-values($documents/person[@id = $id]/name)"/>
              <xsl:if test="count($names) gt 1">
                <p class="also-named">Also written: <xsl:value-of select="string-join(subsequence($names, 2), '; ')"/></p>
              </xsl:if>
              <ul class="person-documents">
                <xsl:for-each select="$documents/person[@id = $id]">
                  <xsl:variable name="doc" select="parent::document"/>
                  <li>
                    <p class="person-document"><a href="{$doc/@href}"><xsl:value-of select="$doc/title"/></a>
                      <xsl:if test="string($doc/date)">
                        <xsl:text> · </xsl:text><span class="date"><xsl:value-of select="$doc/date"/></span>
                      </xsl:if></p>
                    <xsl:choose>
                      <xsl:when test="exists(occurrence)">
                        <ul class="occurrences">
                          <xsl:for-each select="occurrence">
                            <li class="{@kind}">
                              <span class="kind"><xsl:value-of select="if (@kind = 'speech') then 'Speaks' else 'Named ' || $where-labels(string(@where))"/></span>
                              <xsl:text> </xsl:text>
                              <a href="{$doc/@href}{if (string(@anchor)) then '#' || @anchor else ''}">
                                <xsl:value-of select="if (normalize-space(.)) then '“' || normalize-space(.) || '”'
                                    else if (@where = ('source', 'related', 'transcript')) then e:label(string(@where))
                                    else $doc/title"/>
                              </a>
                            </li>
                          </xsl:for-each>
                        </ul>
                      </xsl:when>
                      <xsl:otherwise>
                        <p class="occurrences-none">Listed as a participant; neither speaks nor is named in the text.</p>
                      </xsl:otherwise>
                    </xsl:choose>
                  </li>
                </xsl:for-each>
              </ul>
            </section>
          </xsl:for-each>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
