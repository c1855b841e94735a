//! The JSON parser against serde_json: the same verdict, and the same value
//! (numbers bit for bit) when both accept. The documented differences: nesting
//! (ours stops at 127 containers, serde_json at 128) — inputs that deep are
//! skipped; a repeated key keeps every entry in ours (the reader warns) and the
//! last in serde_json — compared as serde_json keeps them.
#![no_main]
use bumpalo::Bump;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use vision_index::testing::json::{parse, to_value, MAX_DEPTH};

fn floats(v: Value) -> Value {
    match v {
        Value::Number(n) => n.as_f64().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number),
        Value::Array(a) => Value::Array(a.into_iter().map(floats).collect()),
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, floats(v))).collect()),
        v => v,
    }
}

/// The deepest nesting of brackets outside strings (an upper bound is enough).
fn depth(text: &str) -> usize {
    let (mut d, mut max) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                d += 1;
                max = max.max(d);
            }
            b']' | b'}' => d = d.saturating_sub(1),
            _ => {}
        }
    }
    max
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if depth(text) >= MAX_DEPTH {
        return;
    }
    let bump = Bump::new();
    let ours = parse(text, &bump).map(|j| to_value(&j));
    let reference = serde_json::from_str::<Value>(text).map(floats);
    match (ours, reference) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text:?}"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("{text:?}: ours {a:?}, serde_json {b:?}"),
    }
});
