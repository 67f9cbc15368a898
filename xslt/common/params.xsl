<?xml version="1.0" encoding="UTF-8"?>
<!--
  The build parameters every stylesheet may receive. edition/pipeline.py passes them;
  the defaults keep a stand-alone run working.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <xsl:param name="document-id" as="xs:string" select="string(/tei:TEI/@xml:id)"/>
  <!-- where output/html/ is published; citations use it. A placeholder until it is known. -->
  <xsl:param name="edition-url" as="xs:string" select="'[edition URL]'"/>
  <!-- where the edition-level pages and the other formats are, relative to a document page -->
  <xsl:param name="css-href" as="xs:string" select="'edition.css'"/>
  <xsl:param name="index-href" as="xs:string" select="'index.html'"/>
  <xsl:param name="persons-href" as="xs:string" select="'persons.html'"/>
  <xsl:param name="cite-folder" as="xs:string" select="'../cite/'"/>
  <xsl:param name="text-folder" as="xs:string" select="'../text/'"/>
  <!-- the edition's title, on its index pages -->
  <xsl:param name="edition-title" as="xs:string" select="'Records of Conversations: a Digital Edition'"/>
</xsl:stylesheet>
