//! Error enum emission (filled in by the docs work).
