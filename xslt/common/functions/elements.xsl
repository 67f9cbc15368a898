<?xml version="1.0" encoding="UTF-8"?>
<!--
  What kind of thing each TEI element is, for both formats: a block of its own (a paragraph, a
  verse line, a list), a phrase that runs in the line, or a described fact with a label (the
  parts of a manuscript description, of a person's record). The formats' rules match the same
  names (formats/html/, formats/text/); docs/coverage.md lists, for every element of TEI that can
  hold text, what each format makes of it (tools/coverage.py), and tests/render/test_coverage.py
  holds every element to a rule of its own.

  And the direction of a language's script, for the HTML's dir.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:e="urn:edition:functions"
    exclude-result-prefixes="#all">

  <!-- phrases a reader sees as text, told apart by their class in HTML (names, measures, terms, the
       parts of a reference...): formats/html/tei.xsl, formats/text/tei.xsl -->
  <xsl:variable name="e:phrases" as="map(xs:string, xs:boolean)" select="map:merge((
      'addName', 'altIdentifier', 'author', 'authority', 'biblScope', 'binary', 'bloc', 'c', 'case',
      'catchwords', 'citedRange', 'cl', 'climate', 'collection', 'colloc', 'country', 'def', 'depth', 'desc',
      'dim', 'dimensions', 'distributor', 'district', 'edition', 'editor', 'email', 'equiv', 'etym',
      'eventName', 'extent', 'forename', 'formula', 'funder', 'g', 'gen', 'genName', 'geo', 'geogFeat',
      'geogName', 'gram', 'height', 'heraldry', 'hyph', 'idno', 'imprint', 'institution', 'interp', 'iType',
      'lang', 'langKnowledge', 'lbl', 'location', 'locus', 'locusGrp', 'm', 'material', 'measure',
      'measureGrp', 'model', 'mood', 'msIdentifier', 'msName', 'nameLink', 'num', 'number', 'numeric',
      'objectName', 'objectType', 'offset', 'oRef', 'origDate', 'origPlace', 'orth', 'outputRendition',
      'param', 'pc', 'per', 'persona', 'persPronouns', 'phr', 'population', 'pos', 'post', 'postBox',
      'postCode', 'pRef', 'principal', 'pron', 'publisher', 'pubPlace', 'region', 'relatedItem',
      'repository', 'resp', 'respStmt', 'rhyme', 'roleName', 's', 'secFol', 'seg', 'series', 'settlement',
      'signatures', 'span', 'sponsor', 'stamp', 'state', 'street', 'stress', 'string', 'subc', 'surname',
      'syll', 'symbol', 'term', 'terrain', 'textLang', 'time', 'tns', 'trait', 'unit', 'usg', 'w',
      'watermark', 'width', 'wit', 'xr') ! map:entry(., true()))"/>

  <!-- facts shown with their label ("Born: 1900", "Binding: ..."): the parts of a manuscript
       description, of a person's record, of a header; their labels: e:field-label -->
  <xsl:variable name="e:fields" as="map(xs:string, xs:boolean)" select="map:merge((
      'accMat', 'acquisition', 'activity', 'additions', 'affiliation', 'age', 'altIdent', 'binding', 'birth',
      'catDesc', 'certainty', 'change', 'channel', 'classCode', 'collation', 'colophon', 'condition',
      'constitution', 'constraint', 'creation', 'custEvent', 'death', 'decoNote', 'defaultVal', 'derivation',
      'domain', 'education', 'explicit', 'f', 'factuality', 'faith', 'fDescr', 'filiation', 'finalRubric',
      'floruit', 'foliation', 'fsDescr', 'gender', 'geoDecl', 'handNote', 'incipit', 'interaction',
      'langKnown', 'language', 'layout', 'locale', 'mapping', 'memberOf', 'metSym', 'musicNotation',
      'nationality', 'occupation', 'origin', 'precision', 'preparedness', 'provenance', 'purpose', 'remarks',
      'rendition', 'residence', 'respons', 'rubric', 'scriptNote', 'seal', 'sex', 'socecStatus', 'source',
      'summary', 'support', 'surrogates', 'tagUsage', 'typeNote', 'valDesc', 'xenoData') ! map:entry(., true()))"/>

  <!-- records and other groups of facts (a person, a place, a dictionary entry, a specification, the
       header's parts where they stand in the text): their name or heading first, then their facts -->
  <xsl:variable name="e:records" as="map(xs:string, xs:boolean)" select="map:merge((
      'abstract', 'annotation', 'annotationBlock', 'appInfo', 'application', 'arc', 'attDef', 'attList',
      'availability', 'biblFull', 'broadcast', 'calendar', 'calendarDesc', 'category', 'char', 'charDecl',
      'citeStructure', 'classDecl', 'classes', 'classSpec', 'constraintSpec', 'content', 'correction',
      'correspAction', 'correspContext', 'correspDesc', 'dataSpec', 'datatype', 'default', 'dictScrap',
      'editionStmt', 'editorialDecl', 'eLeaf', 'elementSpec', 'encodingDesc', 'entry', 'entryFree',
      'equipment', 'eTree', 'event', 'exemplum', 'facsimile', 'fDecl', 'fileDesc', 'fLib', 'forest', 'form',
      'fs', 'fsdDecl', 'fsDecl', 'fvLib', 'glyph', 'gramGrp', 'graph', 'handNotes', 'hom', 'hyphenation',
      'iNode', 'interpGrp', 'interpretation', 'keywords', 'langUsage', 'leaf', 'line', 'listPrefixDef',
      'macroSpec', 'metDecl', 'moduleSpec', 'namespace', 'node', 'normalization', 'notatedMusic',
      'notesStmt', 'nym', 'object', 'org', 'paramList', 'paramSpec', 'particDesc', 'path', 'person',
      'personGrp', 'place', 'prefixDef', 'profileDesc', 'projectDesc', 'publicationStmt', 'punctuation',
      'quotation', 're', 'recording', 'recordingStmt', 'refsDecl', 'relation', 'revisionDesc', 'root',
      'samplingDecl', 'schemaSpec', 'scriptStmt', 'segmentation', 'sense', 'seriesStmt', 'setting',
      'settingDesc', 'sourceDesc', 'sourceDoc', 'spanGrp', 'specGrp', 'standOff', 'stdVals', 'styleDefDecl',
      'superEntry', 'surface', 'surfaceGrp', 'tagsDecl', 'taxonomy', 'textClass', 'textDesc', 'titleStmt',
      'tree', 'triangle', 'unitDecl', 'unitDef', 'valItem', 'valList', 'vAlt', 'vColl', 'vLabel', 'vMerge',
      'vNot', 'witness', 'zone') ! map:entry(., true()))"/>

  <!-- blocks that the text edition, inside running text, gives as their text between spaces -->
  <xsl:variable name="e:blocks-in-line" as="map(xs:string, xs:boolean)" select="map:merge((
      'ab', 'address', 'addrLine', 'argument', 'byline', 'castGroup', 'castItem', 'castList', 'cell',
      'closer', 'dateline', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'docAuthor',
      'docDate', 'docEdition', 'docImprint', 'docTitle', 'eg', 'epigraph', 'figure', 'floatingText', 'group',
      'head', 'imprimatur', 'item', 'l', 'lg', 'line', 'list', 'listApp', 'listBibl', 'listEvent', 'listNym',
      'listObject', 'listOrg', 'listPerson', 'listPlace', 'listRelation', 'listWit', 'meeting', 'msDesc',
      'msFrag', 'msPart', 'noteGrp', 'opener', 'postscript', 'row', 'salute', 'signed', 'sourceDoc', 'sp',
      'spGrp', 'surface', 'surfaceGrp', 'table', 'text', 'titlePage', 'titlePart', 'trailer', 'u', 'zone') ! map:entry(., true()))"/>

  <!-- elements that always stand as blocks: a paragraph that holds one is split around it -->
  <xsl:variable name="e:block-names" as="map(xs:string, xs:boolean)" select="map:merge((
      'p', 'ab', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'lg', 'l', 'sp', 'spGrp', 'u',
      'list', 'table', 'figure', 'castList', 'listBibl', 'listPerson', 'listPlace', 'listOrg', 'listEvent',
      'listNym', 'listObject', 'listRelation', 'listWit', 'listApp', 'msDesc', 'floatingText', 'opener',
      'closer', 'postscript', 'dateline', 'salute', 'signed', 'byline', 'trailer', 'epigraph', 'argument',
      'docTitle', 'titlePart', 'titlePage', 'docAuthor', 'docDate', 'docEdition', 'docImprint', 'imprimatur',
      'eg', 'egXML', 'entry', 'entryFree', 'superEntry', 'person', 'personGrp', 'place', 'org', 'event',
      'nym', 'object', 'head', 'meeting', 'biblStruct', 'biblFull', 'noteGrp', 'address', 'line', 'zone', 'surface',
      'surfaceGrp', 'castItem', 'item', 'TEI', 'teiCorpus', 'text', 'group', 'front', 'body', 'back', 'sourceDoc',
      'performance', 'set', 'prologue', 'epilogue', 'listApp', 'spGrp') ! map:entry(., true()))"/>

  <!-- whether $node is a block (a quotation is one when it holds blocks: verse, paragraphs); inside a
       line of its own (an imprint, a dateline, a heading), nothing is -->
  <xsl:function name="e:is-block" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node instance of element() and namespace-uri($node) = 'http://www.tei-c.org/ns/1.0'
        and (map:contains($e:block-names, local-name($node))
             or ($node/(self::tei:quote | self::tei:q | self::tei:said | self::tei:cit) and e:holds-blocks($node)))
        and empty($node/parent::*[self::tei:docImprint | self::tei:docEdition | self::tei:docAuthor | self::tei:byline
             | self::tei:dateline | self::tei:titlePart | self::tei:salute | self::tei:signed | self::tei:head | self::tei:l
             | self::tei:addrLine | self::tei:speaker | self::tei:trailer])"/>
  </xsl:function>

  <xsl:function name="e:holds-blocks" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="some $c in $el/* satisfies e:is-block($c)"/>
  </xsl:function>

  <!-- how the parts of a phrase made only of parts are separated ("250 × 180", "Paris: Gallimard") -->
  <xsl:function name="e:separator" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($el/self::tei:dimensions) then ' × ' else if ($el/self::tei:imprint) then ', '
        else if ($el/(self::tei:persName | self::tei:respStmt | self::tei:locusGrp | self::tei:placeName)) then ' ' else ', '"/>
  </xsl:function>

  <!-- The label of a described fact ("Provenance", "Born", "Binding"): the catalogue's field-NAME
       (a paragraph, a block and a heading have none) -->
  <xsl:function name="e:field-label" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if (local-name($el) = ('p', 'ab', 'head')) then ''
        else ($e:messages('field-' || local-name($el)), local-name($el))[1]"/>
  </xsl:function>

  <!-- Scripts written from right to left, and the languages whose usual script is one
       (BCP 47: the script subtag, when there is one, decides) -->
  <xsl:variable name="e:rtl-scripts" as="xs:string*" select="('arab', 'aran', 'hebr', 'syrc', 'syre', 'syrj',
      'syrn', 'thaa', 'nkoo', 'samr', 'mand', 'adlm', 'rohg', 'yezi', 'armi', 'phnx', 'nbat', 'palm', 'mani',
      'sogd', 'avst', 'hatr', 'khar', 'lydi', 'mend', 'narb', 'orkh', 'phli', 'phlp', 'prti', 'sarb', 'sogo',
      'hung', 'chrs', 'elym')"/>
  <xsl:variable name="e:rtl-languages" as="xs:string*" select="('ar', 'arc', 'arz', 'apc', 'acm', 'ary', 'aeb',
      'ajp', 'ckb', 'dv', 'fa', 'prs', 'pes', 'he', 'hbo', 'ks', 'lrc', 'mzn', 'ota', 'pnb', 'ps', 'sd', 'syc',
      'syr', 'ug', 'ur', 'yi', 'ydd', 'glk', 'azb', 'bal', 'bqi', 'jrb', 'jpr', 'sam', 'nqo', 'skr', 'khw',
      'bgn', 'bft', 'haz', 'tmr', 'xpu', 'phn', 'ae', 'pal', 'xpr', 'sog', 'mid', 'myz')"/>

  <!-- 'rtl' for a language tag written right to left, 'ltr' otherwise, () for no tag -->
  <xsl:function name="e:direction" as="xs:string?">
    <xsl:param name="tag" as="xs:string?"/>
    <xsl:variable name="parts" select="tokenize(lower-case(normalize-space($tag)), '[-_]')"/>
    <xsl:variable name="script" select="$parts[position() gt 1][string-length(.) = 4][matches(., '^[a-z]{4}$')][1]"/>
    <xsl:sequence select="
        if (empty($parts) or $parts[1] = '') then ()
        else if (exists($script)) then (if ($script = $e:rtl-scripts) then 'rtl' else 'ltr')
        else if ($parts[1] = $e:rtl-languages) then 'rtl' else 'ltr'"/>
  </xsl:function>

  <!-- the language in force at a node (its own xml:lang, or an ancestor's) -->
  <xsl:function name="e:lang" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor-or-self::*[@xml:lang][1]/@xml:lang/string()"/>
  </xsl:function>
</xsl:stylesheet>
