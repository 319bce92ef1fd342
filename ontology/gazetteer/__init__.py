"""Data package: the RDF vocabulary, gazetteers and trigger lexicons (no code)."""
