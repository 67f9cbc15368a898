<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition's index page, made in two parts so that no step holds every document:

  * with each document (the per-document step: document.xsl), its entry in the list, from the
    TEI document (mode index-entry);
  * once per build, the page: input <edition documents="N"/>. Where the list's entries go,
    the page holds <template data-index-entries=""></template>, which the pipeline replaces
    with the entries, sorted by date, as it writes the page (edition/render/pages.py).

  These are the rules; index.xsl at the top of xslt/ runs them alone (with common/),
  and document.xsl runs them with every other output of a document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="index">

  <!-- The search bundles to merge into the main one (pagefind/), space-separated, relative to this
       page: the shards edition/builder/search.py made of a large edition. Empty for a smaller one. -->
  <xsl:param name="search-bundles" as="xs:string" select="''"/>

  <!-- index: the page, from <edition> (the input site.py makes), or a document's entry, from a
       TEI document; from the document node down to the one element with a rule -->
  <xsl:mode name="index" on-no-match="shallow-skip"/>
  <!-- index-entry: a document's entry in the list, from the document node -->
  <xsl:mode name="index-entry" on-no-match="fail"/>

  <xsl:template match="/edition">
    <html lang="{$interface-language}">
      <xsl:call-template name="e:page-head">
        <xsl:with-param name="title" select="$e:edition-title"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="e:page-top">
          <xsl:with-param name="current" select="'index'"/>
        </xsl:call-template>
        <main>
          <h1><xsl:value-of select="$e:edition-title"/></h1>
          <p class="lead"><xsl:value-of select="e:count-label('documents', xs:integer(@documents)) || e:label('index-lead')"/></p>
          <!-- Full-text search (Pagefind, built by edition/builder/search.py into pagefind/, and for a large
               edition also into the shards pagefind/shard-N/ listed in data-bundles). Hidden until
               JavaScript has loaded the search UI over http(s); without JavaScript, or without the
               bundle, nothing of it shows and the page reads as before. -->
          <div id="search" class="search" hidden="">
            <xsl:if test="normalize-space($search-bundles)">
              <xsl:attribute name="data-bundles" select="normalize-space($search-bundles)"/>
            </xsl:if>
          </div>
          <script>
            (function () {
              var box = document.getElementById("search");
              if (location.protocol === "file:") return; /* Pagefind cannot fetch its index from file:// */
              /* paths from this page's own address, so that bundles and result links work wherever
                 the edition is served (https://host/edition/html/ as well as the server's root) */
              var here = function (path) { return new URL(path, location.href).pathname; };
              var ui = document.createElement("script");
              ui.src = "pagefind/pagefind-ui.js";
              ui.onload = function () {
                var css = document.createElement("link");
                css.rel = "stylesheet";
                css.href = "pagefind/pagefind-ui.css";
                document.head.appendChild(css);
                var shards = (box.getAttribute("data-bundles") || "").split(" ").filter(Boolean);
                new PagefindUI({ element: "#search", showImages: false, autofocus: false,
                                 bundlePath: here("pagefind/"), baseUrl: here("."),
                                 mergeIndex: shards.map(function (path) {
                                   return { bundlePath: here(path), baseUrl: here(".") };
                                 }) });
                var input = box.querySelector("input"), label = document.createElement("label");
                if (input) input.id = "search-input";
                label.htmlFor = "search-input";
                label.textContent = <xsl:value-of select="serialize(e:label('search'), map { 'method': 'json' })"/>;
                box.insertBefore(label, box.firstChild);
                box.hidden = false;
              };
              document.head.appendChild(ui);
            })();
          </script>
          <ol class="documents">
            <template data-index-entries=""></template>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- a TEI document, alone: its entry -->
  <xsl:template match="/tei:TEI">
    <xsl:apply-templates select="/" mode="index-entry"/>
  </xsl:template>

  <!-- A document's entry in the list, from the document node; document.xsl gives the summary it
       computed once (e:index-summary) -->
  <xsl:template match="/" mode="index-entry">
    <xsl:param name="summary" as="map(xs:string, xs:string)" select="e:index-summary(.)"/>
    <li class="document-entry">
      <p class="entry-meta">
        <xsl:if test="$summary?date != ''">
          <time datetime="{$summary?when}"><xsl:value-of select="$summary?date"/></time>
        </xsl:if>
        <xsl:if test="$summary?type != ''">
          <xsl:text> · </xsl:text><span class="doctype"><xsl:value-of select="$summary?type"/></span>
        </xsl:if>
      </p>
      <h2>
        <xsl:choose>
          <xsl:when test="$html-href"><a href="{$html-href}"><xsl:value-of select="$summary?title"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="$summary?title"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:if test="$summary?summary != ''">
        <p class="entry-summary"><xsl:value-of select="$summary?summary"/></p>
      </xsl:if>
      <xsl:if test="$text-href or $tei-href">
        <p class="entry-formats">
          <xsl:if test="$text-href"><a href="{$text-href}"><xsl:value-of select="e:label('plain-text')"/></a></xsl:if>
          <xsl:if test="$text-href and $tei-href"><xsl:text> · </xsl:text></xsl:if>
          <xsl:if test="$tei-href"><a href="{$tei-href}" type="application/tei+xml"><xsl:value-of select="e:label('tei-source')"/></a></xsl:if>
        </p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- What the index lists of a document, and sorts the list by (when, then title, then id), from
       its header: the first of each (the title, when there is none, is the id). Each text is its
       words joined by single spaces, every Unicode space separating words (as the index has
       always read them), not only the four of normalize-space(). -->
  <xsl:function name="e:index-summary" as="map(xs:string, xs:string)">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="header" select="$doc/*/tei:teiHeader"/>
    <xsl:variable name="date" select="($header/tei:profileDesc/tei:creation/tei:date)[1]"/>
    <xsl:sequence select="map {
        'id': $document-id,
        'when': string(($date/@when[. != ''], $date/@from[. != ''], $date/@notBefore[. != ''])[1]),
        'title': (e:words(($header/tei:fileDesc/tei:titleStmt/tei:title)[1])[. != ''], $document-id)[1],
        'date': (e:words($date)[. != ''], e:date-shown($date))[1],
        'type': e:words(($header/tei:profileDesc/tei:textClass//tei:term[@type = 'documentType'])[1]),
        'summary': e:words(($header/tei:profileDesc/tei:abstract)[1]) }"/>
  </xsl:function>

  <xsl:function name="e:words" as="xs:string">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="string-join(tokenize(string($node), '[\s\p{Z}&#x85;]+')[. != ''], ' ')"/>
  </xsl:function>
</xsl:stylesheet>
