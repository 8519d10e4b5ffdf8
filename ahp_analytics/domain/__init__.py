"""What the data means, stated once: the tables and vocabularies of a return, periods and
windows, results and messages, and the registry of measures."""
