<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition's index page, made in two parts so that no step holds every document:

  * with each document (the per-document step), its entry in the list:
    input <entry><document id when><title/><date/><place/><type/><summary/></document></entry>;
  * once per build, the page: input <edition documents="N"/>. Where the list's entries go,
    the page holds <template data-index-entries=""></template>, which the pipeline replaces
    with the entries, sorted by date, as it writes the page (edition/site.py).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all"
    default-mode="index">

  <xsl:import href="common/common.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- The search bundles to merge into the main one (pagefind/), space-separated, relative to this
       page: the shards edition/search.py made of a large edition. Empty for a smaller one. -->
  <xsl:param name="search-bundles" as="xs:string" select="''"/>

  <!-- index: the page (from <edition>) or a document's entry in it (from <entry>): the input
       site.py makes, from the document node down to the one element with a rule -->
  <xsl:mode name="index" on-no-match="shallow-skip"/>

  <xsl:template match="/edition">
    <xsl:call-template name="e:page">
      <xsl:with-param name="title" select="$edition-title"/>
      <xsl:with-param name="current" select="'index'"/>
      <xsl:with-param name="main" as="node()*">
        <h1><xsl:value-of select="$edition-title"/></h1>
        <p class="lead"><xsl:value-of select="@documents"/>
          <xsl:value-of select="if (xs:integer(@documents) = 1) then ' document' else ' documents'"/>, by date.
            Each is also available as plain text.</p>
        <!-- Full-text search (Pagefind, built by edition/search.py into pagefind/, and for a large
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
                label.textContent = "Search the edition";
                box.insertBefore(label, box.firstChild);
                box.hidden = false;
              };
              document.head.appendChild(ui);
            })();
          </script>
        <ol class="documents">
          <template data-index-entries=""></template>
        </ol>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/entry">
    <xsl:apply-templates select="document"/>
  </xsl:template>

  <xsl:template match="document">
    <li class="document-entry">
      <p class="entry-meta">
        <xsl:if test="string(date)">
          <time datetime="{@when}"><xsl:value-of select="date"/></time>
        </xsl:if>
        <xsl:if test="string(type)">
          <xsl:text> · </xsl:text><span class="doctype"><xsl:value-of select="type"/></span>
        </xsl:if>
      </p>
      <h2><a href="{$html-href}"><xsl:value-of select="title"/></a></h2>
      <xsl:if test="string(summary)">
        <p class="entry-summary"><xsl:value-of select="summary"/></p>
      </xsl:if>
      <xsl:if test="$text-href">
        <p class="entry-formats"><a href="{$text-href}"><xsl:value-of select="e:label('plain-text')"/></a></p>
      </xsl:if>
    </li>
  </xsl:template>
</xsl:stylesheet>
