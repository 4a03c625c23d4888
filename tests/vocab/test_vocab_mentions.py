"""Recognisers over clause and footnote texts of the seeds and the corpus, in English and French."""

from __future__ import annotations

import pytest

from graph_builder.mentions import (
    find_addressees,
    find_citations,
    find_dates,
    find_entities,
    find_report_session,
)
from graph_builder.vocab import load_vocabulary

# (text, lang, symbols in order)
CITATIONS = [
    ("Recalling its resolution 46/152 of 18 December 1991 on the creation", "en", ["A/RES/46/152"]),
    (
        "Rappelant sa résolution 46/152 du 18 décembre 1991, relative à la création",
        "fr",
        ["A/RES/46/152"],
    ),
    (
        "the progress made in the implementation of General Assembly resolution 58/140;",
        "en",
        ["A/RES/58/140"],
    ),
    (
        "as reflected in Economic and Social Council resolution 2004/28 of 21 July 2004,",
        "en",
        ["E/RES/2004/28"],
    ),
    (
        "comme indiqué dans la résolution 2004/28 du Conseil économique et social, en date du "
        "21 juillet 2004,",
        "fr",
        ["E/RES/2004/28"],
    ),
    (
        "the work of the Security Council Committee established pursuant to resolution 1373 (2001) "
        "concerning counter-terrorism,",
        "en",
        ["S/RES/1373 (2001)"],
    ),
    (
        "des travaux du Comité du Conseil de sécurité créé par la résolution 1373 (2001) "
        "concernant "
        "la lutte antiterroriste",
        "fr",
        ["S/RES/1373 (2001)"],
    ),
    (
        "Resolution 55/25, annexes I–III, and resolution 55/255, annex.",
        "en",
        ["A/RES/55/25", "A/RES/55/255"],
    ),
    (
        "Résolution 55/25, annexes I à III, et résolution 55/255, annexe.",
        "fr",
        ["A/RES/55/25", "A/RES/55/255"],
    ),
    ("Recalling its resolutions 55/25 and 55/255", "en", ["A/RES/55/25", "A/RES/55/255"]),
    (
        "Rappelant ses résolutions 55/25, annexes I à III, et 55/255",
        "fr",
        ["A/RES/55/25", "A/RES/55/255"],
    ),
    (
        "Committee pursuant to resolutions 1267 (1999) and 1989 (2011)",
        "en",
        ["S/RES/1267 (1999)", "S/RES/1989 (2011)"],
    ),
    (
        "Recalling its resolutions 46/152, 58/140 and 59/159,",
        "en",
        ["A/RES/46/152", "A/RES/58/140", "A/RES/59/159"],
    ),
    (
        "Declaration on the granting of independence, General Assembly resolution 1514 (XV)",
        "en",
        ["A/RES/1514 (XV)"],
    ),
    (
        "See Official Records of the Economic and Social Council, 2004, Supplement No. 10 "
        "(E/2004/30), chap. V.",
        "en",
        ["E/2004/30"],
    ),
    (
        "Voir Documents officiels du Conseil économique et social, 2004, Supplément no 10 "
        "(E/2004/30), chap. V.",
        "fr",
        ["E/2004/30"],
    ),
    ("A/59/205.", "en", ["A/59/205"]),
    ("[without reference to a Main Committee (A/ES-10/5)]", "en", ["A/ES-10/5"]),
    ("recalling its resolution ES-10/2 of 25 April 1997", "en", ["A/RES/ES-10/2"]),
    (
        "Recalling its recent condemnation in resolution 2170 (2014) of ISIL",
        "en",
        ["S/RES/2170 (2014)"],
    ),
    (
        "Human Rights Council resolution 7/1 and Commission on Narcotic Drugs resolution 48/1",
        "en",
        ["A/HRC/RES/7/1"],
    ),
    (
        "the report of the Secretary-General (A/RES/67/189*), since 1991 and in 2004",
        "en",
        ["A/RES/67/189"],
    ),
    ("in 2004 the Commission met in 1991 at its 2004/5 meeting", "en", []),
    ("United Nations, Treaty Series, vol. 2225, No. 39574.", "en", []),
    # resolutions of another body, cited inside its report or after its name
    ("See CTOC/COP/2010/17, chap. I, sect. A, resolution 5/5.", "en", []),
    (
        "as mandated by the Commission on Crime Prevention and Criminal Justice in its resolution "
        "18/1 of 24 April 2009",
        "en",
        [],
    ),
]


def test_citation_table_collected() -> None:
    assert len(CITATIONS) == 26


@pytest.mark.parametrize(("text", "lang", "symbols"), CITATIONS)
def test_find_citations(text: str, lang: str, symbols: list[str]) -> None:
    found = find_citations(text, lang, load_vocabulary())
    assert [f.value for f in found] == symbols
    for f in found:
        assert text[f.start : f.end] == f.text
        assert f.kind == "citation"


# (text, lang, [(entity id, text as written)])
ENTITIES = [
    (
        "Reaffirms also the role of the United Nations Office on Drugs and Crime",
        "en",
        [("body/unodc", "United Nations Office on Drugs and Crime")],
    ),
    (
        "Réaffirme également que l’Office des Nations Unies contre la drogue et le crime a pour "
        "rôle",
        "fr",
        [("body/unodc", "Office des Nations Unies contre la drogue et le crime")],
    ),
    (
        "the technical cooperation capacity of the Office (UNODC) and ONUDC",
        "en",
        [("topic/technical-cooperation", "technical cooperation"), ("body/unodc", "UNODC")],
    ),
    ("Prie l’ONUDC de continuer", "fr", [("body/unodc", "ONUDC")]),
    (
        "in particular the United Nations Development Programme, and invites the World Bank",
        "en",
        [("body/undp", "United Nations Development Programme"), ("body/world-bank", "World Bank")],
    ),
    (
        "dont le Programme des Nations Unies pour le développement ainsi que la Banque mondiale",
        "fr",
        [
            ("body/undp", "Programme des Nations Unies pour le développement"),
            ("body/world-bank", "Banque mondiale"),
        ],
    ),
    (
        "the Security Council Committee established pursuant to resolution 1373 (2001) concerning "
        "counter-terrorism, in particular",
        "en",
        [
            (
                "body/ctc",
                "Security Council Committee established pursuant to resolution 1373 (2001) "
                "concerning counter-terrorism",
            )
        ],
    ),
    (
        "du Comité du Conseil de sécurité créé par la résolution 1373 (2001) concernant la lutte "
        "antiterroriste et",
        "fr",
        [
            (
                "body/ctc",
                "Comité du Conseil de sécurité créé par la résolution 1373 (2001) concernant "
                "la lutte antiterroriste",
            )
        ],
    ),
    (
        "the United Nations Interregional Crime and Justice Research Institute and institutes of "
        "the "
        "United Nations Crime Prevention and Criminal Justice Programme network",
        "en",
        [
            ("body/unicri", "United Nations Interregional Crime and Justice Research Institute"),
            (
                "body/programme-network",
                "institutes of the United Nations Crime Prevention and Criminal "
                "Justice Programme network",
            ),
        ],
    ),
    (
        "the United Nations Convention against Transnational Organized Crime (Palermo Convention) "
        "and "
        "the Protocols thereto",
        "en",
        [
            ("instrument/untoc", "United Nations Convention against Transnational Organized Crime"),
            ("instrument/untoc", "Palermo Convention"),
        ],
    ),
    (
        "la Convention des Nations Unies contre la criminalité transnationale organisée "
        "(Convention de "
        "Palerme) et ses Protocoles",
        "fr",
        [
            (
                "instrument/untoc",
                "Convention des Nations Unies contre la criminalité transnationale organisée",
            ),
            ("instrument/untoc", "Convention de Palerme"),
        ],
    ),
    (
        "Emphasizes the importance of the expeditious entry into force of the Protocol against the "
        "Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and "
        "Ammunition, supplementing the United Nations Convention against Transnational Organized "
        "Crime, adopted",
        "en",
        [
            (
                "instrument/untoc-firearms-protocol",
                "Protocol against the Illicit Manufacturing of and "
                "Trafficking in Firearms, Their Parts and Components and Ammunition, "
                "supplementing the United "
                "Nations Convention against Transnational Organized Crime",
            )
        ],
    ),
    (
        "Ayant à l’esprit la Déclaration du Millénaire et la Déclaration de Vienne sur la "
        "criminalité "
        "et la justice : relever les défis du XXIe siècle, ainsi que",
        "fr",
        [
            ("instrument/millennium-declaration", "Déclaration du Millénaire"),
            (
                "instrument/vienna-declaration",
                "Déclaration de Vienne sur la criminalité et la justice : "
                "relever les défis du XXIe siècle",
            ),
        ],
    ),
    (
        "Looking forward to the Eleventh United Nations Congress on Crime Prevention and Criminal "
        "Justice, to be held in Bangkok in 2005,",
        "en",
        [
            (
                "event/congress-11",
                "Eleventh United Nations Congress on Crime Prevention and Criminal Justice",
            ),
            ("place/bangkok", "Bangkok"),
        ],
    ),
    (
        "Attendant avec intérêt le onzième Congrès des Nations Unies pour la prévention du crime "
        "et la "
        "justice pénale, prévu à Bangkok en 2005,",
        "fr",
        [
            (
                "event/congress-11",
                "onzième Congrès des Nations Unies pour la prévention du crime et la "
                "justice pénale",
            ),
            ("place/bangkok", "Bangkok"),
        ],
    ),
    (
        "at the High-level Political Conference, held in Merida, Mexico, from 9 to 11 December "
        "2003",
        "en",
        [
            ("event/merida-conference", "High-level Political Conference"),
            ("place/merida", "Merida"),
            ("place/mexico", "Mexico"),
        ],
    ),
    ("Invites all States to support", "en", [("group/states", "States")]),
    ("Invite tous les États à appuyer", "fr", [("group/states", "États")]),
    (
        "funding provided by certain Member States, which",
        "en",
        [("group/member-states", "Member States")],
    ),
    (
        "Remercie les organisations non gouvernementales et les autres secteurs intéressés de la "
        "société civile",
        "fr",
        [
            ("group/ngos", "organisations non gouvernementales"),
            ("group/civil-society", "société civile"),
        ],
    ),
    (
        "Welcomes the efforts undertaken by the Commission on Crime Prevention and Criminal "
        "Justice, "
        "and calls upon the Commission to strengthen",
        "en",
        [
            ("body/ccpcj", "Commission on Crime Prevention and Criminal Justice"),
            ("body/ccpcj", "the Commission"),
        ],
    ),
    ("termination of all claims or states of belligerency", "en", []),
    ("calls upon the Commission to strengthen", "en", []),  # nothing named it before
    (
        "implementation of the United Nations crime prevention and criminal justice programme",
        "en",
        [
            (
                "body/crime-programme",
                "United Nations crime prevention and criminal justice programme",
            )
        ],
    ),
]


def test_entity_table_collected() -> None:
    assert len(ENTITIES) == 24


@pytest.mark.parametrize(("text", "lang", "expected"), ENTITIES)
def test_find_entities(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    found = find_entities(text, lang, load_vocabulary())
    assert [(f.value, f.text) for f in found] == expected
    for f in found:
        assert text[f.start : f.end] == f.text
        assert f.kind == f.value.split("/")[0] or (f.kind, f.value[:10]) == (
            "instrument",
            "instrument",
        )


# (text, lang, [(value, text)])
DATES = [
    (
        "Recalling its resolution 46/152 of 18 December 1991 on the creation",
        "en",
        [("1991-12-18", "18 December 1991")],
    ),
    (
        "Rappelant sa résolution 46/152 du 18 décembre 1991, relative",
        "fr",
        [("1991-12-18", "18 décembre 1991")],
    ),
    (
        "held in Merida, Mexico, from 9 to 11 December 2003, of the",
        "en",
        [("2003-12-09", "9"), ("2003-12-11", "11 December 2003")],
    ),
    (
        "tenue à Mérida (Mexique) du 9 au 11 décembre 2003,",
        "fr",
        [("2003-12-09", "9"), ("2003-12-11", "11 décembre 2003")],
    ),
    (
        "held in Panama City on 20 and 21 May 2004 as part of",
        "en",
        [("2004-05-20", "20"), ("2004-05-21", "21 May 2004")],
    ),
    (
        "tenue à Panama les 20 et 21 mai 2004 dans le cadre",
        "fr",
        [("2004-05-20", "20"), ("2004-05-21", "21 mai 2004")],
    ),
    ("Welcoming the entry into force in 2003 of the Protocol", "en", [("2003", "2003")]),
    ("prévu à Bangkok en 2005, qui offrira", "fr", [("2005", "2005")]),
    ("adopted by its resolution 55/255 of 31 May\n2001;", "en", [("2001-05-31", "31 May\n2001")]),
    ("entrée en vigueur le 1er janvier 2006", "fr", [("2006-01-01", "1er janvier 2006")]),
    ("in the field since December 2003 and", "en", [("2003-12", "December 2003")]),
    ("resolution 1373 (2001) and resolutions 1267 (1999) and 1989 (2011)", "en", []),
    ("Official Records, Supplement No. 10 (E/2004/30), vol. 1833, 2004/28, 04-48580", "en", []),
    ("the 2030 Agenda for Sustainable Development", "en", []),
    ("on 31 February 2004", "en", []),
]


def test_date_table_collected() -> None:
    assert len(DATES) == 15


@pytest.mark.parametrize(("text", "lang", "expected"), DATES)
def test_find_dates(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    found = find_dates(text, lang, load_vocabulary())
    assert [(f.value, f.text) for f in found] == expected
    for f in found:
        assert text[f.start : f.end] == f.text


# (text, lang, addressees)
ADDRESSEES = [
    (
        "Requests the Secretary-General to submit a report on the implementation of the present "
        "resolution to the General Assembly at its sixtieth session.",
        "en",
        ["body/secretary-general"],
    ),
    (
        "Prie le Secrétaire général de lui présenter à sa soixantième session un rapport sur "
        "l’application de la présente résolution.",
        "fr",
        ["body/secretary-general"],
    ),
    (
        "Invites all States to support the operational activities of the United Nations Crime "
        "Prevention and Criminal Justice Programme",
        "en",
        ["group/states"],
    ),
    (
        "Invite tous les États à appuyer les activités opérationnelles du Programme des Nations "
        "Unies "
        "pour la prévention du crime et la justice pénale",
        "fr",
        ["group/states"],
    ),
    (
        "Encourages relevant programmes, funds and organizations of the United Nations system, in "
        "particular the United Nations Development Programme, and invites the international "
        "financial "
        "institutions, in particular the World Bank and regional and national funding agencies, to "
        "support the operational activities of the United Nations Office on Drugs and Crime",
        "en",
        [
            "group/un-system-entities",
            "body/undp",
            "group/international-financial-institutions",
            "body/world-bank",
            "group/funding-agencies",
        ],
    ),
    (
        "Encourage les programmes, fonds et organismes compétents des Nations Unies, en "
        "particulier le "
        "Programme des Nations Unies pour le développement, et invite les institutions financières "
        "internationales, plus spécialement la Banque mondiale, ainsi que les organismes "
        "régionaux et "
        "nationaux de financement, à appuyer les activités opérationnelles menées par l’Office des "
        "Nations Unies contre la drogue et le crime",
        "fr",
        [
            "group/un-system-entities",
            "body/undp",
            "group/international-financial-institutions",
            "body/world-bank",
            "group/funding-agencies",
        ],
    ),
    (
        "Urges States and relevant international organizations to develop national, regional and "
        "international strategies",
        "en",
        ["group/states", "group/international-organizations"],
    ),
    (
        "Engage les États et les organisations internationales compétentes à élaborer des "
        "stratégies",
        "fr",
        ["group/states", "group/international-organizations"],
    ),
    (
        "Recognizes the progress made in the implementation of the global programmes, and calls "
        "upon "
        "the Secretary-General to enhance further the visibility of those programmes and to "
        "strengthen "
        "the United Nations Office on Drugs and Crime",
        "en",
        ["body/secretary-general"],
    ),
    (
        "Constate les progrès réalisés dans l’application des programmes mondiaux, et engage le "
        "Secrétaire général à faire mieux connaître ces programmes et à renforcer l’Office des "
        "Nations "
        "Unies contre la drogue et le crime",
        "fr",
        ["body/secretary-general"],
    ),
    (
        "Welcomes the efforts undertaken by the Commission on Crime Prevention and Criminal "
        "Justice to "
        "exercise more vigorously its mandated function, and calls upon the Commission to "
        "strengthen "
        "further its activities in this direction;",
        "en",
        ["body/ccpcj"],
    ),
    (
        "Reiterates its appreciation of the work of the Commission on Crime Prevention and "
        "Criminal "
        "Justice, and requests that a gender perspective continue to be integrated into all "
        "activities "
        "of the United Nations Office on Drugs and Crime;",
        "en",
        [],
    ),
    (
        "Se félicite à nouveau du travail accompli par la Commission pour la prévention du crime "
        "et la "
        "justice pénale, et demande que l’Office des Nations Unies contre la drogue et le crime "
        "continue "
        "d’intégrer à toutes ses activités une démarche soucieuse de l’égalité des sexes ;",
        "fr",
        [],
    ),
    (
        "Demande instamment aux États et aux organismes de financement de revoir leurs politiques",
        "fr",
        ["group/states", "group/funding-agencies"],
    ),
    (
        "Urges all States and regional economic organizations that have not yet done so to ratify "
        "or "
        "accede to the United Nations Convention against Transnational Organized Crime",
        "en",
        ["group/states", "group/regional-economic-integration-organizations"],
    ),
    (
        "Reaffirms the importance of the work of the United Nations Office on Drugs and Crime",
        "en",
        [],
    ),
    ("Calls upon all States:", "en", ["group/states"]),
    # An object pronoun stands for the body or group named last before it.
    (
        "Sait gré à la Commission pour la prévention du crime et la justice pénale des efforts "
        "qu’elle fait pour s’acquitter de la fonction de mobilisation de ressources qui lui "
        "incombe et lui demande de renforcer encore son action dans ce sens ;",
        "fr",
        ["body/ccpcj"],
    ),
    ("Remercie l’ONUDC de son travail et l’invite à poursuivre", "fr", ["body/unodc"]),
    ("Welcomes the work of UNODC, and requests it to continue its work;", "en", ["body/unodc"]),
    # A plural pronoun stands for the group named last, a singular one for the body.
    (
        "Urges Member States to support the United Nations Office on Drugs and Crime, "
        "and invites them to report",
        "en",
        ["group/member-states"],
    ),
    ("Remercie les États Membres et l’ONUDC et les invite à poursuivre", "fr",
     ["group/member-states"]),
    # "les" before a noun is an article, not a pronoun.
    ("Prie les États Membres de faire rapport", "fr", ["group/member-states"]),
]


def test_addressee_table_collected() -> None:
    assert len(ADDRESSEES) == 23


@pytest.mark.parametrize(("text", "lang", "expected"), ADDRESSEES)
def test_find_addressees(text: str, lang: str, expected: list[str]) -> None:
    vocab = load_vocabulary()
    lead = vocab.match_lead(text, lang, kind="operative")
    entities = find_entities(text, lang, vocab)
    assert find_addressees(text, lang, vocab, lead=lead, entities=entities) == expected


def test_find_addressees_without_lead_uses_later_verbs() -> None:
    vocab = load_vocabulary()
    text = "the voluntary contributions already made, and encourages States to make contributions"
    entities = find_entities(text, "en", vocab)
    assert find_addressees(text, "en", vocab, lead=None, entities=entities) == ["group/states"]


# (text, lang, session)
SESSIONS = [
    (
        "Requests the Secretary-General to submit a report on the implementation of the present "
        "resolution to the General Assembly at its sixtieth session.",
        "en",
        60,
    ),
    (
        "Prie le Secrétaire général de lui présenter à sa soixantième session un rapport sur "
        "l’application de la présente résolution.",
        "fr",
        60,
    ),
    (
        "Requests the Secretary-General to report to the General Assembly at its sixty-first "
        "session "
        "on the implementation",
        "en",
        61,
    ),
    ("Prie le Secrétaire général de lui faire rapport à sa soixante et unième session", "fr", 61),
    ("to submit to the Commission at its fourteenth session a report", "en", 14),
    ("Decides to include in the provisional agenda of its sixtieth session the item", "en", None),
    (
        "Notes with appreciation the outcome of the discussion held during the thirteenth session "
        "of "
        "the Commission",
        "en",
        None,
    ),
    ("Takes note with appreciation of the report of the Secretary-General", "en", None),
]


def test_session_table_collected() -> None:
    assert len(SESSIONS) == 8


@pytest.mark.parametrize(("text", "lang", "session"), SESSIONS)
def test_find_report_session(text: str, lang: str, session: int | None) -> None:
    assert find_report_session(text, lang, load_vocabulary()) == session
