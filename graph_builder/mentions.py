"""Recognisers over one clean string: citations, named entities, dates, addressees, report sessions.

Each function reads one clause or footnote text (footnote markers removed, line
breaks joined) and returns offsets local to that string. The words they rely on
("resolution", "annex", "at its … session", the verbs that continue an
addressee list) come from ``ontology/vocab/syntax.ttl`` and the other
vocabulary files; the grammar of document symbols lives in
:mod:`graph_builder.symbols`.

>>> from graph_builder.vocab import load_vocabulary
>>> vocab = load_vocabulary()
>>> text = "Rappelant sa résolution 46/152 du 18 décembre 1991"
>>> [f.value for f in find_citations(text, "fr", vocab)]
['A/RES/46/152']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from graph_builder.symbols import SYMBOL, normalize_symbol, resolution_symbol
from graph_builder.vocab import EntityHit, LeadMatch, Vocabulary, phrase_pattern

#: Kinds of :class:`Found`.
KINDS = frozenset(
    {"citation", "body", "instrument", "event", "place", "group", "topic", "date"}
)

# A resolution number as cited in running text.
_NUMBER = r"""
    (?:ES|S)-\d{1,2}/\d{1,3}                    # emergency or special session: ES-10/2, S-20/2
  | \d{1,4}/\d{1,4}(?!\d)                       # session/number or year/number: 46/152, 2004/28
  | \d{1,4}\s?\((?:\d{4}|[IVXL]+)\)            # number (year) or number (roman session)
"""
_ROMAN = r"[IVXL]+"
# Years a running text can name: not page, volume or job numbers.
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_DIGIT = re.compile(r"\d")
# How far before a number "vol." or "No." is looked for.
_ABBREVIATION_WINDOW = 12


@dataclass(frozen=True)
class Found:
    """Something recognised in a string; ``start``/``end`` are offsets into that string."""

    kind: str
    value: str
    start: int
    end: int
    text: str


def _alt(labels: Sequence[str], *, word: bool = True) -> str:
    """Alternation of labels, longest first; ``word`` adds boundaries at word characters."""
    parts = []
    for label in sorted(set(labels), key=lambda s: (-len(s), s)):
        source = phrase_pattern(label)
        if word and label[:1].isalnum():
            # the boundary checked after the first character: re then rejects most
            # places on that character alone, several times faster than a look-behind first
            source = source[0] + r"(?<!\w.)" + source[1:]
        if word and label[-1:].isalnum():
            source += r"(?!\w)"
        parts.append(source)
    return "|".join(parts) or "(?!)"


# -- citations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CitationGrammar:
    keyword: re.Pattern[str]
    number: re.Pattern[str]
    separator: re.Pattern[str]
    genitive: re.Pattern[str]
    possessive: re.Pattern[str]


@functools.lru_cache(maxsize=32)
def _citation_grammar(vocab: Vocabulary, lang: str) -> _CitationGrammar:
    words = _alt(vocab.terms("syntax/resolution", lang))
    annex = _alt(vocab.terms("syntax/annex", lang))
    span = _alt(vocab.terms("syntax/range", lang), word=False)
    conj = _alt(vocab.terms("syntax/conjunction", lang))
    genitive = _alt(vocab.terms("syntax/genitive", lang), word=False)
    annex_ref = rf"(?i:{annex})(?:\s+{_ROMAN}(?:\s*(?:{span})\s*{_ROMAN})?)?"
    return _CitationGrammar(
        keyword=re.compile(rf"(?i:{words})\s+(?=(?:{_NUMBER}))", re.VERBOSE),
        number=re.compile(_NUMBER, re.VERBOSE),
        # between two numbers of one list: ", annexes I à III, et ", " and ", ", "
        separator=re.compile(
            rf"(?:\s*,\s*{annex_ref})?(?:\s*,\s*(?:(?:{conj})\s+)?|\s+(?:{conj})\s+)"
        ),
        genitive=re.compile(rf"(?:\s*,\s*{annex_ref})?\s*,?\s*(?:{genitive})\s*"),
        possessive=re.compile(rf"\s*(?:(?:{_alt(vocab.terms('syntax/its', lang))})\s+)?"),
    )


# A document symbol whose own resolutions a text may cite right after it
# ("CTOC/COP/2010/17, chap. I, sect. A, resolution 5/5").
# (The capital is read before the look-behind, so re can skip ahead fast.)
_OTHER_SERIES = re.compile(r"[A-Z](?<![\w/][A-Z])[A-Za-z.]*(?:/[\w.\-]+)+")
_SERIES_WINDOW = 80


def _series_for(number: str, organ_series: str | None) -> str:
    """Symbol series of a cited number: the organ named beside it, else the number's shape."""
    if organ_series:
        return organ_series
    if "(" in number:
        inside = number[number.index("(") + 1 : -1]
        return "S/RES" if inside.isdigit() else "A/RES"
    first = number.split("/", 1)[0]
    if first.isdigit() and len(first) == 4:
        return "E/RES"
    return "A/RES"


def find_citations(text: str, lang: str, vocab: Vocabulary) -> list[Found]:
    """Document symbols and resolutions cited in words, normalised.

    Explicit symbols (``A/59/205``, ``S/RES/1373 (2001)``) are kept as written,
    normalised; numbers after the word "resolution" become resolution symbols,
    by the organ named beside them or else by their shape (``46/152`` General
    Assembly, ``2004/28`` Economic and Social Council, ``1373 (2001)`` Security
    Council, ``1514 (XV)`` General Assembly).

    >>> from graph_builder.vocab import load_vocabulary
    >>> v = load_vocabulary()
    >>> [f.value for f in find_citations(
    ...     "Résolution 55/25, annexes I à III, et résolution 55/255, annexe.", "fr", v)]
    ['A/RES/55/25', 'A/RES/55/255']
    >>> [f.value for f in find_citations("Supplement No. 10 (E/2004/30), chap. V.", "en", v)]
    ['E/2004/30']
    """
    return list(_citations(vocab, text, lang))


@functools.lru_cache(maxsize=64)
def _citations(vocab: Vocabulary, text: str, lang: str) -> tuple[Found, ...]:
    """Cached: the parser and :func:`find_dates` both ask for the citations of one clause."""
    if _DIGIT.search(text) is None:
        return ()
    found: list[Found] = []
    for match in SYMBOL.finditer(text):
        if any(ch.isdigit() for ch in match.group()):
            raw = match.group()
            found.append(Found("citation", normalize_symbol(raw), match.start(), match.end(), raw))
    taken = [(f.start, f.end) for f in found]
    grammar = _citation_grammar(vocab, lang)
    bodies: list[EntityHit] | None = None
    for keyword in grammar.keyword.finditer(text):
        numbers = []
        position = keyword.end()
        while True:
            number = grammar.number.match(text, position)
            if number is None:
                break
            numbers.append(number)
            separator = grammar.separator.match(text, number.end())
            if separator is None or grammar.number.match(text, separator.end()) is None:
                break
            position = separator.end()
        if not numbers or _inside_other_document(text, keyword.start()):
            continue
        if bodies is None:
            bodies = [h for h in _entity_hits(vocab, text, lang) if h.kind == "body"]
        organ = _organ_beside(text, keyword.start(), numbers[-1].end(), bodies, grammar)
        if organ is not None and vocab.resolution_series(organ) is None:
            continue  # a body whose resolutions carry no UN symbol (a functional commission)
        series = vocab.resolution_series(organ) if organ else None
        for number in numbers:
            if any(s < number.end() and number.start() < e for s, e in taken):
                continue
            symbol = resolution_symbol(_series_for(number.group(), series), number.group())
            if organ is None and not _session_fits_date(symbol, text, number.end()):
                continue  # "resolution 6/2 of 19 October 2012": another body's resolution
            found.append(Found("citation", symbol, number.start(), number.end(), number.group()))
    return tuple(sorted(found, key=lambda f: f.start))


_GA_NUMBER = re.compile(r"A/RES/(\d{1,3})/\d")
_YEAR_AFTER = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _session_fits_date(symbol: str, text: str, end: int) -> bool:
    """Whether a General Assembly number agrees with the adoption year written after it.

    Session *s* sits from September of 1945 + *s* to September of the next year.

    >>> _session_fits_date("A/RES/58/140", "58/140 of 22 December 2003", 6)
    True
    >>> _session_fits_date("A/RES/6/2", "6/2 of 19 October 2012 on promoting", 3)
    False
    """
    session = _GA_NUMBER.match(symbol)
    year = _YEAR_AFTER.search(text, end, end + 30)
    if session is None or year is None:
        return True
    return 1945 + int(session.group(1)) <= int(year.group(1)) <= 1946 + int(session.group(1))


def _inside_other_document(text: str, keyword_start: int) -> bool:
    """Whether "resolution" follows the symbol of a report that holds the resolution."""
    window = text[max(0, keyword_start - _SERIES_WINDOW) : keyword_start]
    for match in _OTHER_SERIES.finditer(window):
        token = match.group()
        if any(ch.isdigit() for ch in token) and "/RES/" not in token:
            return True
    return False


def _organ_beside(
    text: str,
    keyword_start: int,
    list_end: int,
    bodies: Sequence[EntityHit],
    grammar: _CitationGrammar,
) -> str | None:
    """The body named just before "resolution" or just after the numbers ("… du Conseil …")."""
    for hit in bodies:
        between = grammar.possessive.fullmatch(text, hit.end, keyword_start)
        if hit.end <= keyword_start and between is not None:
            return hit.entity
    after = grammar.genitive.match(text, list_end)
    if after is not None:
        for hit in bodies:
            if hit.start == after.end():
                return hit.entity
    return None


# -- entities ----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _entity_hits(vocab: Vocabulary, text: str, lang: str) -> tuple[EntityHit, ...]:
    """Cached: citations, entities and dates of one clause all need its names."""
    return tuple(vocab.iter_entities(text, lang))


@functools.lru_cache(maxsize=32)
def _short_name_pattern(
    vocab: Vocabulary, lang: str
) -> tuple[re.Pattern[str], tuple[frozenset[str], ...]]:
    """One regex for the short names of ``lang``; group i stands for the i-th set of record ids."""
    candidates = vocab.short_names(lang)
    names = sorted(candidates, key=lambda s: (-len(s), s))
    groups = []
    for name in names:
        source = phrase_pattern(name)
        if name[:1].isalpha():
            source = f"[{name[0].upper()}{name[0].lower()}]" + source[1:]
        groups.append(f"({source})")
    records = tuple(candidates[name] for name in names)
    if names and all(name[:1].isalpha() for name in names):
        return _short_name_fast(names), records
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups) or '(?!)'})(?!\w)"), records


def _short_name_fast(names: Sequence[str]) -> re.Pattern[str]:
    """The short-name regex opened by the class of first letters ("[Tt]").

    Opening on a class lets re skip ahead to those letters instead of trying every
    name at every character; a name's own first letters are checked behind it.
    """
    heads = [name[0].upper() + name[0].lower() for name in names]
    first = "".join(sorted({char for head in heads for char in head}))
    branches = []
    for name, head in zip(names, heads, strict=True):
        guard = "" if set(head) == set(first) else f"(?<=[{head}])"
        branches.append(f"{guard}({phrase_pattern(name)[1:]})")
    return re.compile(rf"[{first}](?<!\w[{first}])(?:{'|'.join(branches)})(?!\w)")


def find_entities(text: str, lang: str, vocab: Vocabulary) -> list[Found]:
    """Bodies, instruments, events, places and groups named in ``text``.

    Longest label first and no overlaps; labels match case-sensitively, except
    that a label written in lower case ("civil society") may open a sentence.
    A short name ("the Commission", "l’Office") counts when a record it may
    stand for was named in full earlier in the same text; it then stands for
    the nearest such record.

    >>> from graph_builder.vocab import load_vocabulary
    >>> v = load_vocabulary()
    >>> [(f.value, f.text) for f in find_entities(
    ...     "Welcomes the efforts of the Commission on Crime Prevention and Criminal Justice, "
    ...     "and calls upon the Commission and UNODC to act", "en", v)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('body/ccpcj', 'Commission on Crime Prevention and Criminal Justice'),
     ('body/ccpcj', 'the Commission'), ('body/unodc', 'UNODC')]
    """
    hits = _entity_hits(vocab, text, lang)
    found = [Found(h.kind, h.entity, h.start, h.end, text[h.start : h.end]) for h in hits]
    pattern, records = _short_name_pattern(vocab, lang)
    for match in pattern.finditer(text):
        if match.lastindex is None:
            continue
        if any(h.start < match.end() and match.start() < h.end for h in hits):
            continue
        ids = records[match.lastindex - 1]
        earlier = [h for h in hits if h.end <= match.start() and h.entity in ids]
        if earlier:
            hit = earlier[-1]
            found.append(Found(hit.kind, hit.entity, match.start(), match.end(), match.group()))
    return sorted(found, key=lambda f: f.start)


# -- dates -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _DateGrammar:
    full: re.Pattern[str]
    month_year: re.Pattern[str]
    year: re.Pattern[str]
    not_year_before: re.Pattern[str]
    # lengths of the month names, when each matches a fixed number of characters
    month_widths: tuple[int, ...] | None


# Where the whitespace before a year starts: every "month year" ends so.
_BEFORE_YEAR = re.compile(r"\s+(?=\d{4}(?!\d))")


@functools.lru_cache(maxsize=32)
def _date_grammar(vocab: Vocabulary, lang: str) -> _DateGrammar:
    months = _alt(vocab.month_names(lang))
    suffixes = sorted({t[1:] for t in vocab.terms("syntax/first-day", lang) if t[:1] == "1"})
    suffix = f"(?:{'|'.join(map(re.escape, suffixes))})?" if suffixes else ""
    link = _alt(vocab.terms("syntax/date-link", lang))
    day = rf"(?<![\w/.])(?P<day>\d{{1,2}}){suffix}"
    # every date starts with a digit: the lookahead rejects other positions at once
    first = rf"(?:(?<![\w/.])(?P<first>\d{{1,2}}){suffix}\s*(?:{link})\s*)?"
    abbreviations = _alt(vocab.terms("syntax/reference-abbreviation", lang), word=False)
    return _DateGrammar(
        full=re.compile(
            rf"(?=\d){first}{day}\s+(?P<month>(?i:{months}))\s+(?P<year>\d{{4}})(?!\d)"
        ),
        month_year=re.compile(rf"(?<!\w)(?P<month>(?i:{months}))\s+(?P<year>\d{{4}})(?!\d)"),
        # _YEAR with its first digit read before the look-behind, so re can skip ahead fast
        year=re.compile(r"[12](?<![\w/.\-][12])(?:(?<=1)[89]|(?<=2)0)\d{2}(?![\w/]|-\d)"),
        not_year_before=re.compile(rf"(?:{abbreviations})\s*$"),
        month_widths=_fixed_widths(vocab.month_names(lang)),
    )


def _fixed_widths(labels: Sequence[str]) -> tuple[int, ...] | None:
    """The lengths of text ``labels`` match, unless a label's pattern has a variable width."""
    if any(ch.isspace() or ch == "-" for label in labels for ch in label):
        return None
    return tuple(sorted({len(label) for label in labels}))


def _month_years(grammar: _DateGrammar, text: str) -> list[re.Match[str]]:
    """Every place ``grammar.month_year`` matches (overlaps included), in order.

    A month name ends where the whitespace before a year starts, so with names of
    fixed widths only those few places are tried instead of every character.
    """
    widths = grammar.month_widths
    if widths is None:
        found: list[re.Match[str]] = []
        position = 0
        while (match := grammar.month_year.search(text, position)) is not None:
            found.append(match)
            position = match.start() + 1
        return found
    starts = sorted({m.start() - width for m in _BEFORE_YEAR.finditer(text) for width in widths})
    matches = (grammar.month_year.match(text, start) for start in starts if start >= 0)
    return [m for m in matches if m is not None]


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None  # an OCR misreading such as "31 February"


def find_dates(text: str, lang: str, vocab: Vocabulary) -> list[Found]:
    """Calendar dates (``2004-12-20``), months (``2003-12``) and years (``2005``) named in ``text``.

    The first day of a range ("from 9 to 11 December 2003") is a date of its
    own. Numbers inside citations and names ("1373 (2001)", "2030 Agenda") and
    after "vol." or "No." are not years.

    >>> from graph_builder.vocab import load_vocabulary
    >>> text = "held in Merida, Mexico, from 9 to 11 December 2003, and in 2005"
    >>> [f.value for f in find_dates(text, "en", load_vocabulary())]
    ['2003-12-09', '2003-12-11', '2005']
    """
    if _DIGIT.search(text) is None:
        return []
    grammar = _date_grammar(vocab, lang)
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    month_years = _month_years(grammar, text)
    # every full date holds a month and a year: without one, skip the scan
    for match in grammar.full.finditer(text) if month_years else ():
        taken.append(match.span())
        month = vocab.month(match["month"], lang)
        if month is None:
            continue
        year = int(match["year"])
        if match["first"]:
            value = _iso(year, month, int(match["first"]))
            if value:
                start, end = match.span("first")
                found.append(Found("date", value, start, end, match["first"]))
        value = _iso(year, month, int(match["day"]))
        if value:
            start = match.start("day")
            found.append(Found("date", value, start, match.end(), text[start : match.end()]))
    position = 0
    for match in month_years:
        if match.start() < position:
            continue  # inside the match before, as finditer would skip it
        position = match.end()
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        taken.append(match.span())
        month = vocab.month(match["month"], lang)
        if month is not None:
            value = f"{match['year']}-{month:02d}"
            found.append(Found("date", value, match.start(), match.end(), match.group()))
    taken += [(f.start, f.end) for f in _citations(vocab, text, lang)]
    taken += [(h.start, h.end) for h in _entity_hits(vocab, text, lang)]
    for match in grammar.year.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        window = max(0, match.start() - _ABBREVIATION_WINDOW)
        if grammar.not_year_before.search(text, window, match.start()):
            continue
        found.append(Found("date", match.group(), match.start(), match.end(), match.group()))
    return sorted(found, key=lambda f: f.start)


# -- addressees --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _object_end(
    vocab: Vocabulary, lang: str
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    ends = re.compile(rf"{_alt(vocab.terms('syntax/object-end', lang))}|[;:.]")
    clause = re.compile(rf"\s*(?:{_alt(vocab.terms('syntax/clause-object', lang))})")
    pronoun = re.compile(rf"\s+(?P<pronoun>{_alt(vocab.object_pronouns(lang)[1])})(?!\w)")
    return ends, clause, pronoun


def find_addressees(
    text: str,
    lang: str,
    vocab: Vocabulary,
    *,
    lead: LeadMatch | None,
    entities: Sequence[Found],
) -> list[str]:
    """Bodies and groups an operative clause asks to act, in order, without repeats.

    They are the bodies and groups named between an addressing verb (the
    lead, or one joined later in the clause: "…, and invites …") and the word
    that ends its object ("to", "à", "de"…). A verb whose object is a clause
    ("requests that …", "demande que …") addresses no one. A verb whose object
    is a pronoun ("… et lui demande de …", "… and requests it to …") addresses
    the body or group named last before it: a group for a plural pronoun
    ("them", "les"), a body for a singular one, when one was named.

    Args:
        text: the clause text the lead and the entities were found in.
        lang: its language.
        vocab: the vocabulary.
        lead: the clause's leading phrase, if one was found.
        entities: :func:`find_entities` over ``text``.

    >>> from graph_builder.vocab import load_vocabulary
    >>> v = load_vocabulary()
    >>> text = "Prie le Secrétaire général de lui présenter à sa soixantième session un rapport"
    >>> find_addressees(text, "fr", v, lead=v.match_lead(text, "fr"),
    ...                 entities=find_entities(text, "fr", v))
    ['body/secretary-general']
    """
    verbs = [lead] if lead is not None and vocab.is_addressing(lead.action) else []
    later = [
        v for v in vocab.iter_coordinated_verbs(text, lang) if lead is None or v.end > lead.end
    ]
    verbs += later
    starts_of_later = sorted(v.end for v in later)
    actors = [e for e in entities if e.kind in ("body", "group")]
    stops, clause_object, pronoun_after = _object_end(vocab, lang)
    result: list[str] = []
    for verb in verbs:
        if clause_object.match(text, verb.end):
            continue  # "requests that …": the object is a clause, not an addressee
        after = pronoun_after.match(text, verb.end)
        pronoun = verb.pronoun or (after.group("pronoun") if after else None)
        if pronoun:
            antecedent = _antecedent(actors, verb.start, vocab.is_plural_pronoun(pronoun, lang))
            if antecedent is not None and antecedent not in result:
                result.append(antecedent)
            continue
        limit = min([s for s in starts_of_later if s > verb.end] + [len(text)])
        end = limit
        for stop in stops.finditer(text, verb.end, limit):
            if not any(e.start <= stop.start() < e.end for e in entities):
                end = stop.start()
                break
        for actor in actors:
            if verb.end <= actor.start and actor.end <= end and actor.value not in result:
                result.append(actor.value)
    return result


def _antecedent(actors: Sequence[Found], before: int, plural: bool) -> str | None:
    """The body or group a pronoun stands for: the last named of its number, else the last."""
    named = [a for a in actors if a.end <= before]
    wanted = "group" if plural else "body"
    fitting = [a for a in named if a.kind == wanted] or named
    return fitting[-1].value if fitting else None


# -- report session ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _report_grammar(vocab: Vocabulary, lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    report = re.compile(rf"(?i:{_alt(vocab.terms('syntax/report', lang))})")
    ordinal = vocab.ordinal_pattern(lang)
    frames: list[str] = []
    for frame in sorted(vocab.terms("syntax/session-frame", lang), key=lambda s: (-len(s), s)):
        before, _, after = frame.partition("{ordinal}")
        parts = [phrase_pattern(before) if before.strip() else "", f"(?P<o{len(frames)}>{ordinal})"]
        if after.strip():
            parts.append(phrase_pattern(after))
        frames.append(r"\s+".join(p for p in parts if p))
    if frames and all(f[:1].isalnum() for f in frames):
        # the boundary checked after the first letter, as in _alt
        frames = [f[0] + r"(?<!\w.)" + f[1:] for f in frames]
        session = re.compile(rf"(?:{'|'.join(frames)})(?!\w)", re.IGNORECASE)
    else:
        session = re.compile(rf"(?<!\w)(?:{'|'.join(frames) or '(?!)'})(?!\w)", re.IGNORECASE)
    return report, session


def find_report_session(text: str, lang: str, vocab: Vocabulary) -> int | None:
    """The session a report asked for in ``text`` is due at, if the clause asks for a report.

    >>> from graph_builder.vocab import load_vocabulary
    >>> text = ("Requests the Secretary-General to submit a report on the implementation "
    ...         "of the present resolution to the General Assembly at its sixtieth session.")
    >>> find_report_session(text, "en", load_vocabulary())
    60
    """
    report, session = _report_grammar(vocab, lang)
    if report.search(text) is None:
        return None
    match = session.search(text)
    if match is None or match.lastgroup is None:
        return None
    return vocab.ordinal(match.group(match.lastgroup), lang)
