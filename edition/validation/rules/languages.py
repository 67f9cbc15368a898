"""Languages: language tags are valid BCP 47 (the IANA registry, through langcodes)."""

from __future__ import annotations

from edition.diagnostics import Severity
from edition.validation.rules.registry import Document, T, XML_LANG, _local, rule


#: The two-letter language subtags of the IANA Language Subtag Registry (ISO 639-1, the deprecated
#: ones included: they are still valid): the tags most documents carry, checked without loading the
#: registry, which takes langcodes 60-100 ms to import (``edition validate`` of one file takes about
#: 0.12 s). tests/validation/test_rules.py checks this set against langcodes' registry data.
_TWO_LETTER = frozenset((
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da "
    "de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz "
    "ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la "
    "lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj "
    "om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv "
    "sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"
).split())


def lang_problem(value: str) -> str | None:
    """Why ``value`` is not a valid BCP 47 language tag (well-formed, every subtag in the IANA registry,
    as langcodes knows it), with what it probably means; None if it is one (or empty: no language)."""
    if not value or value.lower() in _TWO_LETTER:
        return None
    import langcodes  # the registry's data: loaded only for a tag that is not a bare language
    from langcodes.tag_parser import LanguageTagError

    try:
        tag = langcodes.Language.get(value, normalize=False)
        well_formed = str(tag).lower() == value.lower()  # langcodes also reads "en_US" and the like
    except (LanguageTagError, ValueError):
        tag, well_formed = None, False
    if well_formed and tag.is_valid():
        return None
    hint = _lang_hint(value)
    what = "a well-formed language tag" if not well_formed else "a registered language tag (a part of it is not in the IANA registry)"
    if hint is not None:
        return f'is not {what}; did you mean "{hint[0]}" ({hint[1]})?'
    return (f'is not {what}; write a BCP 47 tag: a language, then optionally one script, one region, '
            f'variants ("en", "ru", "zh-Latn", "de-CH")')


def _lang_hint(value: str) -> tuple[str, str] | None:
    """(tag, its English name) that ``value`` probably means: its standard form ("eng", "en_US", "iw"),
    or the language it names ("English", "Russian", "Ancient Greek"); None if nothing fits."""
    import langcodes

    candidates = []
    try:
        candidates.append(langcodes.standardize_tag(value))
    except (ValueError, LookupError):
        pass
    if len(value) > 3 and all(part.isalpha() for part in value.split()):  # a name ("a" would find "Anus")
        try:
            candidates.append(str(langcodes.find(value)))  # needs language_data
        except (ValueError, LookupError, ImportError):
            pass
    for candidate in candidates:
        if candidate.lower() != value.lower() and langcodes.tag_is_valid(candidate):
            try:
                name = langcodes.Language.get(candidate).display_name()
            except ImportError:  # language_data missing: no name
                name = "see the IANA registry"
            return candidate, name
    return None


@rule("lang-tag", Severity.ERROR, "xml:lang values (and language/@ident, textLang/@mainLang) are valid BCP 47 tags "
                                  "(every subtag in the IANA registry)")
def _lang(doc: Document):
    for el in doc.having((XML_LANG, "ident", "mainLang")):
        for attr in (XML_LANG, "ident" if el.tag == T + "language" else None, "mainLang"):
            if attr is None:
                continue
            value = el.get(attr)
            why = lang_problem(value) if value is not None else None
            if why is not None:
                name = "xml:lang" if attr == XML_LANG else "@" + attr
                yield el, f'{name}="{value}" on <{_local(el)}> {why}', name.lstrip("@")
