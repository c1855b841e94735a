//! A sheet's bytes → text, and its separator: the encodings Excel saves in
//! Japan, told apart without asking.

use crate::messages::{Msg, SheetMsg};
use crate::problem::Problem;
use crate::read::MAX_BYTES;
use encoding_rs::{SHIFT_JIS, UTF_16BE, UTF_16LE};

/// The sheet's text: UTF-8 (a BOM is skipped) when the bytes are valid
/// UTF-8; UTF-16 with its BOM (Excel's 「Unicode テキスト」); otherwise
/// Shift_JIS as Windows and Excel write it (CP932: encoding_rs' `SHIFT_JIS`
/// is WHATWG's windows-31j). Bytes that are none of these are refused, with
/// the line of the first that is not.
pub fn decode(bytes: &[u8]) -> Result<String, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::error("$", Msg::TooLarge { bytes: bytes.len(), limit: MAX_BYTES }));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(str::to_string).map_err(|e| bad(bytes, 3 + e.valid_up_to()));
    }
    for (bom, enc) in [(b"\xFF\xFE", UTF_16LE), (b"\xFE\xFF", UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return enc
                .decode_without_bom_handling_and_without_replacement(rest)
                .map(|t| t.into_owned())
                .ok_or_else(|| bad(bytes, bytes.len()));
        }
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(t) => return Ok(t.to_string()),
        Err(e) => e.valid_up_to(),
    };
    let mut dec = SHIFT_JIS.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 16);
    let (result, read) = dec.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(len, _) => {
            // The first bad byte of either reading: the later of the two is where neither works.
            let sjis_error = read.saturating_sub(len as usize);
            Err(bad(bytes, sjis_error.max(utf8_error)))
        }
        // The string was given room for every character.
        encoding_rs::DecoderResult::OutputFull => Err(bad(bytes, read)),
    }
}

/// Bytes that are neither UTF-8 nor Shift_JIS, from `at` on.
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
        assert_eq!(decode("指標,id".as_bytes()).expect("utf-8"), "指標,id");
        assert_eq!(decode(b"\xEF\xBB\xBFa,b").expect("bom"), "a,b");
        let (sjis, _, _) = SHIFT_JIS.encode("基準値,①,髙");
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
