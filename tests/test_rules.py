"""Every rule the checks can give has a name in words for the report."""

from __future__ import annotations

from ahp_analytics.ingest.validation.rules import rule_ids
from ahp_analytics.present.rules import RULE_LABELS, rule_label


def test_every_rule_of_the_checks_has_a_label_in_words():
    ids = rule_ids()
    assert "unknown_sheet" in ids and "unknown_profession" in ids  # the registry is read
    missing = set(ids) - set(RULE_LABELS)
    assert not missing
    for code, label in RULE_LABELS.items():
        assert label[0].isupper() and "_" not in label, code


def test_a_rule_without_a_label_still_reads_as_words():
    assert rule_label("unknown_sheet") == "Sheet not recognised"
    assert rule_label("some_new_rule") == "Some new rule"
