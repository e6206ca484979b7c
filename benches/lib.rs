//! Benches only: see benches/expand.rs and README.md in this folder.
