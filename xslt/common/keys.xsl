<?xml version="1.0" encoding="UTF-8"?>
<!--
  The keys: elements looked up by id, and the elements a document's editorial signs come from.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <xsl:key name="person-by-id" match="tei:person" use="@xml:id"/>
  <xsl:key name="place-by-id" match="tei:place" use="@xml:id"/>
  <xsl:key name="element-by-id" match="*[@xml:id]" use="@xml:id"/>
  <!-- notes that point at what they are about (@target) -->
  <xsl:key name="e:note-by-target" match="tei:note[@target]" use="tokenize(normalize-space(@target))"/>
  <!-- a register entry by the pointer a document reaches it by, and by its id ($register-entries) -->
  <xsl:key name="register-entry" match="entry" use="@pointer"/>
  <xsl:key name="register-entry-by-id" match="entry" use="@kind || ' ' || @id"/>

  <!-- the elements e:sign-key gives a key for (and notes it does not: e:sign-key decides) -->
  <xsl:key name="e:sign-elements" match="tei:choice | tei:note | tei:supplied | tei:unclear | tei:gap
      | tei:foreign | tei:add | tei:del | tei:pb | tei:app | tei:sic | tei:surplus | tei:secl | tei:ex | tei:damage
      | tei:space | tei:handShift | tei:cb | tei:gb | tei:milestone | tei:fw | tei:metamark" use="0"/>
</xsl:stylesheet>
