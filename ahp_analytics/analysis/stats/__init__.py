"""Statistics behind the charts: group comparisons and rank correlation (:mod:`.groups`), peer
position (:mod:`.peers`), funnel plots of proportions as FunnelPlotR (:mod:`.funnels`) and Making
Data Count SPC charts, XmR as NHSRplotthedots (:mod:`.spc`).

Pure functions over pandas and numpy; the definitions are in docs/measures.md. Callers use the
names below as ``stats.NAME``.
"""

from __future__ import annotations

from ahp_analytics.analysis.stats.funnels import (
    FUNNEL_COLUMNS,
    FUNNEL_LEVELS,
    FUNNEL_TRIM,
    Funnel,
    arcsine_limits,
    funnel,
    funnel_z,
    outside_limits,
)
from ahp_analytics.analysis.stats.groups import (
    ALPHA,
    BOOTSTRAP_METHOD,
    DESCRIBE_COLUMNS,
    FISHER_METHOD,
    MIN_TEST_GROUP,
    SMALL_GROUP,
    Z95,
    Correlation,
    GroupComparison,
    compare_groups,
    compare_within,
    describe_groups,
    spearman,
    summary_sentence,
)
from ahp_analytics.analysis.stats.peers import PeerPosition, peer_position
from ahp_analytics.analysis.stats.spc import (
    RUN_LENGTH,
    SPC_RULES,
    TREND_LENGTH,
    XMR_COLUMNS,
    XMR_D2,
    XMR_LIMIT,
    XMR_MIN_POINTS,
    XMR_SCREEN,
    XMR_STABLE_POINTS,
    assurance_icon,
    variation_icon,
    xmr,
)

__all__ = [
    "SMALL_GROUP",
    "MIN_TEST_GROUP",
    "ALPHA",
    "Z95",
    "FISHER_METHOD",
    "BOOTSTRAP_METHOD",
    "DESCRIBE_COLUMNS",
    "Correlation",
    "GroupComparison",
    "describe_groups",
    "spearman",
    "compare_groups",
    "compare_within",
    "summary_sentence",
    "PeerPosition",
    "peer_position",
    "FUNNEL_LEVELS",
    "FUNNEL_TRIM",
    "FUNNEL_COLUMNS",
    "funnel_z",
    "arcsine_limits",
    "outside_limits",
    "Funnel",
    "funnel",
    "XMR_LIMIT",
    "XMR_D2",
    "XMR_SCREEN",
    "RUN_LENGTH",
    "TREND_LENGTH",
    "SPC_RULES",
    "XMR_MIN_POINTS",
    "XMR_STABLE_POINTS",
    "XMR_COLUMNS",
    "xmr",
    "variation_icon",
    "assurance_icon",
]
