//! Docs pages reader (filled in by the docs work).
