//! Voice-call key exchange (filled in by the calls work).
