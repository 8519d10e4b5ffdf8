"""Bytes to checked tables: the safe reader and the validation of a return."""
