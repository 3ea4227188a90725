//! A minimal page of each kind, written here: the evidence that decides it.

use super::*;
use crate::page::extract;

fn kind(html: &str) -> PageType {
    extract(html).page_type
}

#[test]
fn placeholder() {
    assert_eq!(kind("<!doctype html><html><body><p>x</p></body></html>"), PageType::Article);
}
