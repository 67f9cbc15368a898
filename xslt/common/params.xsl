<?xml version="1.0" encoding="UTF-8"?>
<!--
  The build parameters every stylesheet may receive. The build passes them
  (edition/render/document.py); the defaults keep a stand-alone run working.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <xsl:param name="document-id" as="xs:string" select="string(/tei:TEI/@xml:id)"/>
  <!-- where output/html/ is published; citations use it. A placeholder until it is known. -->
  <xsl:param name="edition-url" as="xs:string" select="''"/>
  <!-- Where the edition's files are: links from the folder of its pages (the document pages,
       the index, the persons index), which the format registry (edition/render/formats.py)
       computes and the build passes. No stylesheet names another format's file: without these, as in
       a run of one stylesheet alone, a page links to none of them. -->
  <!-- the edition's pages and the stylesheet they use -->
  <xsl:param name="index-href" as="xs:string" select="''"/>
  <xsl:param name="persons-href" as="xs:string" select="''"/>
  <xsl:param name="places-href" as="xs:string" select="''"/>
  <!-- An edition large enough for one page per entry of its registers (edition/render/pages.py):
       the folders of those pages (persons/, places/, orgs/ from html/); '' when each register has
       one page (persons.html, places.html) and an entry is a section of it -->
  <xsl:param name="persons-folder-href" as="xs:string" select="''"/>
  <xsl:param name="places-folder-href" as="xs:string" select="''"/>
  <xsl:param name="orgs-folder-href" as="xs:string" select="''"/>
  <!-- ... and the suffix of their files -->
  <xsl:param name="entry-page-suffix" as="xs:string" select="''"/>
  <!-- where the document pages are from the page a document's entries of the registers go on:
       '' for persons.html and places.html, '../' for an entry's own page -->
  <xsl:param name="entries-base-href" as="xs:string" select="''"/>
  <xsl:param name="css-href" as="xs:string" select="''"/>
  <xsl:param name="custom-css-href" as="xs:string" select="''"/>
  <!-- the document (document-id) in each format -->
  <xsl:param name="html-href" as="xs:string" select="''"/>
  <xsl:param name="text-href" as="xs:string" select="''"/>
  <xsl:param name="csl-href" as="xs:string" select="''"/>
  <xsl:param name="bibtex-href" as="xs:string" select="''"/>
  <!-- the source as encoded (output/tei/ID.xml) -->
  <xsl:param name="tei-href" as="xs:string" select="''"/>
  <!-- The entries of the edition's registers this document points at (edition/sources/registers.py
       entries_xml): <entries><entry pointer="registers/persons.xml#mao" id="mao" kind="person">the
       register's TEI element</entry>...</entries>. Without it (a stylesheet run alone) a pointer into a
       register reaches nothing. -->
  <xsl:param name="register-entries" as="document-node()?" select="()"/>
  <!-- the edition's title, on its index pages -->
  <!-- the edition's title (edition.toml's edition.title); without one, the catalogue's "A Digital Edition" -->
  <xsl:param name="edition-title" as="xs:string" select="''"/>
  <!-- the language of the pages' own words (a catalogue in xslt/i18n/): edition.toml's edition.language -->
  <xsl:param name="interface-language" as="xs:string" select="'en'"/>
  <!-- the catalogue of that language, already read (the build passes it; run alone: read from xslt/i18n/) -->
  <xsl:param name="messages" as="map(xs:string, xs:string)?" select="()"/>
  <!-- the script of the pages (the witness switch of an apparatus) -->
  <xsl:param name="js-href" as="xs:string" select="''"/>
  <!-- the witness whose readings stand in the text where an apparatus entry has no lemma (its
       xml:id; edition.toml's base-witness); '' for the first reading of each entry -->
  <xsl:param name="base-witness" as="xs:string" select="''"/>
  <!-- whether the text formats report the elements they have no rule for (functions/unstyled.xsl) -->
  <xsl:param name="report-unstyled" as="xs:boolean" select="false()"/>
</xsl:stylesheet>
