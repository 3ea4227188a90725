//! The JSON Schema (draft 2020-12) of every line newsnorm writes: records, error objects
//! and dropped-duplicate lines. The checked-in file is the one `newsnorm schema` prints.

/// `schema/record.schema.json`.
pub const SCHEMA: &str = include_str!("../schema/record.schema.json");
