<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the places page needs to know about one document (edition/render/pages.py collects it from
  every document and writes places.html): each place and organisation the document declares (a
  <place> or <org> with an xml:id: settingDesc, any listPlace or listOrg of its own) or points at in
  the edition's registers (registers/places.xml, orgs.xml), with every place on the document's page
  where it is named (any element whose @ref reaches it: placeName, orgName, name, rs, settlement...),
  as anchors of the page (e:anchor-of, as html.xsl writes them).

  The entry of the document under each (e:occurrences-entry) is rendered here, in the per-document
  step, and kept serialised, as persons-data.xsl does for the persons: the edition step only orders
  and joins entries, however many documents there are.

  Output: <document id when href>
            <place id sort mentions><name/>+<declared>the document's own place, serialised</declared>?<entry>the entry's HTML, serialised</entry></place>
            <org ...>...</org>...
          </document>
  (a place or organisation of the register has no <declared>: the register says what it is).

  These are the rules; places-data.xsl at the top of xslt/ runs them alone (with common/), and
  document.xsl runs them with every other output of a document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="places-data">

  <!-- places-data: what the places page needs of a document, from the document node (the only node
       it is applied to) -->
  <xsl:mode name="places-data" on-no-match="fail"/>

  <!-- every element by each pointer of its @ref: found once per document -->
  <xsl:key name="by-ref" match="*[@ref]" use="tokenize(normalize-space(@ref), ' ')"/>

  <xsl:template match="/">
    <xsl:variable name="doc" select="."/>
    <document id="{$document-id}" when="{e:date-parts(e:creation-date(.))[1]}" href="{$html-href}">
      <xsl:for-each select="e:indexed-places(.)">
        <xsl:variable name="kind" select="local-name()"/>
        <xsl:variable name="id" select="string(@xml:id)"/>
        <xsl:variable name="declared" select="exists(root(.)/tei:TEI)"/>
        <!-- "#id" for the document's own, and every pointer by which it reaches the register's entry of that id -->
        <xsl:variable name="pointers" select="('#' || $id)[$declared],
            (if (exists($register-entries)) then key('register-entry-by-id', $kind || ' ' || $id, $register-entries)/@pointer ! string(.) else ())"/>
        <xsl:variable name="occurrences" select="e:namings(key('by-ref', $pointers, $doc))"/>
        <xsl:variable name="names" select="distinct-values(*[e:is-entry-name(.)] ! normalize-space(.)[. != ''])"/>
        <xsl:element name="{$kind}">
          <xsl:attribute name="id" select="$id"/>
          <xsl:attribute name="sort" select="lower-case(($names[1], $id)[1])"/>
          <xsl:attribute name="mentions" select="count($occurrences)"/>
          <xsl:for-each select="($names[. != ''], $id)[1], subsequence($names, 2)"><name><xsl:value-of select="."/></name></xsl:for-each>
          <xsl:if test="$declared">
            <declared><xsl:value-of select="serialize(., $e:xml-serialization)"/></declared>
          </xsl:if>
          <entry><xsl:value-of select="serialize(e:occurrences-entry($doc, $occurrences,
              e:label(if ($kind = 'org') then 'declared-only-org' else 'declared-only-place')), $e:html-serialization)"/></entry>
        </xsl:element>
      </xsl:for-each>
    </document>
  </xsl:template>

  <!-- The places and organisations the places page lists for a document: those it declares, then those
       of the registers it points at that it does not declare (the same id is the same entry) -->
  <xsl:function name="e:indexed-places" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="declared" select="root($doc)/tei:TEI//(tei:place | tei:org)[@xml:id]"/>
    <xsl:variable name="keys" select="$declared ! (local-name() || ' ' || @xml:id)"/>
    <xsl:sequence select="$declared,
        ($register-entries/entries/entry[@kind = ('place', 'org')][not((@kind || ' ' || @id) = $keys)] => e:distinct-entries())/*"/>
  </xsl:function>
</xsl:stylesheet>
