"""Leading phrases, organ phrases, months, ordinals and language detection, on real sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph_builder.vocab import detect_language, load_vocabulary, phrase_pattern

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
CORPUS = REPO / "tests" / "data" / "corpus"
# Scans of printed volumes: OCR noise and French columns, left out of the lead-coverage scan.
OCR_SCANS = {
    "A-RES-96-I.en.txt",
    "A-RES-1514-XV.en.txt",
    "A-RES-3314-XXIX.en.txt",
    "A-RES-40-34.en.txt",
    "S-RES-82-1950.en.txt",
    "S-RES-242-1967.en.txt",
}

# (text, lang, kind, expected lead, expected action); kind None lets either kind match.
LEADS = [
    (
        "Recalling its resolution 46/152 of 18 December 1991",
        "en",
        None,
        "Recalling",
        "action/recall",
    ),
    (
        "Rappelant sa résolution 46/152 du 18 décembre 1991",
        "fr",
        None,
        "Rappelant",
        "action/recall",
    ),
    (
        "Rappelant également sa résolution 58/140",
        "fr",
        "preambular",
        "Rappelant également",
        "action/recall",
    ),
    ("Recalling also its resolution 58/140", "en", "preambular", "Recalling also", "action/recall"),
    (
        "Ayant à l’esprit la Déclaration du Millénaire",
        "fr",
        None,
        "Ayant à l’esprit",
        "action/bear-in-mind",
    ),
    (
        "Gardant également à l'esprit toutes les résolutions",
        "fr",
        None,
        "Gardant également à l'esprit",
        "action/bear-in-mind",
    ),
    (
        "Bearing in mind also all Economic and Social Council resolutions",
        "en",
        None,
        "Bearing in mind also",
        "action/bear-in-mind",
    ),
    ("Convaincue qu’il est nécessaire de resserrer", "fr", None, "Convaincue", "action/convince"),
    ("Convaincu que la situation", "fr", None, "Convaincu", "action/convince"),
    ("Convinced of the need for closer coordination", "en", None, "Convinced", "action/convince"),
    (
        "Attendant avec intérêt le onzième Congrès",
        "fr",
        None,
        "Attendant avec intérêt",
        "action/look-forward",
    ),
    (
        "Looking forward to the Eleventh United Nations Congress",
        "en",
        None,
        "Looking forward to",
        "action/look-forward",
    ),
    (
        "Se félicitant également de l’ouverture à la signature",
        "fr",
        None,
        "Se félicitant également",
        "action/welcome",
    ),
    (
        "Expressing its appreciation for the funding",
        "en",
        None,
        "Expressing its appreciation",
        "action/welcome",
    ),
    (
        "Exprimant sa reconnaissance pour les contributions",
        "fr",
        None,
        "Exprimant sa reconnaissance",
        "action/welcome",
    ),
    ("Aware of the continued increase in requests", "en", None, "Aware", "action/recognize"),
    (
        "Profondément préoccupée par la menace",
        "fr",
        None,
        "Profondément préoccupée",
        "action/concern",
    ),
    (
        "Gravely concerned by the threat of terrorism",
        "en",
        None,
        "Gravely concerned",
        "action/concern",
    ),
    (
        "Expressing once again its grave alarm at continuing reports",
        "en",
        None,
        "Expressing once again its grave alarm",
        "action/concern",
    ),
    (
        "Noting with grave concern the armed attack",
        "en",
        None,
        "Noting with grave concern",
        "action/note",
    ),
    (
        "Acting under Chapter VII of the Charter of the United Nations,",
        "en",
        None,
        "Acting under",
        "action/act-under",
    ),
    (
        "Prend note avec satisfaction du rapport du Secrétaire général",
        "fr",
        "operative",
        "Prend note avec satisfaction",
        "action/note",
    ),
    (
        "Takes note with\nappreciation of the report of the Secretary-General",
        "en",
        "operative",
        "Takes note with appreciation",
        "action/note",
    ),
    (
        "Reiterates its appreciation of the work of the Commission",
        "en",
        None,
        "Reiterates its appreciation",
        "action/welcome",
    ),
    (
        "Se félicite à nouveau du travail accompli",
        "fr",
        None,
        "Se félicite à nouveau",
        "action/welcome",
    ),
    ("Also invites all States to support", "en", "operative", "Also invites", "action/invite"),
    (
        "Invite également tous les États à appuyer",
        "fr",
        "operative",
        "Invite également",
        "action/invite",
    ),
    (
        "Demande instamment aux États et aux organismes de financement",
        "fr",
        None,
        "Demande instamment",
        "action/urge",
    ),
    ("Invite instamment tous les États", "fr", None, "Invite instamment", "action/urge"),
    ("Urges States and funding agencies to review", "en", None, "Urges", "action/urge"),
    (
        "Sait gré à la Commission pour la prévention du crime",
        "fr",
        None,
        "Sait gré",
        "action/welcome",
    ),
    (
        "Requests the Secretary-General to submit a report",
        "en",
        "operative",
        "Requests",
        "action/request",
    ),
    ("Prie le Secrétaire général de lui présenter", "fr", "operative", "Prie", "action/request"),
    (
        "Decides to remain seized of the matter.",
        "en",
        None,
        "Decides to remain seized",
        "action/remain-seized",
    ),
    (
        "Décide de rester saisi de la question.",
        "fr",
        None,
        "Décide de rester saisi",
        "action/remain-seized",
    ),
    ("Demands that all parties", "en", None, "Demands", "action/demand"),
    ("Condemns in the strongest terms", "en", None, "Condemns", "action/condemn"),
    ("Calls upon all States:", "en", None, "Calls upon", "action/call-upon"),
    (
        "Solemnly proclaims the necessity of bringing",
        "en",
        None,
        "Solemnly proclaims",
        "action/proclaim",
    ),
    ("ALSO REQUESTS the Secretary-General", "en", "operative", "ALSO REQUESTS", "action/request"),
]
# (text, lang, kind): no lead.
NO_LEADS = [
    ("recalling its resolution 46/152", "en", None),  # a continuation line, not a new clause
    ("Recalls the request, in resolution 2178 (2014)", "en", "preambular"),
    ("Recalling its resolution", "en", "operative"),
    ("Further to counter that threat, calls upon all States", "en", None),
    ("Strengthening the United Nations Crime Prevention", "en", None),
    ("Recallings", "en", None),
    ("", "fr", None),
]


def test_tables_collected() -> None:
    assert len(LEADS) == 40
    assert len(NO_LEADS) == 7


@pytest.mark.parametrize(("text", "lang", "kind", "lead", "action"), LEADS)
def test_match_lead(text: str, lang: str, kind: str | None, lead: str, action: str) -> None:
    found = load_vocabulary().match_lead(text, lang, kind=kind)
    assert found is not None
    assert (found.lead, found.action) == (lead, action)
    assert " ".join(text[: found.end].split()) == lead


@pytest.mark.parametrize(("text", "lang", "kind"), NO_LEADS)
def test_no_lead(text: str, lang: str, kind: str | None) -> None:
    assert load_vocabulary().match_lead(text, lang, kind=kind) is None


def test_match_lead_skips_leading_whitespace_and_reports_the_kind() -> None:
    found = load_vocabulary().match_lead(" \n Prie le Secrétaire", "fr")
    assert found is not None
    assert (found.kind, found.lead, found.end) == ("operative", "Prie", 7)


# The leading phrase of every paragraph of A/RES/59/159, in order, in both languages.
SEED_PREAMBLE = [
    ("Recalling", "Rappelant"),
    ("Recalling also", "Rappelant également"),
    ("Bearing in mind", "Ayant à l’esprit"),
    ("Emphasizing", "Soulignant"),
    ("Recognizing", "Considérant"),
    ("Convinced", "Convaincue"),
    ("Recognizing", "Appréciant"),
    ("Looking forward to", "Attendant avec intérêt"),
    ("Welcoming", "Se félicitant"),
    ("Welcoming also", "Se félicitant également"),
    ("Bearing in mind", "Gardant à l’esprit"),
    ("Bearing in mind also", "Gardant également à l’esprit"),
    ("Acknowledging", "Appréciant"),
    ("Recalling", "Rappelant"),
    ("Aware", "Considérant"),
    ("Expressing its appreciation", "Exprimant sa reconnaissance"),
]
SEED_OPERATIVE = [
    ("Takes note with appreciation", "Prend note avec satisfaction"),
    ("Reaffirms", "Réaffirme"),
    ("Reiterates its appreciation", "Se félicite à nouveau"),
    ("Reaffirms", "Réaffirme"),
    ("Reaffirms also", "Réaffirme également"),
    ("Recognizes", "Constate"),
    ("Invites", "Invite"),
    ("Also invites", "Invite également"),
    ("Encourages", "Encourage"),
    ("Urges", "Engage"),
    ("Urges", "Demande instamment"),
    ("Welcomes", "Sait gré"),
    ("Notes with appreciation", "Note avec satisfaction"),
    ("Expresses its appreciation", "Remercie"),
    ("Invites", "Invite"),
    ("Requests", "Prie"),
    ("Urges", "Engage"),
    ("Emphasizes", "Souligne"),
    ("Welcomes", "Accueille avec satisfaction"),
    ("Urges", "Invite instamment"),
    ("Requests", "Prie"),
    ("Encourages", "Invite"),
    ("Requests", "Prie"),
]


def _seed_paragraph(text: str, lead: str, start: int, *, operative: int | None) -> int:
    """Offset of the next paragraph opening with ``lead`` at a line start, from ``start``.

    The operative number may precede the lead on its line; English numbers are also
    printed on a line of their own or after the first line, where they are skipped.
    """
    number = rf"(?:{operative}\.\s+)?" if operative else ""
    pattern = re.compile(rf"(?m)^[ \t]*{number}(?={phrase_pattern(lead)}(?!\w))")
    match = pattern.search(text, start)
    assert match is not None, f"{lead!r} not found at a line start after offset {start}"
    return match.end()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_seed_paragraph_lead_is_matched(lang: str) -> None:
    assert (len(SEED_PREAMBLE), len(SEED_OPERATIVE)) == (16, 23)
    vocab = load_vocabulary()
    text = (SEEDS / f"A-RES-59-159.{lang}.txt").read_text(encoding="utf-8")
    column = 0 if lang == "en" else 1
    position = 0
    for pairs, kind in ((SEED_PREAMBLE, "preambular"), (SEED_OPERATIVE, "operative")):
        for number, pair in enumerate(pairs, start=1):
            lead = pair[column]
            operative = number if kind == "operative" else None
            position = _seed_paragraph(text, lead, position, operative=operative)
            found = vocab.match_lead(text[position:], lang, kind=kind)
            assert found is not None, lead
            assert found.lead == lead
            position += found.end


@pytest.mark.parametrize(
    ("pairs", "kind"), [(SEED_PREAMBLE, "preambular"), (SEED_OPERATIVE, "operative")]
)
def test_seed_paragraphs_share_their_action_across_languages(
    pairs: list[tuple[str, str]], kind: str
) -> None:
    vocab = load_vocabulary()
    for en, fr in pairs:
        found_en = vocab.match_lead(en, "en", kind=kind)
        found_fr = vocab.match_lead(fr, "fr", kind=kind)
        assert found_en is not None
        assert found_fr is not None
        assert found_en.action == found_fr.action, (en, fr)


def _corpus_openings() -> list[tuple[str, str, str]]:
    """(file, kind, text) of each numbered line and each participle after a line ending in ","."""
    openings = []
    for path in sorted(CORPUS.glob("*.txt")):
        if path.name in OCR_SCANS:
            continue
        text = path.read_text(encoding="utf-8")
        if "Declare as follows" in text:
            text = text[
                : text.index("Declare as follows")
            ]  # the annexed declaration speaks as "We"
        for match in re.finditer(r"(?m)^[ \t]*\d{1,2}\.[ \t]+([A-Z].*)$", text):
            openings.append((path.name, "operative", match.group(1)))
        for match in re.finditer(r"(?m)(?<=,\n)([A-Z][a-z]+(?:ing|ed)\b.*)$", text):
            openings.append((path.name, "preambular", match.group(1)))
    return openings


# Openings of the corpus that are not a leading phrase, each for a stated reason.
NOT_LEADS = {
    "Further to counter that threat, calls upon all States, in ac",  # lead inside the sentence
    # a line of a list, not a clause
    "United Nations bodies dealing with counter-terrorism, releva",
    "Having assembled at the Eleventh United Nations Congress on ",  # the annexed declaration
}


def test_corpus_openings_are_matched() -> None:
    vocab = load_vocabulary()
    openings = _corpus_openings()
    assert len(openings) > 500
    missing = [
        (name, text[:60])
        for name, kind, text in openings
        if vocab.match_lead(text, "en", kind=kind) is None and text[:60] not in NOT_LEADS
    ]
    assert missing == []


ORGANS = [
    ("The General Assembly,", ("body/general-assembly", "en")),
    ("THE GENERAL ASSEMBLY,", ("body/general-assembly", "en")),
    (" L’Assemblée générale, ", ("body/general-assembly", "fr")),
    ("L'Assemblée générale,", ("body/general-assembly", "fr")),
    ("The Security Council,", ("body/security-council", "en")),
    ("Le Conseil de sécurité,", ("body/security-council", "fr")),
    ("The Economic and Social Council,", ("body/ecosoc", "en")),
    ("The General Assembly, recalling", None),
    ("General Assembly", None),
]


@pytest.mark.parametrize(("line", "expected"), ORGANS)
def test_match_organ(line: str, expected: tuple[str, str] | None) -> None:
    assert len(ORGANS) == 9
    assert load_vocabulary().match_organ(line) == expected


MONTHS = [
    ("December", "en", 12),
    ("décembre", "fr", 12),
    ("juillet", "fr", 7),
    ("May", "en", 5),
    ("août", "fr", 8),
    ("Maybe", "en", None),
    ("December", "fr", None),
]
ORDINALS = [
    ("sixtieth", "en", 60),
    ("soixantième", "fr", 60),
    ("sixty-first", "en", 61),
    ("soixante et unième", "fr", 61),
    ("soixante-et-unième", "fr", 61),
    ("fifty-ninth", "en", 59),
    ("cinquante-neuvième", "fr", 59),
    ("Fifty-ninth", "en", 59),
    ("quatre-vingt-dix-neuvième", "fr", 99),
    ("seventy-first", "en", 71),
    ("soixante et onzième", "fr", 71),
    ("first", "en", 1),
    ("première", "fr", 1),
    ("sixtieth", "fr", None),
    ("hundredth", "en", None),
]


@pytest.mark.parametrize(("word", "lang", "number"), MONTHS)
def test_month(word: str, lang: str, number: int | None) -> None:
    assert len(MONTHS) == 7
    assert load_vocabulary().month(word, lang) == number


@pytest.mark.parametrize(("words", "lang", "number"), ORDINALS)
def test_ordinal(words: str, lang: str, number: int | None) -> None:
    assert len(ORDINALS) == 15
    assert load_vocabulary().ordinal(words, lang) == number


ADDRESSING = [
    ("action/request", True),
    ("action/urge", True),
    ("action/invite", True),
    ("action/call-upon", True),
    ("action/demand", True),
    ("action/recall", False),
    ("action/decide", False),
    ("action/welcome", False),
]
LANGUAGE_OF = [
    (SEEDS / "A-RES-59-159.en.txt", "en"),
    (SEEDS / "A-RES-59-159.fr.txt", "fr"),
    (CORPUS / "S-RES-1540-2004.en.txt", "en"),
    (CORPUS / "A-RES-ES-10-1.en.txt", "en"),
]


@pytest.mark.parametrize(("action", "addressing"), ADDRESSING)
def test_is_addressing(action: str, addressing: bool) -> None:
    assert len(ADDRESSING) == 8
    assert load_vocabulary().is_addressing(action) is addressing


@pytest.mark.parametrize(("path", "lang"), LANGUAGE_OF)
def test_detect_language(path: Path, lang: str) -> None:
    assert len(LANGUAGE_OF) == 4
    assert detect_language(path.read_text(encoding="utf-8")) == lang


def test_detect_language_of_no_resolution() -> None:
    assert detect_language("lorem ipsum\n12345\n") is None


def test_coordinated_verbs() -> None:
    vocab = load_vocabulary()
    text = (
        "Recognizes the progress made, and calls upon the Secretary-General to enhance "
        "further the visibility, and requests that it be done"
    )
    assert [(m.lead, m.action) for m in vocab.iter_coordinated_verbs(text, "en")] == [
        ("calls upon", "action/call-upon"),
        ("requests", "action/request"),
    ]
    fr = "Constate les progrès réalisés, et engage le Secrétaire général à faire mieux connaître"
    assert [m.action for m in vocab.iter_coordinated_verbs(fr, "fr")] == ["action/urge"]


@pytest.mark.parametrize(
    ("text", "lang", "lead"),
    [
        ("Further to counter that threat, calls upon all States", "en", "calls upon"),
        ("À cet égard, prie le Secrétaire général de faire rapport", "fr", "prie"),
        # only the first sentence, and only a verb in lower case after a comma
        ("Welcomes the report; notes, requests", "en", None),
        ("Further to counter that threat, Calls upon all States", "en", None),
        ("In this regard, recalling its resolution", "en", None),  # not an operative phrase
    ],
)
def test_inner_lead(text: str, lang: str, lead: str | None) -> None:
    found = load_vocabulary().match_inner_lead(text, lang)
    assert (found.lead if found else None) == lead
    if found:
        assert text[found.start : found.end] == found.lead
