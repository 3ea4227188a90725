//! Shared normalising of dates, URLs and text, used by every format.

pub mod date;
pub mod text;
pub mod url;
