"""Reference lists: professions, bands, roles, board roles, reporting lines, regions, tables.

Every list has one canonical spelling (the label stored and exported) and aliases that are
matched after :func:`key` has removed case, spaces and punctuation.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def key(text: object) -> str:
    """Matching key: lower case, letters and digits only (``"AfC  Band"`` -> ``"afcband"``)."""
    return _NON_ALNUM.sub("", str(text).lower())


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """A closed list of canonical labels, each with aliases."""

    name: str
    labels: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def lookup(self) -> dict[str, str]:
        """Matching key of every label and alias -> canonical label."""
        table: dict[str, str] = {}
        for label in self.labels:
            table[key(label)] = label
            for alias in self.aliases.get(label, ()):
                table[key(alias)] = label
        return table

    def match(self, value: object) -> str | None:
        """The canonical label for ``value``, or None when it matches nothing."""
        if value is None:
            return None
        return self.lookup.get(key(value))

    def nearest(self, value: object) -> str | None:
        """The closest canonical label, for a 'did you mean' hint."""
        k = key(value)
        if not k:
            return None
        best = difflib.get_close_matches(k, list(self.lookup), n=1, cutoff=0.5)
        return self.lookup[best[0]] if best else None


def _plural(*words: str) -> tuple[str, ...]:
    return tuple(w + "s" for w in words)


PROFESSIONS = Vocabulary(
    "profession",
    (
        "Art therapist",
        "Dietitian",
        "Dramatherapist",
        "Music therapist",
        "Occupational therapist",
        "Operating department practitioner",
        "Orthoptist",
        "Osteopath",
        "Paramedic",
        "Physiotherapist",
        "Podiatrist",
        "Prosthetist and orthotist",
        "Diagnostic radiographer",
        "Therapeutic radiographer",
        "Speech and language therapist",
    ),
    {
        "Art therapist": (*_plural("Art therapist"), "Art therapy", "Art psychotherapist"),
        "Dietitian": (*_plural("Dietitian", "Dietician"), "Dietician", "Dietetics"),
        "Dramatherapist": (
            *_plural("Dramatherapist", "Drama therapist"),
            "Drama therapist",
            "Dramatherapy",
            "Drama therapy",
        ),
        "Music therapist": (*_plural("Music therapist"), "Music therapy"),
        "Occupational therapist": (
            *_plural("Occupational therapist"),
            "Occupational therapy",
            "OT",
            "OTs",
        ),
        "Operating department practitioner": (
            *_plural("Operating department practitioner"),
            "ODP",
            "ODPs",
            "Operating department practice",
        ),
        "Orthoptist": (*_plural("Orthoptist"), "Orthoptics"),
        "Osteopath": (*_plural("Osteopath"), "Osteopathy"),
        "Paramedic": (*_plural("Paramedic"), "Paramedicine"),
        "Physiotherapist": (*_plural("Physiotherapist"), "Physiotherapy", "Physio", "Physios"),
        "Podiatrist": (
            *_plural("Podiatrist", "Chiropodist"),
            "Podiatry",
            "Chiropodist",
            "Chiropody",
            "Chiropodist/Podiatrist",
            "Chiropodists/Podiatrists",
            "Podiatrist/Chiropodist",
        ),
        "Prosthetist and orthotist": (
            "Prosthetists and orthotists",
            "Prosthetist/orthotist",
            "Prosthetists/orthotists",
            "Prosthetics and orthotics",
            "Orthotist",
            "Orthotists",
            "Prosthetist",
            "Prosthetists",
        ),
        "Diagnostic radiographer": (
            *_plural("Diagnostic radiographer"),
            "Radiographer - diagnostic",
            "Radiographers - diagnostic",
            "Radiographer (diagnostic)",
            "Diagnostic radiography",
        ),
        "Therapeutic radiographer": (
            *_plural("Therapeutic radiographer"),
            "Radiographer - therapeutic",
            "Radiographers - therapeutic",
            "Radiographer (therapeutic)",
            "Therapeutic radiography",
            "Therapy radiographer",
        ),
        "Speech and language therapist": (
            *_plural("Speech and language therapist"),
            "Speech & language therapist",
            "Speech & language therapists",
            "Speech and language therapy",
            "SLT",
            "SALT",
            "SLTs",
        ),
    },
)

_AFC = [f"Band {n}" for n in range(1, 8)] + [f"Band 8{x}" for x in "abcd"] + ["Band 9"]
BANDS = Vocabulary(
    "band",
    (*_AFC, "VSM", "Non-AfC"),
    {
        **{
            b: (b[5:], f"B{b[5:]}", f"AfC {b}", f"AfC band {b[5:]}", f"{b[5:]}.0")
            for b in _AFC
            if len(b) == 6
        },
        **{b: (b[5:], f"B{b[5:]}", f"AfC {b}", f"AfC band {b[5:]}") for b in _AFC if len(b) == 7},
        "VSM": ("Very senior manager", "Very senior managers"),
        "Non-AfC": ("Non AfC", "Not AfC", "Non-Agenda for Change", "Other", "Medical"),
    },
)
SENIOR_BANDS = ("Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM")

# Most senior first: measures.SENIORITY ranks posts by this order (None, the nil return, is
# not a post).
ROLES = Vocabulary(
    "role",
    (
        "Chief AHP",
        "Director of AHPs",
        "Deputy chief AHP",
        "Lead AHP",
        "Professional lead",
        "Other AHP leadership",
        "None",
    ),
    {
        "Chief AHP": (
            "Chief allied health professional",
            "Chief allied health professions officer",
        ),
        "Director of AHPs": (
            "Director of allied health professions",
            "Director of allied health professionals",
            "AHP director",
            "Director of AHP",
        ),
        "Deputy chief AHP": (
            "Deputy chief allied health professional",
            "Deputy director of AHPs",
            "Deputy director of allied health professions",
        ),
        "Lead AHP": ("AHP lead", "Lead allied health professional", "Head of AHPs"),
        "Professional lead": ("Professional lead", "Profession lead", "Head of profession"),
        "Other AHP leadership": ("Other", "Other leadership"),
        "None": ("No posts", "No AHP leadership posts", "No AHP leadership", "Nil return"),
    },
)
# The Role of the one row that says an organisation has no AHP leadership posts (the
# explicit nil return, category E): not a post.
NIL_ROLE = "None"
STRATEGIC_ROLES = ("Chief AHP", "Director of AHPs", "Deputy chief AHP", "Lead AHP")

BOARD_ROLES = Vocabulary(
    "board role",
    ("Voting board member", "Non-voting board member", "Attends board", "No board role"),
    {
        "Voting board member": ("Voting", "Board member (voting)", "Executive director"),
        "Non-voting board member": ("Non-voting", "Board member (non-voting)"),
        "Attends board": ("Attends", "In attendance", "Attends board meetings"),
        "No board role": ("None", "No", "Not at board", "No role"),
    },
)

REPORTS_TO = Vocabulary(
    "reports to",
    (
        "Chief executive",
        "Chief nurse",
        "Chief operating officer",
        "Medical director",
        "Other executive director",
        "Other",
    ),
    {
        "Chief executive": ("CEO", "Chief executive officer"),
        "Chief nurse": ("Director of nursing", "Chief nursing officer", "Nursing director"),
        "Chief operating officer": ("COO", "Director of operations"),
        "Medical director": ("Chief medical officer", "CMO"),
        "Other executive director": ("Other executive", "Other director", "Executive director"),
    },
)

REGIONS = (
    "East of England",
    "London",
    "Midlands",
    "North East and Yorkshire",
    "North West",
    "South East",
    "South West",
)

TRUST_TYPES = ("Acute", "Acute specialist", "Mental health", "Community", "Ambulance")


def trust_types_in(values: Iterable, everyone: bool = False) -> list[str]:
    """The trust types among ``values`` in display order: those of :data:`TRUST_TYPES`, in
    its order (all of them when ``everyone``), then any other an upload named (validation
    warns about those), sorted. Blanks are left out."""
    present = {v for v in values if isinstance(v, str) and v}
    listed = [t for t in TRUST_TYPES if everyone or t in present]
    return listed + sorted(present - set(TRUST_TYPES), key=str.lower)


# Titles as trusts write them -> role, tried in order (the first pattern found in the title
# wins). Used only where the Role column is blank; the result is always reported as a warning.
ROLE_FROM_TITLE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), role)
    for p, role in (
        (r"\bdeputy\b.*\b(chief|director)\b.*\b(ahp|allied)", "Deputy chief AHP"),
        (r"\bchief\b.*\b(ahp|allied health)", "Chief AHP"),
        (r"\bdirector\b.*\b(ahp|allied health)", "Director of AHPs"),
        (
            r"\b(ahp|allied health)\b.*\b(lead|head)\b|\b(lead|head)\b.*\b(ahp|allied health)",
            "Lead AHP",
        ),
        (r"\b(professional lead|head of|lead)\b", "Professional lead"),
    )
)


def infer_role(title: object) -> str | None:
    """The role a job title most likely describes, or None."""
    text = str(title or "")
    for pattern, role in ROLE_FROM_TITLE:
        if pattern.search(text):
            return role
    return None


@dataclass(frozen=True)
class Column:
    """A column of a return table: canonical export name, header label and aliases."""

    name: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    kind: str = "text"  # text | number | integer | period | profession | band | role | ...

    def match_keys(self) -> set[str]:
        return {key(self.label), key(self.name), *(key(a) for a in self.aliases)}


ORG_CODE = Column(
    "org_code",
    "Organisation code",
    True,
    (
        "org code",
        "organisation code",
        "organization code",
        "ods code",
        "trust code",
        "provider code",
        "org_code",
        "organisation",
        "organisation ods code",
    ),
    "org_code",
)
PERIOD = Column(
    "period",
    "Period",
    True,
    ("period", "month", "date", "year", "financial year", "reporting period", "as at"),
    "period",
)
PROFESSION = Column(
    "profession",
    "Profession",
    True,
    ("profession", "ahp profession", "professional group", "occupation"),
    "profession",
)
BAND = Column(
    "band",
    "AfC band",
    True,
    ("band", "afc band", "agenda for change band", "pay band", "grade"),
    "band",
)
FTE_ALIASES = ("fte", "wte", "full time equivalent", "whole time equivalent", "total fte")


@dataclass(frozen=True)
class Table:
    """A table of the return: its sheet name, columns and key."""

    name: str
    sheet: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    sheet_aliases: tuple[str, ...] = ()

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


WORKFORCE = Table(
    "workforce",
    "Workforce",
    (
        ORG_CODE,
        PERIOD,
        PROFESSION,
        BAND,
        Column("fte", "FTE", True, FTE_ALIASES, "number"),
        Column("headcount", "Headcount", False, ("headcount", "head count", "hc"), "integer"),
        Column(
            "vacancy_fte",
            "Vacancy FTE",
            False,
            ("vacancies", "vacancy fte", "vacancy wte", "vacant fte"),
            "number",
        ),
    ),
    ("org_code", "period", "profession", "band"),
    ("AHP workforce", "Staff in post", "AHP staff in post"),
)

LEADERSHIP = Table(
    "leadership",
    "Leadership",
    (
        ORG_CODE,
        PERIOD,
        Column("role", "Role", False, ("role", "leadership role", "post type"), "role"),
        Column("job_title", "Job title", False, ("job title", "title", "post title"), "text"),
        Column("profession", "Profession", False, PROFESSION.aliases, "profession"),
        Column("band", "AfC band", False, BAND.aliases, "band"),
        Column("fte", "FTE", False, FTE_ALIASES, "number"),
        Column(
            "strategic_time_pct",
            "Strategic time %",
            False,
            ("strategic time", "strategic time pct", "strategic time percent", "strategic %"),
            "number",
        ),
        Column(
            "board_role", "Board role", True, ("board role", "board status", "board"), "board_role"
        ),
        Column(
            "reports_to",
            "Reports to",
            False,
            ("reports to", "line manager", "reporting line"),
            "reports_to",
        ),
    ),
    (),
    ("AHP leadership", "Leadership posts", "AHP leadership posts"),
)

INDICATORS = Table(
    "indicators",
    "Indicators",
    (
        ORG_CODE,
        PERIOD,
        Column(
            "indicator",
            "Indicator",
            True,
            ("indicator", "indicator code", "measure", "metric"),
            "indicator",
        ),
        Column("value", "Value", True, ("value", "result", "score"), "number"),
        Column("numerator", "Numerator", False, ("numerator",), "number"),
        Column("denominator", "Denominator", False, ("denominator",), "number"),
    ),
    ("org_code", "period", "indicator"),
    ("Quality and productivity", "Quality indicators", "Indicator values"),
)

ORGANISATIONS = Table(
    "organisations",
    "Organisations",
    (
        ORG_CODE,
        Column(
            "org_name",
            "Organisation name",
            True,
            (
                "organisation name",
                "organization name",
                "name",
                "trust name",
                "org name",
                "provider name",
            ),
            "text",
        ),
        Column("region", "Region", False, ("region", "nhse region", "nhs england region"), "text"),
        Column("icb", "ICB", False, ("icb", "integrated care board", "icb name"), "text"),
        Column(
            "trust_type",
            "Trust type",
            False,
            ("trust type", "organisation type", "org type", "provider type"),
            "text",
        ),
    ),
    ("org_code",),
    ("Organisation", "Trusts", "Organisation list"),
)

TABLES: dict[str, Table] = {t.name: t for t in (WORKFORCE, LEADERSHIP, INDICATORS, ORGANISATIONS)}

RETURN_DETAILS_SHEET = "Return details"

# Canonical stored/exported columns of each table, in order (spec section 8).
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "workforce": (
        "org_code",
        "period",
        "period_type",
        "profession",
        "band",
        "fte",
        "headcount",
        "vacancy_fte",
    ),
    "leadership": (
        "org_code",
        "period",
        "period_type",
        "role",
        "job_title",
        "profession",
        "band",
        "fte",
        "strategic_time_pct",
        "board_role",
        "reports_to",
    ),
    "indicators": (
        "org_code",
        "period",
        "period_type",
        "indicator",
        "value",
        "numerator",
        "denominator",
    ),
    "organisations": ("org_code", "org_name", "region", "icb", "trust_type"),
}

NUMERIC_COLUMNS = frozenset(
    {"fte", "headcount", "vacancy_fte", "strategic_time_pct", "value", "numerator", "denominator"}
)

CQC_RATINGS = {"outstanding": 3.0, "good": 2.0, "requiresimprovement": 1.0, "inadequate": 0.0}

MISSING_TEXT = frozenset({"", "-", "*", "..", "n/a", "na", "#n/a"})


@cache
def indicator_catalogue() -> pd.DataFrame:
    """The indicator catalogue (code, name, domain, unit, higher_is_better, description)."""
    df = pd.read_csv(DATA_DIR / "indicators.csv", dtype=str, keep_default_na=False)
    df["higher_is_better"] = df["higher_is_better"].map({"true": True, "false": False, "": None})
    return df


@cache
def indicator_lookup() -> dict[str, str]:
    """Matching key of an indicator's code or name -> its code."""
    cat = indicator_catalogue()
    table: dict[str, str] = {}
    for code, name in zip(cat["code"], cat["name"], strict=True):
        table[key(name)] = code
        table[key(code)] = code
    return table


@cache
def organisations() -> pd.DataFrame:
    """The shipped reference list of NHS trusts (``data/organisations.csv``)."""
    return pd.read_csv(DATA_DIR / "organisations.csv", dtype=str, keep_default_na=False)


# The attributes of an organisation: every column of its table but the code.
ORGANISATION_FIELDS = EXPORT_COLUMNS["organisations"][1:]


@cache
def reference_attributes() -> dict[str, dict[str, str]]:
    """The reference list as ``{org_code: {field: value}}`` with its non-blank values only:
    the attributes a return cannot change (a blank one, such as every ICB, a return may give)."""
    ref = organisations()
    return {
        str(row["org_code"]).strip().upper(): {
            f: str(row[f]).strip() for f in ORGANISATION_FIELDS if str(row[f]).strip()
        }
        for row in ref.to_dict("records")
    }
