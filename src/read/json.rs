//! A light JSON tree that borrows its strings from the input, and its parser.
//!
//! The readers walk a whole tree so that every problem can be reported. This
//! tree borrows strings from the input (a string with escapes is copied once)
//! and puts every container in one arena ([`Bump`]) that is freed at once;
//! object entries stay in document order, repeated keys included.
//!
//! The parser is written for this tree (RFC 8259, nothing more and nothing
//! less): one pass over bytes already known to be UTF-8, strings scanned eight
//! bytes at a time, at most [`MAX_DEPTH`] nested containers, and every error
//! with its line and column. Numbers of up to 15 significant digits without an
//! exponent (nearly every figure) are read exactly everywhere; the others are
//! read exactly (`str::parse::<f64>`) by the native build and to within a few
//! units in the last place in the browser (see `decimal`).

pub use crate::messages::SyntaxError;
use bumpalo::Bump;
use std::fmt;

/// The most containers nested in one another (the root counts as one).
pub const MAX_DEPTH: usize = 127;

/// A JSON value living in the input and an arena.
///
/// The tag is a whole word: copies are three aligned words (a byte tag made the
/// compiler copy the rest in odd pieces, stalling the processor on every value).
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(u64)]
pub enum J<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(&'a str),
    Arr(&'a [J<'a>]),
    Obj(Obj<'a>),
}

/// A JSON object: its keys and values in document order, as one slice
/// `[key, value, key, value, …]` (a key is a `J::Str`); a repeated key keeps
/// every entry.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Obj<'a>(&'a [J<'a>]);

/// The key of an entry (always a string: the parser puts nothing else there).
fn key<'a>(k: &J<'a>) -> &'a str {
    match k {
        J::Str(s) => s,
        _ => "",
    }
}

/// Whether two keys are equal: length and first byte tell most keys apart
/// before `memcmp` is called (keys are compared very often while reading).
#[inline]
pub fn key_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

impl<'a> Obj<'a> {
    /// The first entry named `k`.
    pub fn get(&self, k: &str) -> Option<&'a J<'a>> {
        self.0.chunks_exact(2).find(|e| key_eq(key(&e[0]), k)).map(|e| &e[1])
    }
    pub fn contains_key(&self, k: &str) -> bool {
        self.get(k).is_some()
    }
    pub fn keys(&self) -> impl Iterator<Item = &'a str> {
        self.0.chunks_exact(2).map(|e| key(&e[0]))
    }
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a J<'a>)> {
        self.0.chunks_exact(2).map(|e| (key(&e[0]), &e[1]))
    }
    pub fn len(&self) -> usize {
        self.0.len() / 2
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> J<'a> {
    pub fn as_object(&self) -> Option<&Obj<'a>> {
        match self {
            J::Obj(o) => Some(o),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&'a [J<'a>]> {
        match self {
            J::Arr(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            J::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            J::Num(x) => Some(*x),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self, J::Null)
    }
}

/// A compact JSON rendering, for quoting a value in a message.
impl fmt::Display for J<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            J::Null => f.write_str("null"),
            J::Bool(b) => write!(f, "{b}"),
            J::Num(x) => write!(f, "{}", crate::float_text::Decimal(*x)),
            J::Str(s) => write!(f, "{s:?}"),
            J::Arr(a) => {
                f.write_str("[")?;
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            J::Obj(_) => f.write_str("{...}"),
        }
    }
}

/// A syntax error and where it is: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Error {
    pub kind: SyntaxError,
    pub line: usize,
    pub column: usize,
}

/// Parses JSON text into a tree borrowing from `text` and `bump`.
pub fn parse<'a>(text: &'a str, bump: &'a Bump) -> Result<J<'a>, Error> {
    let mut p = Parser {
        text,
        s: text.as_bytes(),
        i: 0,
        bump,
        items: Vec::new(),
        buf: String::new(),
        error: (0, SyntaxError::Eof),
    };
    let mut whole = || {
        p.ws();
        p.value(1)?;
        p.ws();
        if p.i < p.s.len() {
            return Err(p.fail(SyntaxError::TrailingCharacters));
        }
        Ok(p.items.pop().unwrap_or(J::Null))
    };
    whole().map_err(|Fail| p.error())
}

/// 1-based line and column (in characters) just after `before`, the text up to
/// a position. Bytes that do not start a UTF-8 character are not counted, so a
/// prefix cut inside a character (an encoding error) counts it once.
pub fn line_col(before: &[u8]) -> (usize, usize) {
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + before[line_start..].iter().filter(|&&b| (b as i8) >= -0x40).count();
    (line, column)
}

/// A failed parse; where and why are kept in the parser. (A zero-sized error
/// keeps every `Result<J, Fail>` as small as a `J`: returned in registers.)
struct Fail;

type R<T> = Result<T, Fail>;

struct Parser<'a> {
    text: &'a str,
    s: &'a [u8],
    /// The next byte to read.
    i: usize,
    bump: &'a Bump,
    /// Scratch stack: a container's members (an object's keys and values) are
    /// gathered here while it is read, then copied into the arena in one piece
    /// of exactly the right size.
    items: Vec<J<'a>>,
    /// Scratch for a string with escapes.
    buf: String,
    /// Where (a byte offset) and why the parse failed.
    error: (usize, SyntaxError),
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// For eight bytes read little-endian: 0 when none is `"`, `\` or below 0x20;
/// otherwise the lowest set bit is the high bit of the first such byte (a
/// borrow only spoils the bytes above a true hit).
#[inline]
fn special(w: u64) -> u64 {
    let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    zero(w ^ (LO * b'"' as u64)) | zero(w ^ (LO * b'\\' as u64)) | (w.wrapping_sub(LO * 0x20) & !w & HI)
}

/// Any other number (an exponent, or more than 15 significant digits) by the
/// standard library: correctly rounded. `num` is a valid JSON number.
#[cfg(not(target_arch = "wasm32"))]
fn decimal(num: &str) -> f64 {
    num.parse().unwrap_or(f64::NAN)
}

/// Any other number (an exponent, or more than 15 significant digits), in the
/// browser: the standard library's exact reader would cost 8 KB gzip of the
/// page's 150 KB budget, so these few are read to within a few units in the
/// last place (19 significant digits, then powers of ten). Limits of this
/// shortcut: a number within a few units of the largest double may be refused
/// as out of range, and the smallest subnormals may read as 0. `num` is a
/// valid JSON number.
#[cfg(target_arch = "wasm32")]
fn decimal(num: &str) -> f64 {
    let (neg, b) = match num.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        b => (false, b),
    };
    let (mantissa, exp) = match b.iter().position(|&c| c == b'e' || c == b'E') {
        Some(p) => (&b[..p], &b[p + 1..]),
        None => (b, &b[..0]),
    };
    let (mut m, mut e, mut sig, mut frac) = (0u64, 0i64, 0, false);
    for &c in mantissa {
        if c == b'.' {
            frac = true;
        } else if sig < 19 {
            m = m * 10 + (c - b'0') as u64;
            if m != 0 {
                sig += 1;
            }
            if frac {
                e -= 1;
            }
        } else if !frac {
            e += 1;
        }
    }
    let (eneg, digits) = match exp {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        d => (false, d),
    };
    let x = digits.iter().fold(0i64, |acc, &c| (acc * 10 + (c - b'0') as i64).min(100_000_000));
    e += if eneg { -x } else { x };
    let mut f = m as f64;
    while f != 0.0 && f.is_finite() && e != 0 {
        let step = e.unsigned_abs().min(22) as usize;
        if e > 0 {
            f *= POW10[step];
            e -= step as i64;
        } else {
            f /= POW10[step];
            e += step as i64;
        }
    }
    if neg {
        -f
    } else {
        f
    }
}

/// 10^0 ..= 10^22: every one exact in a double.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

impl<'a> Parser<'a> {
    /// An error at the current position (the end of the text: it ends too early).
    #[cold]
    fn fail(&mut self, kind: SyntaxError) -> Fail {
        let kind =
            if self.i >= self.s.len() && kind != SyntaxError::TrailingCharacters { SyntaxError::Eof } else { kind };
        self.fail_at(self.i, kind)
    }

    #[cold]
    fn fail_at(&mut self, at: usize, kind: SyntaxError) -> Fail {
        self.error = (at.min(self.s.len()), kind);
        Fail
    }

    /// The error recorded, with its line and column.
    fn error(&self) -> Error {
        let (at, kind) = self.error;
        let (line, column) = line_col(&self.s[..at]);
        Error { kind, line, column }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// Skips whitespace; after a line break, indentation eight spaces at a time.
    #[inline]
    fn ws(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\r' | b'\t') => self.i += 1,
                Some(b'\n') => {
                    self.i += 1;
                    while self.s.get(self.i..self.i + 8) == Some(b"        ") {
                        self.i += 8;
                    }
                }
                _ => return,
            }
        }
    }

    /// Reads a value and pushes it onto `items`. (Values are not returned: a
    /// returned enum is written in pieces and read back whole at once, which
    /// stalls the processor on every value.)
    fn value(&mut self, depth: usize) -> R<()> {
        let v = match self.peek() {
            Some(b'{') => return self.object(depth),
            Some(b'[') => return self.array(depth),
            Some(b'"') => J::Str(self.string()?),
            Some(b'-' | b'0'..=b'9') => J::Num(self.number()?),
            Some(b't') => {
                self.literal(b"true")?;
                J::Bool(true)
            }
            Some(b'f') => {
                self.literal(b"false")?;
                J::Bool(false)
            }
            Some(b'n') => {
                self.literal(b"null")?;
                J::Null
            }
            _ => return Err(self.fail(SyntaxError::ExpectedValue)),
        };
        self.items.push(v);
        Ok(())
    }

    fn literal(&mut self, word: &[u8]) -> R<()> {
        for &b in word {
            match self.peek() {
                Some(c) if c == b => self.i += 1,
                _ => return Err(self.fail(SyntaxError::ExpectedValue)),
            }
        }
        Ok(())
    }

    fn enter(&mut self, depth: usize) -> R<()> {
        if depth > MAX_DEPTH {
            return Err(self.fail_at(self.i, SyntaxError::TooDeep));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> R<()> {
        let items = self.container(depth, b']', SyntaxError::ExpectedCommaOrBracket, |p, d| p.value(d))?;
        self.items.push(J::Arr(items));
        Ok(())
    }

    fn object(&mut self, depth: usize) -> R<()> {
        let entries = self.container(depth, b'}', SyntaxError::ExpectedCommaOrBrace, |p, d| {
            if p.peek() != Some(b'"') {
                return Err(p.fail(SyntaxError::KeyMustBeString));
            }
            let k = p.string()?;
            p.items.push(J::Str(k));
            p.ws();
            if p.peek() != Some(b':') {
                return Err(p.fail(SyntaxError::ExpectedColon));
            }
            p.i += 1;
            p.ws();
            p.value(d)
        })?;
        self.items.push(J::Obj(Obj(entries)));
        Ok(())
    }

    /// An array or object (at its opening bracket): its members, each pushed on
    /// `items` by `member`, separated by commas up to `close`; then copied into
    /// the arena in one piece.
    fn container(
        &mut self,
        depth: usize,
        close: u8,
        missing: SyntaxError,
        member: impl Fn(&mut Self, usize) -> R<()>,
    ) -> R<&'a [J<'a>]> {
        self.enter(depth)?;
        self.i += 1;
        let start = self.items.len();
        self.ws();
        if self.peek() == Some(close) {
            self.i += 1;
            return Ok(&[]);
        }
        loop {
            member(self, depth + 1)?;
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(close) {
                        return Err(self.fail(SyntaxError::TrailingComma));
                    }
                }
                Some(c) if c == close => {
                    self.i += 1;
                    break;
                }
                _ => return Err(self.fail(missing)),
            }
        }
        let members = self.bump.alloc_slice_copy(&self.items[start..]);
        self.items.truncate(start);
        Ok(members)
    }

    /// A string (at its opening quote): borrowed from the text, or copied into
    /// the arena when it has escapes.
    fn string(&mut self) -> R<&'a str> {
        self.i += 1;
        let start = self.i;
        let end = self.scan()?;
        if self.s[end] == b'"' {
            self.i = end + 1;
            return Ok(&self.text[start..end]);
        }
        // Escapes: decode into the scratch buffer, then copy into the arena.
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        buf.push_str(&self.text[start..end]);
        self.i = end;
        let r = self.escaped(&mut buf);
        let out = r.map(|()| &*self.bump.alloc_str(&buf));
        self.buf = buf;
        out
    }

    /// From `self.i` inside a string, the position of the next `"` or `\`.
    #[inline]
    fn scan(&mut self) -> R<usize> {
        let s = self.s;
        let mut j = self.i;
        // Eight bytes at a time, straight to the first special one.
        let mut hit = None;
        while let Some(chunk) = s.get(j..j + 8) {
            let m = special(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
            if m != 0 {
                hit = Some(j + (m.trailing_zeros() / 8) as usize);
                break;
            }
            j += 8;
        }
        // Else fewer than eight bytes of the text are left: one by one.
        let j = hit.unwrap_or_else(|| {
            debug_assert!(s.len() - j < 8, "the eight-byte scan stopped early");
            let rest = s.get(j..).unwrap_or(&[]);
            rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).map_or(s.len(), |k| j + k)
        });
        match s.get(j) {
            None => Err(self.fail_at(s.len(), SyntaxError::Eof)),
            Some(b'"' | b'\\') => Ok(j),
            Some(_) => Err(self.fail_at(j, SyntaxError::ControlCharacter)),
        }
    }

    /// The rest of a string with escapes, from `self.i` at a `\`, into `buf`.
    fn escaped(&mut self, buf: &mut String) -> R<()> {
        loop {
            // At a `\` or the closing quote.
            if self.s[self.i] == b'"' {
                self.i += 1;
                return Ok(());
            }
            self.i += 1;
            let Some(e) = self.peek() else { return Err(self.fail(SyntaxError::Eof)) };
            self.i += 1;
            let ch = match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => self.unicode_escape()?,
                _ => return Err(self.fail_at(self.i - 1, SyntaxError::InvalidEscape)),
            };
            buf.push(ch);
            let start = self.i;
            let end = self.scan()?;
            buf.push_str(&self.text[start..end]);
            self.i = end;
        }
    }

    /// After `\u`: four hex digits, and for a surrogate its other half.
    fn unicode_escape(&mut self) -> R<char> {
        let hi = self.hex4()?;
        if !(0xD800..0xE000).contains(&hi) {
            return Ok(char::from_u32(hi).unwrap_or('\u{FFFD}'));
        }
        let at = self.i - 6;
        if hi >= 0xDC00 {
            return Err(self.fail_at(at, SyntaxError::LoneSurrogate));
        }
        match (self.peek(), self.s.get(self.i + 1)) {
            (Some(b'\\'), Some(b'u')) => self.i += 2,
            (None, _) | (Some(b'\\'), None) => return Err(self.fail(SyntaxError::Eof)),
            _ => return Err(self.fail_at(at, SyntaxError::LoneSurrogate)),
        }
        let lo = self.hex4()?;
        if !(0xDC00..0xE000).contains(&lo) {
            return Err(self.fail_at(at, SyntaxError::LoneSurrogate));
        }
        Ok(char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)).unwrap_or('\u{FFFD}'))
    }

    fn hex4(&mut self) -> R<u32> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(b) = self.peek() else { return Err(self.fail(SyntaxError::Eof)) };
            let d = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.fail(SyntaxError::InvalidEscape)),
            };
            n = n * 16 + d as u32;
            self.i += 1;
        }
        Ok(n)
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> R<f64> {
        let start = self.i;
        let neg = self.peek() == Some(b'-');
        if neg {
            self.i += 1;
        }
        let int_start = self.i;
        match self.peek() {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.fail(SyntaxError::InvalidNumber));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.fail(SyntaxError::InvalidNumber)),
        }
        let int_end = self.i;
        let mut frac = 0;
        if self.peek() == Some(b'.') {
            self.i += 1;
            frac = self.digits();
            if frac == 0 {
                return Err(self.fail(SyntaxError::InvalidNumber));
            }
        }
        let mut has_exp = false;
        if let Some(b'e' | b'E') = self.peek() {
            has_exp = true;
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.fail(SyntaxError::InvalidNumber));
            }
        }
        // The common case, exactly: at most 15 significant digits and no exponent;
        // one division of two exact doubles is correctly rounded.
        let ndigits = int_end - int_start + frac;
        let x = if !has_exp && ndigits <= 15 {
            let mut m: u64 = 0;
            for &b in &self.s[int_start..self.i] {
                if b != b'.' {
                    m = m * 10 + (b - b'0') as u64;
                }
            }
            if frac == 0 {
                m as f64
            } else {
                m as f64 / POW10[frac.min(22)]
            }
        } else {
            let x = decimal(&self.text[start..self.i]);
            if !x.is_finite() {
                return Err(self.fail_at(start, SyntaxError::NumberOutOfRange));
            }
            return Ok(x);
        };
        Ok(if neg { -x } else { x })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_plain_strings_and_keeps_key_order() {
        let text = r#"{"b": "x", "a": [1, 2.5, null, true], "c": "e\u00e9"}"#;
        let bump = Bump::new();
        let v = parse(text, &bump).expect("json");
        let o = v.as_object().expect("object");
        assert_eq!(o.keys().collect::<Vec<_>>(), ["b", "a", "c"]);
        let b = o.get("b").and_then(J::as_str).expect("b");
        assert!(text.as_bytes().as_ptr_range().contains(&b.as_ptr()), "borrowed from the input");
        assert_eq!(o.get("c").and_then(J::as_str), Some("eé"));
        assert!(parse("[1] x", &bump).is_err(), "trailing characters refused");
        assert_eq!(o.get("a").map(|a| a.to_string()).as_deref(), Some("[1, 2.5, null, true]"));
    }
}
