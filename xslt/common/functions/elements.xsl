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
       description, of a person's record, of a header; their labels: $e:field-labels -->
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

  <!-- The label of a described fact (a field): "Provenance", "Born", "Binding". -->
  <xsl:variable name="e:field-labels" as="map(xs:string, xs:string)" select="map {
      'accMat': 'Accompanying material', 'acquisition': 'Acquisition', 'activity': 'Activity',
      'additions': 'Additions', 'affiliation': 'Affiliation', 'age': 'Age', 'altIdent': 'Alternative identifier',
      'altIdentifier': 'Other identifier', 'binding': 'Binding', 'birth': 'Born', 'catchwords': 'Catchwords',
      'channel': 'Channel', 'classCode': 'Classification', 'collation': 'Collation', 'colophon': 'Colophon',
      'condition': 'Condition', 'constitution': 'Constitution', 'constraint': 'Constraint', 'creation': 'Creation',
      'custEvent': 'Custodial event', 'death': 'Died', 'decoNote': 'Decoration', 'defaultVal': 'Default value',
      'derivation': 'Derivation', 'domain': 'Domain', 'education': 'Education', 'explicit': 'Explicit',
      'extent': 'Extent', 'factuality': 'Factuality', 'faith': 'Faith', 'filiation': 'Filiation',
      'finalRubric': 'Final rubric', 'floruit': 'Flourished', 'foliation': 'Foliation', 'gender': 'Gender',
      'handNote': 'Hand', 'incipit': 'Incipit', 'interaction': 'Interaction', 'langKnown': 'Language known',
      'language': 'Language', 'layout': 'Layout', 'licence': 'Licence', 'locale': 'Locale', 'memberOf': 'Member of',
      'musicNotation': 'Music notation', 'nationality': 'Nationality', 'occupation': 'Occupation',
      'origin': 'Origin', 'preparedness': 'Preparedness', 'provenance': 'Provenance', 'purpose': 'Purpose',
      'remarks': 'Remarks', 'residence': 'Residence', 'rubric': 'Rubric', 'scriptNote': 'Script', 'seal': 'Seal',
      'secFol': 'Second folio', 'sex': 'Sex', 'signatures': 'Signatures', 'socecStatus': 'Social and economic status',
      'source': 'Source of the record', 'summary': 'Summary', 'support': 'Support', 'surrogates': 'Surrogates',
      'textLang': 'Language', 'typeNote': 'Type', 'valDesc': 'Values', 'change': 'Change',
      'persPronouns': 'Pronouns', 'handShift': 'Hand', 'writing': 'Writing', 'camera': 'Camera',
      'sound': 'Sound', 'tech': 'Technical direction', 'view': 'View', 'origDate': 'Date of origin',
      'origPlace': 'Place of origin', 'msName': 'Name', 'institution': 'Institution', 'repository': 'Repository',
      'collection': 'Collection', 'idno': 'Identifier', 'country': 'Country', 'region': 'Region',
      'settlement': 'Place', 'locus': 'Folios', 'author': 'Author', 'editor': 'Editor', 'title': 'Title',
      'note': 'Note', 'respStmt': 'Responsibility', 'bibl': 'Reference', 'listBibl': 'Literature',
      'dimensions': 'Dimensions', 'objectType': 'Object type', 'material': 'Material', 'date': 'Date',
      'event': 'Event', 'state': 'State', 'trait': 'Trait', 'climate': 'Climate', 'terrain': 'Terrain',
      'population': 'Population', 'location': 'Location', 'persName': 'Name', 'placeName': 'Name',
      'orgName': 'Name', 'objectName': 'Name', 'eventName': 'Name', 'geogName': 'Name', 'langKnowledge': 'Languages',
      'relation': 'Relation', 'p': '', 'ab': '', 'desc': 'Description', 'head': '', 'label': 'Label',
      'availability': 'Availability', 'adminInfo': 'Administrative information', 'recordHist': 'Record history',
      'custodialHist': 'Custodial history', 'history': 'History', 'physDesc': 'Physical description',
      'msContents': 'Contents', 'objectDesc': 'Object', 'supportDesc': 'Writing surface', 'layoutDesc': 'Layouts',
      'handDesc': 'Hands', 'scriptDesc': 'Script', 'typeDesc': 'Type', 'decoDesc': 'Decoration',
      'bindingDesc': 'Bindings', 'sealDesc': 'Seals', 'additional': 'Additional information',
      'msPart': 'Part', 'msFrag': 'Fragment', 'msItem': 'Item', 'msItemStruct': 'Item', 'msIdentifier': 'Identifier',
      'heraldry': 'Heraldry', 'watermark': 'Watermark', 'stamp': 'Stamp', 'width': 'Width', 'height': 'Height',
      'depth': 'Depth', 'dim': 'Dimension', 'listWit': 'Witnesses', 'witness': 'Witness', 'listPerson': 'Persons',
      'listPlace': 'Places', 'listOrg': 'Organisations', 'listEvent': 'Events', 'listRelation': 'Relations',
      'listObject': 'Objects', 'listNym': 'Names', 'person': 'Person', 'place': 'Place', 'org': 'Organisation',
      'object': 'Object', 'nym': 'Name', 'personGrp': 'Group', 'persona': 'Persona', 'calendar': 'Calendar',
      'keywords': 'Keywords', 'term': 'Term', 'catRef': 'Category', 'setting': 'Setting',
      'correspAction': 'Correspondence', 'correspContext': 'Context', 'handNotes': 'Hands',
      'recording': 'Recording', 'broadcast': 'Broadcast', 'equipment': 'Equipment', 'scriptStmt': 'Script',
      'recordingStmt': 'Recordings', 'listChange': 'Changes', 'punctuation': 'Punctuation', 'hyphenation': 'Hyphenation',
      'segmentation': 'Segmentation', 'quotation': 'Quotation', 'normalization': 'Normalisation',
      'interpretation': 'Interpretation', 'correction': 'Correction', 'stdVals': 'Standard values',
      'gloss': 'Gloss', 'equiv': 'Equivalent', 'exemplum': 'Example', 'datatype': 'Datatype',
      'content': 'Content', 'attList': 'Attributes', 'valList': 'Values', 'valItem': 'Value',
      'paramList': 'Parameters', 'classes': 'Classes', 'profileDesc': 'Profile', 'textDesc': 'Text',
      'particDesc': 'Participants', 'settingDesc': 'Setting', 'langUsage': 'Languages', 'textClass': 'Classification',
      'fileDesc': 'File', 'titleStmt': 'Title', 'editionStmt': 'Edition', 'publicationStmt': 'Publication',
      'seriesStmt': 'Series', 'notesStmt': 'Notes', 'sourceDesc': 'Source', 'extent.file': 'Extent',
      'biblScope': 'Scope', 'citedRange': 'Cited range', 'edition': 'Edition', 'imprint': 'Imprint',
      'publisher': 'Publisher', 'pubPlace': 'Place of publication', 'series': 'Series', 'funder': 'Funder',
      'sponsor': 'Sponsor', 'principal': 'Principal investigator', 'resp': 'Responsibility',
      'distributor': 'Distributor', 'authority': 'Authority', 'sense': 'Sense', 'etym': 'Etymology',
      'def': 'Definition', 'usg': 'Usage', 'xr': 'See also', 'lbl': 'Label', 'form': 'Form', 'gramGrp': 'Grammar',
      'f': 'Feature', 'fs': 'Features', 'interp': 'Interpretation', 'interpGrp': 'Interpretations',
      'span': 'Annotation', 'spanGrp': 'Annotations', 'certainty': 'Certainty', 'precision': 'Precision',
      'respons': 'Responsibility', 'witDetail': 'Witness detail', 'incident': 'Incident', 'kinesic': 'Gesture',
      'vocal': 'Vocal', 'pause': 'Pause', 'shift': 'Shift', 'move': 'Movement', 'caption': 'Caption',
      'mapping': 'Mapping', 'charName': 'Character', 'glyphName': 'Glyph', 'metSym': 'Metrical symbol',
      'rendition': 'Rendition', 'tagUsage': 'Tag usage', 'catDesc': 'Category', 'fDescr': 'Feature',
      'fsDescr': 'Feature structure', 'geoDecl': 'Geographic coordinates', 'xenoData': 'Other data',
      'docDate': 'Date', 'docAuthor': 'Author', 'docEdition': 'Edition', 'docImprint': 'Imprint',
      'byline': 'By', 'imprimatur': 'Imprimatur', 'meeting': 'Meeting', 'binaryObject': 'Binary data',
      'code': 'Code', 'eg': 'Example', 'email': 'E-mail', 'street': 'Street', 'postCode': 'Postal code',
      'postBox': 'Post box', 'addrLine': 'Address', 'address': 'Address', 'district': 'District', 'bloc': 'Bloc',
      'geogFeat': 'Feature', 'geo': 'Coordinates', 'offset': 'Offset', 'measure': 'Measure',
      'measureGrp': 'Measures', 'num': 'Number', 'unit': 'Unit', 'time': 'Time', 'sic': 'sic'
    }"/>

  <xsl:function name="e:field-label" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="($e:field-labels(local-name($el)), local-name($el))[1]"/>
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
