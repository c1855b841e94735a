//! The cells' words: numbers as Excel writes them in Japan, yes/no, the
//! stage and direction names, and the formula guard of text cells.

/// Full-width ASCII (`１２３`, `ＡＢ`, `．`, `－`, the ideographic space) and
/// the minus sign U+2212 folded to ASCII.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2212}' | '\u{2012}' | '\u{2013}' | '\u{FE63}' => '-',
            c => c,
        })
        .collect()
}

/// Why a number cell could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumError {
    /// Not a number at all.
    NotNumber,
    /// A trailing `%` on an indicator whose unit is not %.
    Percent,
}

/// A number cell: `None` when empty. Accepted as Excel in Japan writes it:
/// surrounding spaces, full-width digits and signs, thousands separators
/// (`1,234,567.5`), a leading `'`, `▲`/`△` or brackets for a negative,
/// an exponent (`1.5E+03`), and a trailing `%` only where `percent` is allowed
/// (the value is then the number before it: `26%` is 26 in a unit of %).
pub fn parse_number(cell: &str, percent: bool) -> Result<Option<f64>, NumError> {
    let s = fold(cell);
    let mut s = s.trim();
    s = s.strip_prefix('\'').unwrap_or(s).trim();
    if s.is_empty() {
        return Ok(None);
    }
    let mut negative = false;
    if let Some(t) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        negative = true;
        s = t.trim();
    }
    if let Some(t) = s.strip_prefix(['▲', '△']) {
        negative = !negative;
        s = t.trim_start();
    }
    if let Some(t) = s.strip_suffix('%') {
        if !percent {
            return Err(NumError::Percent);
        }
        s = t.trim_end();
    }
    let (sign, body) = match s.as_bytes().first() {
        Some(b'-') => ("-", &s[1..]),
        Some(b'+') => ("", &s[1..]),
        _ => ("", s),
    };
    let plain = ungroup(body).ok_or(NumError::NotNumber)?;
    if !plain.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'.')
        || !plain.bytes().all(|b| b.is_ascii_digit() || b".eE+-".contains(&b))
        || !plain.bytes().any(|b| b.is_ascii_digit())
    {
        return Err(NumError::NotNumber);
    }
    let x: f64 = format!("{sign}{plain}").parse().map_err(|_| NumError::NotNumber)?;
    if !x.is_finite() {
        return Err(NumError::NotNumber);
    }
    Ok(Some(if negative { -x } else { x }))
}

/// `1,234,567.5` → `1234567.5`; `None` when the commas are not thousands
/// separators (`1,5`, `12,34`), which would be misread.
fn ungroup(body: &str) -> Option<String> {
    if !body.contains(',') {
        return Some(body.to_string());
    }
    let int_end = body.find(['.', 'e', 'E']).unwrap_or(body.len());
    let (int, rest) = body.split_at(int_end);
    if rest.contains(',') {
        return None;
    }
    let groups: Vec<&str> = int.split(',').collect();
    let ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    ok.then(|| format!("{}{rest}", groups.concat()))
}

/// A number as exported: the shortest decimal that reads back to the same
/// double (Rust's `Display`: `20`, `0.30000000000000004`, never an exponent).
pub fn format_number(x: f64) -> String {
    x.to_string()
}

/// A yes/no cell (例示): `TRUE`/`FALSE` as Excel writes them, `1`/`0`,
/// `yes`/`no`, 「はい」/「いいえ」, ○/×; empty is no. `None` for anything else.
pub fn parse_bool(cell: &str) -> Option<bool> {
    let s = fold(cell).trim().trim_start_matches('\'').trim().to_lowercase();
    match s.as_str() {
        "true" | "1" | "yes" | "y" | "はい" | "○" | "◯" | "〇" | "例示" => Some(true),
        "" | "false" | "0" | "no" | "n" | "いいえ" | "×" | "✕" => Some(false),
        _ => None,
    }
}

/// A stage or direction cell: the format's name, or its Japanese word
/// (「中長期アウトカム」, 「小さいほど良い」, …) turned into the name; any other
/// text is kept, for the dataset check to name what is allowed.
pub fn enum_name(cell: &str) -> String {
    let s = fold(cell).trim().to_lowercase();
    let name = match s.as_str() {
        "中長期アウトカム" | "中長期" => "outcome_long",
        "短期アウトカム" | "短期" => "outcome_short",
        "行動指標" | "行動" | "behaviour" => "behavior",
        "上昇" | "増加" | "↑" | "大きいほど良い" | "高いほど良い" | "多いほど良い" => "up",
        "下降" | "減少" | "↓" | "小さいほど良い" | "低いほど良い" | "少ないほど良い" => {
            "down"
        }
        _ => return s,
    };
    name.to_string()
}

/// A text cell as exported: one that a spreadsheet would take for a formula
/// (`=`, `+`, `@`, a tab or line break first, or `-` not followed by a
/// number) or that starts with `'` gets a `'` in front, which
/// [`undefuse`] takes off again: the text reads back exactly.
pub fn defuse(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '@', '\t', '\r', '\n', '\''])
        || s.strip_prefix('-').is_some_and(|t| t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
    if risky {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A text cell as read: one leading `'` (the guard of [`defuse`]) taken off.
pub fn undefuse(s: &str) -> &str {
    s.strip_prefix('\'').unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_excel_writes_them() {
        let n = |s: &str| parse_number(s, false);
        assert_eq!(n("1,234"), Ok(Some(1234.0)));
        assert_eq!(n("1,234,567.25"), Ok(Some(1234567.25)));
        assert_eq!(n("１２３４"), Ok(Some(1234.0)));
        assert_eq!(n("１，２３４．５"), Ok(Some(1234.5)));
        assert_eq!(n("－１２"), Ok(Some(-12.0)));
        assert_eq!(n("\u{2212}3"), Ok(Some(-3.0)));
        assert_eq!(n("▲1,000"), Ok(Some(-1000.0)));
        assert_eq!(n("(12)"), Ok(Some(-12.0)));
        assert_eq!(n("  7 "), Ok(Some(7.0)));
        assert_eq!(n("\u{3000}7\u{3000}"), Ok(Some(7.0)));
        assert_eq!(n("1.5E+03"), Ok(Some(1500.0)));
        assert_eq!(n(".5"), Ok(Some(0.5)));
        assert_eq!(n(""), Ok(None));
        assert_eq!(n("   "), Ok(None));
        for bad in ["abc", "1,5", "12,34", "1.2.3", "inf", "NaN", "1e400", "--1", "1,234.5,6", "e5", "-", "12a"] {
            assert_eq!(n(bad), Err(NumError::NotNumber), "{bad}");
        }
        assert_eq!(n("26%"), Err(NumError::Percent));
        assert_eq!(parse_number("26%", true), Ok(Some(26.0)));
        assert_eq!(parse_number("２６．５％", true), Ok(Some(26.5)));
    }

    #[test]
    fn exported_numbers_read_back_exactly() {
        for x in
            [0.1 + 0.2, 1e21, 1e-7, -0.0, 123_456_789.123_456_79, f64::MIN_POSITIVE, 5e-324, 1.7976931348623157e308]
        {
            let back = parse_number(&format_number(x), false).expect("number").expect("some");
            assert_eq!(back.to_bits(), x.to_bits(), "{x}");
        }
    }

    #[test]
    fn formulas_are_defused_and_read_back() {
        for s in ["=SUM(A1)", "+1", "@x", "-x", "-inf", "-", "'quoted", "''", "\tx", "plain", "-1.5", ""] {
            let d = defuse(s);
            assert!(!d.starts_with(['=', '+', '@', '\t']), "{d}");
            assert_eq!(undefuse(&d), s);
        }
        assert_eq!(defuse("-1.5"), "-1.5");
        assert_eq!(defuse("=1"), "'=1");
    }

    #[test]
    fn yes_no_and_names() {
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert_eq!(parse_bool("ＦＡＬＳＥ"), Some(false));
        assert_eq!(parse_bool(""), Some(false));
        assert_eq!(parse_bool("maybe"), None);
        assert_eq!(enum_name("中長期アウトカム"), "outcome_long");
        assert_eq!(enum_name(" Down "), "down");
        assert_eq!(enum_name("sideways"), "sideways");
    }
}
