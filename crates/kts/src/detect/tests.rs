//! Table-driven tests over `fixtures/`.
