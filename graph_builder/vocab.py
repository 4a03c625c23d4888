"""Language data from ``ontology/vocab/*.ttl``, compiled to fast matchers.

Every phrase, name, month and ordinal the parser recognises is a language-tagged
SKOS label in Turtle; this module reads those files once with rdflib and turns
each list of labels into one regex per language (a prefix tree of the labels,
longest label first, any run of whitespace between words, straight or curly
apostrophes), compiled on first use. Adding a language is adding labels: no
code here names a word of any language.

>>> vocab = load_vocabulary()
>>> lead = vocab.match_lead("Rappelant également sa résolution 58/140", "fr")
>>> (lead.lead, lead.action, lead.kind, lead.end)
('Rappelant également', 'action/recall', 'preambular', 19)
>>> vocab.match_organ("THE GENERAL ASSEMBLY,")
('body/general-assembly', 'en')
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from graph_builder.errors import VocabularyError
from graph_builder.model import ClauseKind

UNKG = Namespace("https://w3id.org/unkg/ontology#")
ID_BASE = "https://w3id.org/unkg/id/"

#: rdf:type of an authority record -> the ``kind`` the parser reports.
ENTITY_KINDS: Mapping[URIRef, str] = MappingProxyType(
    {
        UNKG.Body: "body",
        UNKG.Instrument: "instrument",
        UNKG.Convention: "instrument",
        UNKG.Protocol: "instrument",
        UNKG.Declaration: "instrument",
        UNKG.Event: "event",
        UNKG.Place: "place",
        UNKG.ActorGroup: "group",
        UNKG.Topic: "topic",
    }
)

CLAUSE_KINDS: tuple[ClauseKind, ...] = ("preambular", "operative")
# How far into a paragraph a leading phrase may stand after an opening phrase and a comma.
_INNER_LEAD_WITHIN = 150
_PHRASE_PROPERTY = {"preambular": UNKG.preambularPhrase, "operative": UNKG.operativePhrase}
_MONTHS_SCHEME = URIRef(ID_BASE + "scheme/months")
_ORDINALS_SCHEME = URIRef(ID_BASE + "scheme/ordinals")


@dataclass(frozen=True)
class LeadMatch:
    """The leading phrase of a clause.

    ``lead`` is the phrase as written, modifiers included, with any run of
    whitespace inside it shown as one space; ``end`` is the offset just after
    it in the text given. ``start`` is where it begins, and ``pronoun`` is the
    object pronoun written before it, if any ("et *lui* demande"): its addressee
    was named earlier.
    """

    lead: str
    action: str
    kind: ClauseKind
    end: int
    start: int = 0
    pronoun: str | None = None


def _lead_of(
    text: str, match: re.Match[str], action: str, kind: ClauseKind, *, pronoun: str | None = None
) -> LeadMatch:
    """The leading phrase a lead pattern matched: from its group ``x`` to the match's end."""
    start = match.end("x")
    lead = " ".join(text[start : match.end()].split())
    return LeadMatch(
        lead=lead, action=action, kind=kind, end=match.end(), start=start, pronoun=pronoun
    )


@dataclass(frozen=True)
class Entity:
    """An authority record: a body, instrument, event, place or group of actors."""

    id: str
    kind: str
    labels: Mapping[str, str]


@dataclass(frozen=True)
class EntityHit:
    """One place where a label of an authority record occurs in a text."""

    entity: str
    kind: str
    start: int
    end: int


def _local(node: URIRef) -> str:
    text = str(node)
    return text[len(ID_BASE) :] if text.startswith(ID_BASE) else text


def _word(token: str) -> str:
    """Regex for one word of a label: apostrophes either way, a line-broken hyphen allowed."""
    out = []
    for char in token:
        if char in "'’":
            out.append("['’]")
        elif char == "-":
            out.append(r"-\s*")
        else:
            out.append(re.escape(char))
    return "".join(out)


def phrase_pattern(label: str, *, between: str = r"\s+") -> str:
    r"""Regex source matching ``label`` with any whitespace between its words.

    ``between`` joins the words; a label of one word is just that word.

    >>> phrase_pattern("l’esprit de")
    "l['’]esprit\\s+de"
    """
    words = label.split()
    return between.join(_word(w) for w in words)


@dataclass
class _Node:
    """A node of a prefix tree of regex tokens."""

    children: dict[str, _Node] = field(default_factory=dict)
    ends: bool = False
    value: Any = None


def _tokens(label: str, *, after_first_word: str = r"\s+") -> list[str]:
    """Regex tokens of a label, one per character, one per run of whitespace between words."""
    tokens: list[str] = []
    for index, word in enumerate(label.split()):
        if index:
            tokens.append(after_first_word if index == 1 else r"\s+")
        tokens.extend(_word(char) for char in word)
    return tokens


def _trie(
    entries: Iterable[tuple[Sequence[str], object]], *, capture: bool
) -> tuple[str, list[Any]]:
    """One regex for many labels, factored on common prefixes.

    Python's ``re`` tries the branches of an alternation one by one, so a flat
    alternation of hundreds of labels is slow; a prefix tree keeps each step to
    the branches that share what was read so far. With ``capture`` each label
    ends in an empty group, and the values come back in group order, so
    ``match.lastindex`` names the label that matched. A longer label is tried
    before a shorter one it extends. The first value given for a label wins.

    >>> source, values = _trie([(_tokens("Recalls"), 1), (_tokens("Recalling"), 2)], capture=True)
    >>> [values[re.match(source, word).lastindex - 1] for word in ("Recalling", "Recalls")]
    [2, 1]
    """
    root = _Node()
    for tokens, value in entries:
        node = root
        for token in tokens:
            node = node.children.setdefault(token, _Node())
        if not node.ends:
            node.ends, node.value = True, value
    order: list[Any] = []

    def render(node: _Node) -> str:
        branches = [token + render(node.children[token]) for token in sorted(node.children)]
        if node.ends:
            if capture:
                order.append(node.value)
            branches.append("()" if capture else "")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return (render(root) if root.children or root.ends else "(?!)"), order


def _alternation(labels: Iterable[str]) -> str:
    ordered = sorted(set(labels), key=lambda s: (-len(s), s))
    return "|".join(phrase_pattern(s) for s in ordered)


def _word_alternation(labels: Iterable[str]) -> str:
    """:func:`_alternation` of labels that must start a word (not after a word character).

    The word-start check stands after each label's first letter: re then rejects most
    places on that letter alone, several times faster than a look-behind tried first.
    """
    ordered = sorted(set(labels), key=lambda s: (-len(s), s))
    if not ordered:
        return "(?!)"
    if not all(label[:1].isalnum() for label in ordered):
        return rf"(?<!\w)(?:{_alternation(ordered)})"
    sources = (phrase_pattern(label) for label in ordered)
    return "|".join(source[0] + r"(?<!\w.)" + source[1:] for source in sources)


def _casefold_key(words: str) -> str:
    return " ".join(words.replace("-", " ").split()).casefold()


@dataclass
class _Tables:
    """Labels read from the Turtle files, before any regex is compiled."""

    phrases: dict[tuple[str, str], dict[str, str]] = field(
        default_factory=lambda: defaultdict(dict)
    )  # (lang, kind) -> phrase -> action
    addressing: dict[str, bool] = field(default_factory=dict)
    modifiers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    organs: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    entities: dict[str, Entity] = field(default_factory=dict)
    entity_labels: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    short_names: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )  # lang -> short name -> entity ids
    series: dict[str, str] = field(default_factory=dict)
    months: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    ordinals: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    terms: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )  # concept id -> lang -> labels, prefLabel first
    pref_seen: dict[tuple[str, str], Path] = field(default_factory=dict)


class Vocabulary:
    """Compiled language data. Build it with :func:`load_vocabulary`.

    Regexes are compiled per language on first use, so a process that reads
    only French never compiles the English matchers.
    """

    def __init__(self, tables: _Tables) -> None:
        self._t = tables
        langs = {lang for lang, _ in tables.phrases}
        self.languages: frozenset[str] = frozenset(langs)
        # compiled on first use: key -> (pattern, value of each capturing group by number)
        self._cache: dict[tuple[str, ...], tuple[re.Pattern[str], list[Any]]] = {}
        self._sources: dict[tuple[str, ...], str] = {}

    # -- leads -----------------------------------------------------------------------------

    def _modifier_source(self, lang: str) -> str:
        modifiers = self._t.modifiers.get(lang, ())
        source, _ = _trie(((_tokens(m), None) for m in modifiers), capture=False)
        return f"(?:{source})"

    def _lead_matcher(self, lang: str, kinds: tuple[str, ...]) -> tuple[re.Pattern[str], list[Any]]:
        key = ("lead", lang, *kinds)
        cached = self._cache.get(key)
        if cached is None:
            mod = self._modifier_source(lang)
            # a modifier may sit after the first word: "Gardant également à l'esprit"
            after_first = rf"(?:\s+{mod})*\s+"
            body, meta = _trie(
                (
                    (_tokens(phrase, after_first_word=after_first), (action, kind))
                    for kind in kinds
                    for phrase, action in self._t.phrases.get((lang, kind), {}).items()
                ),
                capture=True,
            )
            pattern = re.compile(
                rf"\s*(?P<x>)(?:{mod}\s+){{0,3}}(?:{body})(?:\s+{mod}){{0,3}}(?!\w)",
                re.IGNORECASE,
            )
            cached = (pattern, [None, None, *meta])
            self._cache[key] = cached
        return cached

    def match_lead(self, text: str, lang: str, *, kind: str | None = None) -> LeadMatch | None:
        """The leading phrase at the start of ``text`` (after whitespace), longest match.

        The first letter must be a capital, so a continuation line starting
        with a lower-case participle is not taken for a new clause.

        Args:
            text: clause text from its first character (leading whitespace is skipped).
            lang: ISO 639-1 code of the text.
            kind: ``"preambular"`` or ``"operative"`` to look for one kind only.

        Returns:
            The match, or ``None`` when no known phrase opens the text.

        >>> v = load_vocabulary()
        >>> v.match_lead("Takes note with\\nappreciation of the report", "en").lead
        'Takes note with appreciation'
        >>> v.match_lead("Also requests the Secretary-General", "en", kind="operative").action
        'action/request'
        """
        if kind is not None and kind not in CLAUSE_KINDS:
            raise VocabularyError(f"unknown clause kind {kind!r}; expected one of {CLAUSE_KINDS}")
        kinds = (kind,) if kind else CLAUSE_KINDS
        pattern, meta = self._lead_matcher(lang, kinds)
        match = pattern.match(text)
        if match is None or match.lastindex is None:
            return None
        if not text[match.end("x")].isupper():
            return None
        return _lead_of(text, match, *meta[match.lastindex])

    def match_inner_lead(self, text: str, lang: str) -> LeadMatch | None:
        """An operative phrase written after an opening phrase and a comma.

        "Further to counter that threat, calls upon all States …": the verb stands
        after the first commas of the paragraph's first sentence, in lower case.

        >>> v = load_vocabulary()
        >>> m = v.match_inner_lead("Further to counter that threat, calls upon all States", "en")
        >>> m.lead, m.action, m.start
        ('calls upon', 'action/call-upon', 32)
        """
        pattern, meta = self._lead_matcher(lang, ("operative",))
        first = re.search(r"[;:.]", text)
        head = text[: min(first.start() if first else len(text), _INNER_LEAD_WITHIN)]
        for comma in re.finditer(",", head):
            match = pattern.match(text, comma.end())
            if match is None or match.lastindex is None:
                continue
            if text[match.end("x")].islower():
                return _lead_of(text, match, *meta[match.lastindex])
        return None

    def iter_coordinated_verbs(self, text: str, lang: str) -> Iterator[LeadMatch]:
        """Addressing operative verbs joined inside a clause ("…, and calls upon …").

        An object pronoun may stand between the conjunction and the verb
        ("… et lui demande …"); the match then says so.

        >>> v = load_vocabulary()
        >>> [m.action for m in v.iter_coordinated_verbs(
        ...     "Welcomes the efforts, and calls upon the Commission to act", "en")]
        ['action/call-upon']
        >>> [(m.lead, m.pronoun) for m in v.iter_coordinated_verbs(
        ...     "Sait gré à la Commission de ses efforts et lui demande de continuer", "fr")]
        [('demande', 'lui')]
        """
        key = ("verbs", lang)
        cached = self._cache.get(key)
        if cached is None:
            mod = self._modifier_source(lang)
            conj = _word_alternation(self.terms("syntax/conjunction", lang))
            pronoun = _word_alternation(self.object_pronouns(lang)[0])
            body, meta = _trie(
                (
                    (_tokens(p), a)
                    for p, a in self._t.phrases.get((lang, "operative"), {}).items()
                    if self._t.addressing.get(a)
                ),
                capture=True,
            )
            pattern = re.compile(
                # A pronoun ending in a letter needs a space after it; "l’" may have none.
                rf"(?:{conj})\s+(?:(?P<p>{pronoun})(?:(?<=\w)\s+|(?<!\w)\s*))?"
                rf"(?P<x>)(?:{mod}\s+){{0,2}}(?:{body})(?:\s+{mod}){{0,2}}(?!\w)",
                re.IGNORECASE,
            )
            cached = (pattern, [None, None, None, *meta])
            self._cache[key] = cached
        pattern, meta = cached
        for match in pattern.finditer(text):
            if match.lastindex is None:
                continue
            yield _lead_of(
                text, match, meta[match.lastindex], "operative", pronoun=match.group("p")
            )

    def is_plural_pronoun(self, word: str, lang: str) -> bool:
        """Whether an object pronoun stands for several ("them", "les", "leur").

        >>> v = load_vocabulary()
        >>> v.is_plural_pronoun("leur", "fr"), v.is_plural_pronoun("lui", "fr")
        (True, False)
        """
        plural = self.terms("syntax/plural-pronoun", lang)
        return _casefold_key(word) in {_casefold_key(p) for p in plural}

    def object_pronouns(self, lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Object pronouns written before an addressing verb, and those written after it.

        >>> load_vocabulary().object_pronouns("fr")[0]
        ('lui', 'leur', 'les', 'l’')
        >>> load_vocabulary().object_pronouns("en")
        ((), ('it', 'them'))
        """
        before: list[str] = []
        after: list[str] = []
        for template in self.terms("syntax/object-pronoun", lang):
            head, verb, tail = template.partition("{verb}")
            if not verb:
                raise VocabularyError(f"syntax/object-pronoun: {template!r}@{lang} has no {{verb}}")
            (before if head.strip() else after).append((head or tail).strip())
        return tuple(before), tuple(after)

    def is_addressing(self, action: str) -> bool:
        """Whether clauses with this action ask someone to do something.

        >>> load_vocabulary().is_addressing("action/request")
        True
        """
        try:
            return self._t.addressing[action]
        except KeyError:
            raise VocabularyError(f"unknown action {action!r} in ontology/vocab") from None

    # -- organs and entities ---------------------------------------------------------------

    def match_organ(self, line: str) -> tuple[str, str] | None:
        """``(body id, language)`` when ``line`` is an organ phrase such as "L’Assemblée générale,".

        >>> load_vocabulary().match_organ("  L'Assemblée générale,")
        ('body/general-assembly', 'fr')
        """
        cached = self._cache.get(("organ",))
        if cached is None:
            entries = sorted(
                (
                    (label, body, lang)
                    for lang, d in self._t.organs.items()
                    for label, body in d.items()
                ),
                key=lambda e: (-len(e[0]), e[0]),
            )
            body = "|".join(f"({phrase_pattern(label)})" for label, _, _ in entries) or "(?!)"
            cached = (
                re.compile(rf"\s*(?:{body})\s*[,:;]?\s*", re.IGNORECASE),
                [None, *((b, lang) for _, b, lang in entries)],
            )
            self._cache[("organ",)] = cached
        pattern, meta = cached
        match = pattern.fullmatch(line)
        if match is None or match.lastindex is None:
            return None
        found: tuple[str, str] = meta[match.lastindex]
        return found

    def entity(self, entity_id: str) -> Entity:
        """The authority record ``entity_id`` (``"body/unodc"``).

        Raises:
            VocabularyError: no record has that id.

        >>> load_vocabulary().entity("body/unodc").labels["fr"]
        'Office des Nations Unies contre la drogue et le crime'
        """
        try:
            return self._t.entities[entity_id]
        except KeyError:
            raise VocabularyError(
                f"unknown authority record {entity_id!r} in ontology/vocab"
            ) from None

    @property
    def entities(self) -> Mapping[str, Entity]:
        """Every authority record by id."""
        return MappingProxyType(self._t.entities)

    def resolution_series(self, body: str) -> str | None:
        """Symbol series of a body's resolutions (``"A/RES"``), if it adopts numbered ones."""
        return self._t.series.get(body)

    def iter_entities(self, text: str, lang: str) -> Iterator[EntityHit]:
        """Non-overlapping label occurrences, left to right, longest label first at each place."""

        def entries() -> Iterator[tuple[list[str], str]]:
            for label, entity in self._t.entity_labels.get(lang, {}).items():
                yield _tokens(label), entity
                if label[0].islower():  # a label in lower case may open a sentence
                    yield _tokens(label[0].upper() + label[1:]), entity

        pattern, meta = self._label_matcher(("entities", lang), entries)
        for match in pattern.finditer(text):
            if match.lastindex is None:
                continue
            entity = meta[match.lastindex]
            yield EntityHit(entity, self._t.entities[entity].kind, match.start(), match.end())

    def find_topics(self, text: str, lang: str) -> tuple[str, ...]:
        """Topics a heading names, in order of first appearance, whatever the capitals.

        Unlike :meth:`iter_entities`, case is ignored and other records do not hide a
        topic: a title's "Crime Prevention and Criminal Justice Programme" names the
        programme and also the topics crime prevention and criminal justice.

        >>> load_vocabulary().find_topics(
        ...     "Strengthening the United Nations Crime Prevention and Criminal Justice "
        ...     "Programme, in particular its technical cooperation capacity", "en")
        ('topic/crime-prevention', 'topic/criminal-justice', 'topic/technical-cooperation')
        """

        def entries() -> Iterator[tuple[list[str], str]]:
            for label, entity in self._t.entity_labels.get(lang, {}).items():
                if self._t.entities[entity].kind == "topic":
                    yield _tokens(label), entity

        pattern, meta = self._label_matcher(("topics", lang), entries, re.IGNORECASE)
        found = (meta[m.lastindex] for m in pattern.finditer(text) if m.lastindex is not None)
        return tuple(dict.fromkeys(found))

    def _label_matcher(
        self,
        key: tuple[str, ...],
        entries: Callable[[], Iterable[tuple[list[str], str]]],
        flags: int = 0,
    ) -> tuple[re.Pattern[str], list[Any]]:
        """One whole-word pattern over record labels, compiled on first use."""
        cached = self._cache.get(key)
        if cached is None:
            body, meta = _trie(entries(), capture=True)
            cached = (re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags), [None, *meta])
            self._cache[key] = cached
        return cached

    def short_names(self, lang: str) -> Mapping[str, frozenset[str]]:
        """Short references ("the Commission") -> ids of the records they may stand for."""
        return {k: frozenset(v) for k, v in self._t.short_names.get(lang, {}).items()}

    # -- words -----------------------------------------------------------------------------

    def terms(self, concept: str, lang: str) -> tuple[str, ...]:
        """Labels of a syntax concept (``"syntax/resolution"``) in one language, preferred first."""
        if concept not in self._t.terms:
            raise VocabularyError(f"unknown vocabulary concept {concept!r} in ontology/vocab")
        return tuple(self._t.terms[concept].get(lang, ()))

    def month(self, word: str, lang: str) -> int | None:
        """Month number of a month name.

        >>> load_vocabulary().month("décembre", "fr")
        12
        """
        return self._t.months.get(lang, {}).get(word.casefold())

    def month_names(self, lang: str) -> tuple[str, ...]:
        """Every month name in one language."""
        return tuple(self._t.months.get(lang, {}))

    def ordinal(self, words: str, lang: str) -> int | None:
        """Number of an ordinal written in words ("soixante et unième" -> 61).

        >>> load_vocabulary().ordinal("Sixty-first", "en")
        61
        """
        return self._t.ordinals.get(lang, {}).get(_casefold_key(words))

    def ordinal_pattern(self, lang: str) -> str:
        """Regex source matching any ordinal word of ``lang`` (hyphens or spaces between parts)."""
        key = ("ordinals", lang)
        cached = self._sources.get(key)
        if cached is None:
            words = sorted(self._t.ordinals.get(lang, {}), key=lambda s: (-len(s), s))
            cached = "|".join(phrase_pattern(w, between=r"[\s\-]+") for w in words) or "(?!)"
            self._sources[key] = cached
        return cached


# -- loading ---------------------------------------------------------------------------------


def _lang(literal: object) -> str | None:
    return literal.language if isinstance(literal, Literal) else None


def _read(tables: _Tables, graph: Graph, path: Path) -> None:
    for subject in set(graph.subjects(SKOS.inScheme, None)):
        if not isinstance(subject, URIRef):
            raise VocabularyError(f"{path}: concept without an IRI in a skos:inScheme statement")
        cid = _local(subject)
        types = set(graph.objects(subject, RDF.type))
        pref: dict[str, str] = {}
        for label in graph.objects(subject, SKOS.prefLabel):
            lang = _lang(label)
            if lang is None:
                raise VocabularyError(
                    f"{path}: {cid}: skos:prefLabel {label!s} has no language tag"
                )
            first = tables.pref_seen.setdefault((cid, lang), path)
            if lang in pref or first != path:
                raise VocabularyError(
                    f"{path}: {cid}: two skos:prefLabel in language {lang!r} (also in {first.name})"
                )
            pref[lang] = str(label)
        alts = [(str(a), _lang(a)) for a in graph.objects(subject, SKOS.altLabel)]
        labels = [(v, k) for k, v in pref.items()] + [(v, k) for v, k in alts if k]
        schemes = set(graph.objects(subject, SKOS.inScheme))

        if UNKG.Action in types:
            for kind, prop in _PHRASE_PROPERTY.items():
                for phrase in graph.objects(subject, prop):
                    lang = _lang(phrase)
                    if lang is None:
                        raise VocabularyError(
                            f"{path}: {cid}: phrase {phrase!s} has no language tag"
                        )
                    other = tables.phrases[(lang, kind)].setdefault(str(phrase), cid)
                    if other != cid:
                        raise VocabularyError(
                            f"{path}: {kind} phrase {phrase!s}@{lang} "
                            f"belongs to both {other} and {cid}"
                        )
            flag = graph.value(subject, UNKG.addressing)
            tables.addressing[cid] = bool(flag.toPython()) if isinstance(flag, Literal) else False
        elif UNKG.LeadModifier in types:
            for value, lang in labels:
                tables.modifiers[lang].add(value)
        elif kinds := {
            ENTITY_KINDS[t] for t in types if isinstance(t, URIRef) and t in ENTITY_KINDS
        }:
            if len(kinds) > 1:
                raise VocabularyError(f"{path}: {cid} has several kinds {sorted(kinds)}")
            tables.entities[cid] = Entity(cid, kinds.pop(), MappingProxyType(dict(pref)))
            for value, lang in labels:
                tables.entity_labels[lang].setdefault(value, cid)
            for short in graph.objects(subject, UNKG.shortName):
                if lang := _lang(short):
                    tables.short_names[lang][str(short)].add(cid)
            for phrase in graph.objects(subject, UNKG.organPhrase):
                if lang := _lang(phrase):
                    tables.organs[lang][str(phrase)] = cid
            series = graph.value(subject, UNKG.resolutionSeries)
            if series is not None:
                tables.series[cid] = str(series)
        if _MONTHS_SCHEME in schemes or _ORDINALS_SCHEME in schemes:
            notation = graph.value(subject, SKOS.notation)
            if notation is None:
                raise VocabularyError(f"{path}: {cid} has no skos:notation")
            number = int(str(notation))
            target = tables.months if _MONTHS_SCHEME in schemes else tables.ordinals
            for value, lang in labels:
                target[lang][_casefold_key(value)] = number
        for value, lang in labels:
            tables.terms[cid][lang].append(value)


def default_root() -> Path:
    """``<repository>/ontology``."""
    return Path(__file__).resolve().parents[1] / "ontology"


@functools.lru_cache(maxsize=4)
def _load(root: Path) -> Vocabulary:
    folder = root / "vocab"
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise VocabularyError(f"{folder}: no vocabulary files (*.ttl)")
    tables = _Tables()
    for path in files:
        graph = Graph()
        try:
            graph.parse(path, format="turtle")
        except Exception as error:  # rdflib raises several unrelated classes for bad Turtle
            raise VocabularyError(f"{path}: not valid Turtle: {error}") from error
        _read(tables, graph, path)
    return Vocabulary(tables)


def load_vocabulary(root: Path | None = None) -> Vocabulary:
    """Read and compile the vocabulary under ``root`` (default: the repository's ``ontology/``).

    The result is cached per folder, so every caller in a process shares one.

    Raises:
        VocabularyError: a file is not valid Turtle or breaks a vocabulary rule.
    """
    return _load((root or default_root()).resolve())


def detect_language(text: str, *, vocab: Vocabulary | None = None) -> str | None:
    """The language whose organ phrases and leading phrases open the most lines of ``text``.

    >>> detect_language("L’Assemblée générale,\\n Rappelant sa résolution 46/152,")
    'fr'
    >>> detect_language("no resolution here") is None
    True
    """
    vocab = vocab or load_vocabulary()
    scores: dict[str, int] = defaultdict(int)
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or not stripped[0].isupper():
            continue
        organ = vocab.match_organ(stripped)
        if organ:
            scores[organ[1]] += 5
            continue
        for lang in vocab.languages:
            if vocab.match_lead(stripped, lang):
                scores[lang] += 1
    if not scores:
        return None
    return max(sorted(scores), key=lambda lang: scores[lang])
