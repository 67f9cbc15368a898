<?xml version="1.0" encoding="UTF-8"?>
<!--
  What reference managers and search engines read from a document's page: the citation_* meta
  tags (Google Scholar's, which Zotero's "Embedded Metadata" reads) and their Dublin Core
  equivalents (DC.*, declared by <link rel="schema.DC">), from the same header facts as the
  "How to cite" line and the CSL-JSON; and the original online source the header names.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- the document's own page where the source was published online (the archive's page): the
       first http(s) address the source description gives, as an idno of type URI (or URL) or a
       ref's target -->
  <xsl:function name="e:original-source" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="desc" select="root($doc)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:sequence select="(($desc//tei:idno[lower-case(@type) = ('uri', 'url')] ! normalize-space(.)),
        ($desc//tei:ref/@target ! normalize-space(.)))[matches(., '^https?://', 'i') and e:safe-href(.)][1]"/>
  </xsl:function>

  <!-- a name as reference managers read it: "Family, Given" when the header marks the parts -->
  <xsl:function name="e:citation-name" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="family" select="normalize-space(string-join($name//tei:surname, ' '))"/>
    <xsl:variable name="given" select="normalize-space(string-join($name//tei:forename, ' '))"/>
    <xsl:sequence select="if ($family and $given) then $family || ', ' || $given else normalize-space($name)"/>
  </xsl:function>

  <!-- the meta tags of a document's page -->
  <xsl:function name="e:reader-metadata" as="element()*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="header" select="$doc/tei:TEI/tei:teiHeader"/>
    <xsl:variable name="title" select="e:title($doc)"/>
    <xsl:variable name="authors" select="$header/tei:fileDesc/tei:titleStmt/tei:author"/>
    <xsl:variable name="contributors" select="(e:editors($doc), e:resp-names($doc, 'ctb'), e:resp-names($doc, 'trl'))"/>
    <xsl:variable name="date" select="e:date-parts(e:creation-date($doc))[1]"/>
    <xsl:variable name="publisher" select="($header/tei:fileDesc/tei:publicationStmt/tei:publisher ! normalize-space(.))[. != ''][1]"/>
    <xsl:variable name="language" select="($doc/tei:TEI/tei:text/@xml:lang, $doc/tei:TEI/@xml:lang)[1] ! string(.)"/>
    <xsl:variable name="abstract" select="$header/tei:profileDesc/tei:abstract[1] ! normalize-space(.)"/>
    <xsl:variable name="ms" select="($header/tei:fileDesc/tei:sourceDesc/tei:msDesc)[1]"/>
    <xsl:variable name="url" select="e:document-url()"/>
    <xsl:variable name="original" select="e:original-source($doc)"/>
    <meta name="citation_title" content="{$title}"/>
    <xsl:for-each select="$authors">
      <meta name="citation_author" content="{e:citation-name(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$date">
      <meta name="citation_date" content="{translate(., '-', '/')}"/>
    </xsl:for-each>
    <xsl:for-each select="$publisher">
      <meta name="citation_publisher" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$language">
      <meta name="citation_language" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$abstract[. != '']">
      <meta name="citation_abstract" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="e:document-types($doc)[. != '']">
      <meta name="citation_keywords" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$url">
      <meta name="citation_public_url" content="{.}"/>
    </xsl:for-each>
    <!-- Dublin Core -->
    <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    <meta name="DC.title" content="{$title}"/>
    <xsl:for-each select="$authors">
      <meta name="DC.creator" content="{e:citation-name(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$contributors">
      <meta name="DC.contributor" content="{e:citation-name(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$date">
      <meta name="DC.date" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$publisher">
      <meta name="DC.publisher" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$language">
      <meta name="DC.language" content="{.}"/>
    </xsl:for-each>
    <meta name="DC.type" content="Text"/>
    <xsl:for-each select="$abstract[. != '']">
      <meta name="DC.description" content="{.}"/>
    </xsl:for-each>
    <!-- the archive and the place in it, as the short archival citation says them -->
    <xsl:for-each select="$ms">
      <meta name="DC.source" content="{e:archival-citation(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$original">
      <meta name="DC.relation" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="$url">
      <meta name="DC.identifier" content="{.}"/>
    </xsl:for-each>
  </xsl:function>
</xsl:stylesheet>
