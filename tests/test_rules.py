"""Every rule the checks can give has a name in words for the report."""

from __future__ import annotations

import re
from pathlib import Path

from ahp_analytics.ingest.validation import FIXES
from ahp_analytics.present.rules import RULE_LABELS, rule_label

INGEST = Path(__file__).resolve().parents[1] / "ahp_analytics" / "ingest"


def rules_in_the_checks() -> set[str]:
    """The rule codes the checks' source gives to messages, the vocabularies' included."""
    source = "".join(p.read_text(encoding="utf-8") for p in INGEST.glob("*.py"))
    found = set(re.findall(r'(?:ERROR|WARNING),\s*"([a-z_]+)"', source))
    assert 'f"unknown_{col.kind}"' in source  # one rule per vocabulary
    return found | {f"unknown_{kind}" for kind in FIXES}


def test_every_rule_of_the_checks_has_a_label_in_words():
    missing = rules_in_the_checks() - set(RULE_LABELS)
    assert not missing
    for code, label in RULE_LABELS.items():
        assert label[0].isupper() and "_" not in label, code


def test_a_rule_without_a_label_still_reads_as_words():
    assert rule_label("unknown_sheet") == "Sheet not recognised"
    assert rule_label("some_new_rule") == "Some new rule"
