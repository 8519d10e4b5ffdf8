"""Reference lists: professions, bands, roles, board roles, reporting lines, regions, trust
types, the indicator catalogue and the organisations shipped in ``data/``.

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


@cache
def reference_attributes() -> dict[str, dict[str, str]]:
    """The reference list as ``{org_code: {field: value}}`` with its non-blank values only:
    the attributes a return cannot change (a blank one, such as every ICB, a return may give)."""
    from ahp_analytics.domain.schema import ORGANISATION_FIELDS  # the schema builds on this

    ref = organisations()
    return {
        str(row["org_code"]).strip().upper(): {
            f: str(row[f]).strip() for f in ORGANISATION_FIELDS if str(row[f]).strip()
        }
        for row in ref.to_dict("records")
    }


# --- the demonstration data set ----------------------------------------------------------------

# Who the demonstration returns are stored as, and the codes of its fictional organisations:
# DM and three digits, a prefix no real ODS code has.
DEMO_USER = "demonstration data"
_DEMO_CODE = re.compile(r"DM\d{3}")


def is_demo_code(code: object) -> bool:
    """True for a code of the demonstration data set (``DM001`` to ``DM999``)."""
    return isinstance(code, str) and _DEMO_CODE.fullmatch(code) is not None


def demo_codes(codes: pd.Series) -> pd.Series:
    """A boolean mask of the codes of :func:`is_demo_code`, aligned with ``codes``."""
    return codes.astype(object).map(is_demo_code).astype(bool)
