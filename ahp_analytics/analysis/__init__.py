"""Measures, comparisons, peers, SPC, funnels, gap rules, the indicator scan, changes of
leadership and the self-assessment's reading: pure functions over the store's frames."""
