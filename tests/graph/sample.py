"""A small hand-built document in the shape the parser produces, in French and English."""

from __future__ import annotations

from datetime import date

from graph_builder.model import (
    Citation,
    Clause,
    DateMention,
    Document,
    Footnote,
    Mention,
    SourceInfo,
    Span,
    SubParagraph,
)

S = Span(0, 1)
SHA256 = {"en": "e" * 64, "fr": "f" * 64}

TEXTS = {
    "en": {
        "title": "Strengthening the United Nations Crime Prevention and Criminal Justice Programme",
        "pre1": ("Recalling", "Recalling its resolution 46/152 of 18 December 1991,"),
        "pre2": ("Bearing in mind", "Bearing in mind the United Nations Millennium Declaration,"),
        "op1": ("Requests", "Requests the Secretary-General to report at its sixtieth session;"),
        "op2": ("Urges", "Urges States:"),
        "sub_a": "to ratify the Convention;",
        "sub_b": "to implement it;",
        "fn1": "See resolution 55/2.",
    },
    "fr": {
        "title": "Renforcement du Programme des Nations Unies pour la prévention du crime",
        "pre1": ("Rappelant", "Rappelant sa résolution 46/152 du 18 décembre 1991,"),
        "pre2": ("Ayant à l'esprit", "Ayant à l'esprit la Déclaration du Millénaire,"),
        "op1": ("Prie", "Prie le Secrétaire général de faire rapport à sa soixantième session;"),
        "op2": ("Exhorte", "Exhorte les États :"),
        "sub_a": "à ratifier la Convention;",
        "sub_b": "à l'appliquer;",
        "fn1": "Voir résolution 55/2.",
    },
}


def sample_document(language: str = "en", *, symbol: str = "A/RES/59/159") -> Document:
    """A resolution with two preambular and two operative clauses, one footnote."""
    t = TEXTS[language]
    preamble = (
        Clause("preambular", 1, None, t["pre1"][0], "recall", t["pre1"][1], S),
        Clause(
            "preambular", 2, None, t["pre2"][0], "bear-in-mind", t["pre2"][1], S, footnotes=("1",)
        ),
    )
    operative = (
        Clause(
            "operative",
            1,
            1,
            t["op1"][0],
            "request",
            t["op1"][1],
            S,
            addressees=("body/secretary-general",),
            report_due_session=60,
        ),
        Clause(
            "operative",
            2,
            2,
            t["op2"][0],
            "urge",
            t["op2"][1],
            S,
            subparagraphs=(
                SubParagraph("a", t["sub_a"], S, "op/2/a"),
                SubParagraph("b", t["sub_b"], S, "op/2/b"),
            ),
            addressees=("group/states",),
        ),
    )
    return Document(
        symbol=symbol,
        organ="body/general-assembly",
        language=language,
        title=t["title"],
        adopted_on=date(2004, 12, 20),
        meeting=74,
        session=59,
        preamble=preamble,
        operative=operative,
        footnotes=(Footnote("1", t["fn1"], S),),
        citations=(
            Citation("A/RES/46/152", "pre/1", S),
            Citation("A/RES/55/2", "pre/2", S, via_footnote="fn/1"),
            Citation("A/59/205", "op/1", S),
        ),
        mentions=(
            Mention(
                "instrument/millennium-declaration",
                "instrument",
                "pre/2",
                S,
                "x",
                symbol="A/RES/55/2",
            ),
            Mention("body/secretary-general", "body", "op/1", S, "x"),
        ),
        dates=(DateMention("1991-12-18", "pre/1", S, "18 December 1991"),),
        source=SourceInfo(f"seeds/sample.{language}.txt", SHA256[language], "utf-8", language),
        span=Span(0, 100),
    )
