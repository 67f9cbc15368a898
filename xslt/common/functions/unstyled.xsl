<?xml version="1.0" encoding="UTF-8"?>
<!--
  Elements without a rendering rule. Where a text format (html.xsl, text.xsl) has no rule for
  an element of the text, its mode's last rule renders the element's content plainly (nothing
  is dropped) and calls e:no-rule, which says so when the pipeline asks (report-unstyled):
  an xsl:message "e:no-rule FORMAT NUMBER NAME" (the format's name in the registry, the
  element's number among the document's elements in document order, from 1, and its name: a
  TEI element's local name, any other's {namespace}name, {}name in no namespace), which
  edition/render/saxon.py collects from the same run that renders. Every element of TEI has a
  rule (docs/coverage.md; tests/render/test_coverage.py): the pipeline reports an element of
  another namespace that no text format had a rule for (warning unstyled-element). Only elements
  of the document's text are reported, not of its header.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- an element's number among the document's elements, in document order (the root is 1):
       computed in one pass over the document, the first time a rule without a match asks -->
  <xsl:accumulator name="e:element-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="*" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:template name="e:no-rule">
    <xsl:param name="format" as="xs:string"/>
    <xsl:if test="$report-unstyled and ancestor::tei:text[parent::*[not(parent::*)]]">
      <xsl:message select="'e:no-rule', $format, accumulator-before('e:element-number'),
          if (namespace-uri() = 'http://www.tei-c.org/ns/1.0') then local-name()
          else '{' || namespace-uri() || '}' || local-name()"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
