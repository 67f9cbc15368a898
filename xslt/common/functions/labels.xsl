<?xml version="1.0" encoding="UTF-8"?>
<!--
  The words the pages use (labels), and the names of languages and archival levels.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <xsl:variable name="e:labels" as="map(xs:string, xs:string)" select="map {
      'document-type': 'Document type',
      'date': 'Date',
      'place': 'Place',
      'participants': 'Participants',
      'source': 'Source',
      'archival-citation': 'Archival citation',
      'transcript': 'Transcript',
      'notes': 'Notes',
      'summary': 'Summary',
      'related': 'Related Documents',
      'credits': 'Credits',
      'rights': 'Rights',
      'funder': 'This document was made possible with support from',
      'publisher': 'Published by',
      'language': 'Language',
      'repository': 'Repository',
      'fond': 'Collection',
      'opis': 'Inventory',
      'papka': 'Folder',
      'delo': 'File',
      'sheets': 'Sheets',
      'form': 'Physical form',
      'copy': 'Copy',
      'provenance': 'Provenance',
      'origin': 'Origin',
      'acquisition': 'Acquisition',
      'country': 'Country',
      'settlement': 'Place',
      'institution': 'Institution',
      'collection': 'Collection',
      'ms-heading': 'Heading',
      'ms-title': 'Title in the source',
      'ms-note': 'Note',
      'contents': 'Contents',
      'physical-description': 'Physical description',
      'editorial-principles': 'Editorial principles',
      'edition': 'Edition',
      'setting': 'Setting',
      'index': 'Documents',
      'persons': 'Persons',
      'back-to-text': 'Back to text',
      'legend': 'Editorial signs',
      'cite': 'How to cite',
      'cite-data': 'Citation data',
      'csl-json': 'CSL-JSON',
      'bibtex': 'BibTeX',
      'plain-text': 'Plain text',
      'bibliography': 'Bibliography',
      'figure': 'Figure',
      'apparatus': 'Apparatus',
      'apparatus-entry': 'Apparatus entry',
      'reading-text': 'Reading text',
      'edited-text': 'Edited text (lemma)',
      'omitted': 'om.',
      'image': 'Image',
      'page-image': 'Image of',
      'margin-note': 'note in the margin',
      'hand': 'hand',
      'handShift': 'the hand changes',
      'surplus': 'superfluous in the source',
      'secl': 'secluded by the editor: probably not authentic',
      'ex': 'expansion of an abbreviation by the editor',
      'damage': 'damaged in the source',
      'restore': 'restored in the source after a deletion',
      'retrace': 'retraced in the source',
      'mod': 'modified in the source',
      'am': 'abbreviation mark',
      'metamark': 'a mark of the writer about the text',
      'sic': 'so in the source',
      'addSpan': 'an addition begins',
      'delSpan': 'a deletion begins',
      'damageSpan': 'damage begins',
      'column': 'column',
      'gathering': 'gathering',
      'cb': 'column break',
      'gb': 'gathering begins',
      'milestone': 'milestone',
      'fw': 'forme work',
      'fw-header': 'running head',
      'fw-catch': 'catchword',
      'fw-sig': 'signature',
      'fw-pageNum': 'page number',
      'fw-lineNum': 'line number',
      'space': 'space',
      'place-above': 'above the line',
      'place-below': 'below the line',
      'place-margin': 'in the margin',
      'place-top': 'at the top of the page',
      'place-bottom': 'at the foot of the page',
      'place-inline': 'in the line',
      'place-overstrike': 'over the text',
      'ms-form': 'Form',
      'ms-material': 'Material',
      'ms-scope': 'Scope',
      'ms-type': 'Type',
      'corresp-sent': 'Sent',
      'corresp-received': 'Received',
      'corresp-transmitted': 'Transmitted',
      'corresp-redirected': 'Redirected',
      'corresp-forwarded': 'Forwarded',
      'corresp-action': 'Correspondence'
    }"/>

  <xsl:function name="e:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($e:labels($key), $key)[1]"/>
  </xsl:function>

  <!-- archival levels as the source's short citation abbreviates them (Russian archival usage); an
       idno's or a locus's @rend is the source's own ("papka" for "p.", "ll." for several sheets) -->
  <xsl:variable name="e:level-abbr" as="map(xs:string, xs:string)"
      select="map { 'fond': 'f.', 'opis': 'op.', 'papka': 'p.', 'delo': 'd.', 'sheets': 'l.' }"/>

  <xsl:variable name="e:languages" as="map(xs:string, xs:string)" select="map {
      'ar': 'Arabic', 'arc': 'Aramaic', 'be': 'Belarusian', 'el': 'Greek', 'grc': 'Ancient Greek', 'he': 'Hebrew',
      'hbo': 'Ancient Hebrew', 'fa': 'Persian', 'syr': 'Syriac', 'syc': 'Classical Syriac', 'tr': 'Turkish',
      'ota': 'Ottoman Turkish', 'ur': 'Urdu', 'yi': 'Yiddish', 'sa': 'Sanskrit', 'cop': 'Coptic', 'gez': 'Geʽez',
      'hy': 'Armenian', 'ka': 'Georgian', 'nl': 'Dutch', 'da': 'Danish', 'sv': 'Swedish', 'no': 'Norwegian',
      'fi': 'Finnish', 'ga': 'Irish', 'cy': 'Welsh', 'gl': 'Galician', 'ca': 'Catalan', 'sl': 'Slovene',
      'hr': 'Croatian', 'lt': 'Lithuanian', 'lv': 'Latvian', 'et': 'Estonian', 'lzh': 'Classical Chinese',
      'enm': 'Middle English', 'ang': 'Old English', 'fro': 'Old French', 'frm': 'Middle French', 'gmh': 'Middle High German', 'bg': 'Bulgarian', 'cs': 'Czech', 'de': 'German',
      'en': 'English', 'es': 'Spanish', 'fr': 'French', 'hu': 'Hungarian', 'it': 'Italian',
      'ja': 'Japanese', 'ko': 'Korean', 'la': 'Latin', 'mn': 'Mongolian', 'pl': 'Polish',
      'pt': 'Portuguese', 'ro': 'Romanian', 'ru': 'Russian', 'sk': 'Slovak', 'sr': 'Serbian',
      'uk': 'Ukrainian', 'vi': 'Vietnamese', 'zh': 'Chinese'
    }"/>

  <!-- "Russian" for ru, "Chinese" for zh-Latn; the tag itself when the edition has no name for it -->
  <xsl:function name="e:language-name" as="xs:string">
    <xsl:param name="tag" as="xs:string?"/>
    <xsl:variable name="primary" select="lower-case(substring-before($tag || '-', '-'))"/>
    <xsl:sequence select="($e:languages($primary), string($tag))[1]"/>
  </xsl:function>
</xsl:stylesheet>
