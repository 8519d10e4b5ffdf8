"""What the data means, stated once: the registry of measures (:mod:`.measures`)."""
