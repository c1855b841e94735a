#![cfg(not(target_arch = "wasm32"))]
//! The JSON parser (`vision_index::json`) against serde_json as the reference:
//! the same documents are accepted, they give the same values (numbers bit for
//! bit), and every refusal says where and why.

use bumpalo::Bump;
use proptest::prelude::*;
use serde_json::Value;
use vision_index::testing::json::{parse, to_value, Error, SyntaxError, J, MAX_DEPTH};

/// serde_json's reading, with every number as a double (as ours reads them).
fn reference(text: &str) -> Option<Value> {
    fn floats(v: Value) -> Value {
        match v {
            Value::Number(n) => n.as_f64().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number),
            Value::Array(a) => Value::Array(a.into_iter().map(floats).collect()),
            Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, floats(v))).collect()),
            v => v,
        }
    }
    serde_json::from_str::<Value>(text).ok().map(floats)
}

fn ours(text: &str) -> Result<Value, Error> {
    let bump = Bump::new();
    parse(text, &bump).map(|j| to_value(&j))
}

fn err(text: &str) -> Error {
    ours(text).expect_err(text)
}

/// Same verdict as serde_json, and the same value when accepted.
fn agrees(text: &str) -> Result<(), TestCaseError> {
    match (ours(text), reference(text)) {
        (Ok(a), Some(b)) => prop_assert_eq!(a, b, "{:?}", text),
        (Err(_), None) => {}
        (a, b) => prop_assert!(false, "{:?}: ours {:?}, serde_json {:?}", text, a, b),
    }
    Ok(())
}

// ---------------------------------------------------------------- values

#[test]
fn reads_every_kind_of_value() {
    let text = r#" { "a" : [ 1 , -2.5e3 , 0.1 , true , false , null , "x" , { } , [ ] ] , "b" : "\u00e9\ud83d\ude00\n\t\"\\\/" } "#;
    assert_eq!(ours(text).expect("valid"), reference(text).expect("valid"));
    let bump = Bump::new();
    let j = parse(text, &bump).expect("valid");
    let o = j.as_object().expect("object");
    assert_eq!(o.len(), 2);
    assert_eq!(o.get("b").and_then(J::as_str), Some("é😀\n\t\"\\/"));
}

#[test]
fn plain_strings_are_borrowed_and_escaped_ones_decoded() {
    let text = r#"["plain 世田谷", "esc\u0041ped"]"#;
    let bump = Bump::new();
    let j = parse(text, &bump).expect("valid");
    let a = j.as_array().expect("array");
    let plain = a[0].as_str().expect("string");
    assert!(text.as_bytes().as_ptr_range().contains(&plain.as_ptr()), "borrowed");
    assert_eq!(a[1].as_str(), Some("escAped"));
}

#[test]
fn repeated_keys_are_all_kept_in_order() {
    let bump = Bump::new();
    let j = parse(r#"{"k": 1, "j": 2, "k": 3}"#, &bump).expect("valid");
    let o = j.as_object().expect("object");
    assert_eq!(o.keys().collect::<Vec<_>>(), ["k", "j", "k"]);
    assert_eq!(o.get("k").and_then(J::as_f64), Some(1.0), "the first one");
}

#[test]
fn numbers_are_correctly_rounded() {
    for text in [
        "0",
        "-0",
        "1",
        "0.1",
        "0.3",
        "2.2250738585072014e-308",
        "4.9e-324",
        "1e-400",
        "1.7976931348623157e308",
        "123456789012345678901234567890",
        "9007199254740993",
        "0.30000000000000004",
        "1234.5678",
        "999999999999999.9",
        "1E+2",
        "1e-2",
        "-1.5E-7",
    ] {
        let bump = Bump::new();
        let ours = parse(text, &bump).expect(text).as_f64().expect(text);
        let std: f64 = text.parse().expect(text);
        assert_eq!(ours.to_bits(), std.to_bits(), "{text}");
    }
}

// ---------------------------------------------------------------- errors

#[test]
fn every_error_says_what_and_where() {
    use SyntaxError::*;
    for (text, kind, line, column) in [
        ("", Eof, 1, 1),
        ("  \n ", Eof, 2, 2),
        ("{\"a\": 1", Eof, 1, 8),
        ("{\"a\": \"x", Eof, 1, 9),
        ("[1.", Eof, 1, 4),
        ("tru", Eof, 1, 4),
        ("{\"a\" 1}", ExpectedColon, 1, 6),
        ("{\"a\": 1 \"b\": 2}", ExpectedCommaOrBrace, 1, 9),
        ("[1 2]", ExpectedCommaOrBracket, 1, 4),
        ("{a: 1}", KeyMustBeString, 1, 2),
        ("[1,]", TrailingComma, 1, 4),
        ("{\"a\": 1,\n }", TrailingComma, 2, 2),
        ("[1] x", TrailingCharacters, 1, 5),
        ("{\"a\":\n  oops}", ExpectedValue, 2, 3),
        ("[\"\\x\"]", InvalidEscape, 1, 4),
        ("[\"\\u12g4\"]", InvalidEscape, 1, 7),
        ("[\"\\udc00\"]", LoneSurrogate, 1, 3),
        ("[\"\\ud800x\"]", LoneSurrogate, 1, 3),
        ("[\"a\tb\"]", ControlCharacter, 1, 4),
        ("[01]", InvalidNumber, 1, 3),
        ("[-x]", InvalidNumber, 1, 3),
        ("[1.e5]", InvalidNumber, 1, 4),
        ("[1e+]", InvalidNumber, 1, 5),
        ("[1e400]", NumberOutOfRange, 1, 2),
        ("[\"世田谷\", x]", ExpectedValue, 1, 9),
    ] {
        let e = err(text);
        assert_eq!((e.kind, e.line, e.column), (kind, line, column), "{text:?}");
        assert!(reference(text).is_none(), "serde_json refuses {text:?} too");
    }
}

#[test]
fn nesting_is_bounded() {
    let nested = |n: usize| "[".repeat(n) + &"]".repeat(n);
    assert!(ours(&nested(MAX_DEPTH)).is_ok());
    for n in [MAX_DEPTH + 1, 100_000] {
        let e = err(&nested(n));
        assert_eq!((e.kind, e.line, e.column), (SyntaxError::TooDeep, 1, MAX_DEPTH + 1));
    }
    // serde_json's own limit is the same.
    assert!(reference(&nested(MAX_DEPTH)).is_some() && reference(&nested(MAX_DEPTH + 1)).is_none());
}

// ---------------------------------------------------------------- against serde_json

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(|x| serde_json::json!(x)),
        (-1_000_000i64..1_000_000).prop_map(|x| serde_json::json!(x)),
        (0u32..100_000, 0u32..4).prop_map(|(m, d)| serde_json::json!(m as f64 / 10f64.powi(d as i32))),
        "\\PC{0,12}".prop_map(Value::String),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{0,6}|\\PC{0,4}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Short texts over JSON's own characters (and a few others): mostly not JSON.
fn json_ish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "u", "d8", "dc", "0", "1", "9", "-", "+", ".", "e", "E", " ",
        "\n", "\t", "true", "fals", "null", "x", "é", "世", "\u{1}", "\"k\":", "\"s\"", "1e400", "[[[",
    ]);
    prop::collection::vec(pieces, 0..16).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any JSON value written compactly or pretty reads back the same as serde_json reads it.
    #[test]
    fn valid_documents_read_as_serde_json_reads_them(v in json_value()) {
        agrees(&serde_json::to_string(&v).expect("text"))?;
        agrees(&serde_json::to_string_pretty(&v).expect("text"))?;
    }

    /// Arbitrary texts: the same verdict as serde_json, and the same value when accepted.
    #[test]
    fn arbitrary_texts_get_serde_json_s_verdict(text in json_ish()) {
        agrees(&text)?;
    }

    /// A valid document cut short anywhere ends too early, at the end of the text.
    #[test]
    fn cut_documents_end_too_early(v in json_value(), cut in any::<prop::sample::Index>()) {
        let text = serde_json::to_string(&Value::Array(vec![v])).expect("text");
        let cut = cut.index(text.len());
        if let Some(part) = text.get(..cut) {
            let e = err(part);
            prop_assert_eq!(e.kind, SyntaxError::Eof, "{:?}", part);
        }
    }
}

// ---------------------------------------------------------------- the fast paths
//
// The parser scans strings eight bytes at a time, skips indentation eight spaces
// at a time and reads short numbers without the standard library. Each test below
// puts the thing a fast path looks for at every offset of an eight-byte chunk, so
// that a fast path that misses it (or finds it one byte off) fails here.

/// A raw control character inside a string is refused wherever it is, also past
/// the first eight bytes (which only the eight-byte scan sees), at its column.
#[test]
fn control_characters_are_refused_at_every_offset_of_long_strings() {
    for c in (0u8..0x20).map(char::from) {
        for prefix in ["", "é", "世田谷"] {
            for at in 0..24 {
                let text = format!("[\"{prefix}{}{c}{}\"]", "a".repeat(at), "b".repeat(24 - at));
                let e = err(&text);
                let column = 3 + prefix.chars().count() + at;
                assert_eq!((e.kind, e.line, e.column), (SyntaxError::ControlCharacter, 1, column), "{text:?}");
                assert!(reference(&text).is_none());
            }
        }
    }
}

/// The closing quote and an escape found at every offset of a chunk: the same
/// string as serde_json reads, for strings of every length up to 40 bytes.
#[test]
fn quotes_and_escapes_at_every_offset_are_found() {
    for len in 0..40 {
        let plain = "x".repeat(len);
        agrees(&format!("[\"{plain}\"]")).expect("plain");
        agrees(&format!("{{\"{plain}\": \"{plain}\", \"k\": 1}}")).expect("key");
        for at in 0..=len {
            for esc in ["\\\"", "\\\\", "\\n", "\\u00e9", "\\/"] {
                let text = format!("[\"{}{esc}{}\", 1]", &plain[..at], &plain[at..]);
                agrees(&text).expect("escaped");
            }
        }
    }
}

/// Every escape JSON has, hex digits in either case.
#[test]
fn every_escape_is_decoded() {
    let text = r#"["\"\\\/\b\f\n\r\t\u00C9\u00e9\uD83D\uDE00"]"#;
    agrees(text).expect("escapes");
    let bump = Bump::new();
    let j = parse(text, &bump).expect("valid");
    assert_eq!(j.as_array().and_then(|a| a[0].as_str()), Some("\"\\/\u{8}\u{c}\n\r\tÉé😀"));
}

/// Indentation of every width (spaces, tabs, CR LF) reads as serde_json reads it,
/// and an error after it is at the right column.
#[test]
fn indentation_of_every_width_is_skipped_exactly() {
    for n in 0..40 {
        let pad = " ".repeat(n);
        agrees(&format!("{{\n{pad}\"a\": [\n{pad}1,\n{pad}\t2\r\n{pad}]\r\n{pad}}}")).expect("indented");
        agrees(&format!("[\r\n{pad}true]")).expect("CR LF");
        let e = err(&format!("[\n{pad}x]"));
        assert_eq!((e.kind, e.line, e.column), (SyntaxError::ExpectedValue, 2, n + 1), "{n}");
        let e = err(&format!("[1,\n{pad}]"));
        assert_eq!((e.kind, e.line, e.column), (SyntaxError::TrailingComma, 2, n + 1), "{n}");
    }
}

/// Numbers of every length (1–20 digits) with the point anywhere, read bit for
/// bit as the standard library reads them, on both sides of the 15-digit fast path.
#[test]
fn numbers_of_every_length_are_correctly_rounded() {
    let bump = Bump::new();
    for digits in ["12345678901234567890", "99999999999999999999", "30000000000000000004", "98765432109876543211"] {
        for len in 1..=digits.len() {
            let d = &digits[..len];
            for point in 0..len {
                for sign in ["", "-"] {
                    let text = if point == 0 {
                        format!("{sign}{d}")
                    } else {
                        format!("{sign}{}.{}", &d[..point], &d[point..])
                    };
                    let text =
                        if text.trim_start_matches('-').starts_with('0') && point != 1 { continue } else { text };
                    let ours = parse(&text, &bump).expect(&text).as_f64().expect(&text);
                    let std: f64 = text.parse().expect(&text);
                    assert_eq!(ours.to_bits(), std.to_bits(), "{text}");
                }
            }
        }
    }
}

/// Keys that differ only after their first byte, or only in length, are different keys.
#[test]
fn keys_are_compared_whole() {
    let bump = Bump::new();
    let j = parse(r#"{"name": 1, "note": 2, "nam": 3, "names": 4}"#, &bump).expect("valid");
    let o = j.as_object().expect("object");
    for (k, v) in [("name", 1.0), ("note", 2.0), ("nam", 3.0), ("names", 4.0)] {
        assert_eq!(o.get(k).and_then(J::as_f64), Some(v), "{k}");
    }
    assert_eq!(o.get("nate"), None);
    assert_eq!(o.get("n"), None);
}
