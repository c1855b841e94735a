//! A sheet's bytes → text, and its separator: the encodings Excel saves in
//! Japan, told apart without asking.

use crate::messages::{Msg, SheetMsg};
use crate::problem::Problem;
use crate::read::MAX_BYTES;

/// The encodings besides UTF-8 a sheet may be saved in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// Shift_JIS as Windows and Excel write it (CP932, WHATWG's `shift_jis`).
    ShiftJis,
    /// UTF-16 little-endian, after its BOM (Excel's 「Unicode テキスト」).
    Utf16Le,
    /// UTF-16 big-endian, after its BOM.
    Utf16Be,
}

/// A strict decoder of a [`Legacy`] encoding: the text, or `None` at any
/// byte sequence the encoding does not have (never a replacement character).
pub type Decoder<'a> = &'a dyn Fn(Legacy, &[u8]) -> Option<String>;

/// The decoder built in: encoding_rs (the WHATWG Encoding Standard's tables;
/// its `SHIFT_JIS` is windows-31j) on the command line. The WebAssembly
/// module leaves its tables out (200 kB gzip): the facade passes the
/// browser's own `TextDecoder`, the same standard, instead.
pub fn builtin(enc: Legacy, bytes: &[u8]) -> Option<String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let e = match enc {
            Legacy::ShiftJis => encoding_rs::SHIFT_JIS,
            Legacy::Utf16Le => encoding_rs::UTF_16LE,
            Legacy::Utf16Be => encoding_rs::UTF_16BE,
        };
        e.decode_without_bom_handling_and_without_replacement(bytes).map(|t| t.into_owned())
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = (enc, bytes);
        None
    }
}

/// The sheet's text: UTF-8 (a BOM is skipped) when the bytes are valid
/// UTF-8; UTF-16 with its BOM; otherwise Shift_JIS / CP932, decoded by
/// `legacy`. Bytes that are none of these are refused, with the line of the
/// first byte that is not UTF-8.
pub fn decode(bytes: &[u8], legacy: Decoder) -> Result<String, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::error("$", Msg::TooLarge { bytes: bytes.len(), limit: MAX_BYTES }));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(str::to_string).map_err(|e| bad(bytes, 3 + e.valid_up_to()));
    }
    for (bom, enc) in [(b"\xFF\xFE", Legacy::Utf16Le), (b"\xFE\xFF", Legacy::Utf16Be)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return legacy(enc, rest).ok_or_else(|| bad(bytes, 0));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t.to_string()),
        Err(e) => legacy(Legacy::ShiftJis, bytes).ok_or_else(|| bad(bytes, e.valid_up_to())),
    }
}

/// Bytes that are neither UTF-8 nor Shift_JIS (the first not UTF-8 at `at`).
fn bad(bytes: &[u8], at: usize) -> Problem {
    let line = 1 + bytes[..at.min(bytes.len())].iter().filter(|b| **b == b'\n').count();
    Problem::error("$", Msg::Sheet(SheetMsg::Encoding { line }))
}

/// The separator: a TAB when the header line has more tabs than commas (cells
/// copied from Excel are TAB-separated), else a comma.
pub fn separator(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut tabs, mut commas, mut quoted) = (0, 0, false);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            '\t' if !quoted => tabs += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if tabs > commas {
        b'\t'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let decode = |b: &[u8]| decode(b, &builtin);
        assert_eq!(decode("指標,id".as_bytes()).expect("utf-8"), "指標,id");
        assert_eq!(decode(b"\xEF\xBB\xBFa,b").expect("bom"), "a,b");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("基準値,①,髙");
        assert_eq!(decode(&sjis).expect("cp932"), "基準値,①,髙");
        let mut u16 = vec![0xFF, 0xFE];
        u16.extend("実績\t1".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&u16).expect("utf-16"), "実績\t1");
        let e = decode(b"ok\nok\n\x80\xFF\xFF").expect_err("neither");
        assert_eq!(e.msg, Msg::Sheet(SheetMsg::Encoding { line: 3 }));
    }

    #[test]
    fn separators() {
        assert_eq!(separator("a\tb\tc\n1,2\t3"), b'\t');
        assert_eq!(separator("a,b,c\n"), b',');
        assert_eq!(separator("\"a\tb\",c\n"), b',');
        assert_eq!(separator("\n\na\tb"), b'\t');
    }
}
