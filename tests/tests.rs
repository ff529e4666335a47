//! Integration tests: one binary, modules listed here.
