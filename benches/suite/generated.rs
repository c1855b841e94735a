//! The generated datasets of the benchmarks (`cycle`, `cycle_system`, `analysis`).
//! `benches/web/gen.mjs` (`suiteDataset`) writes the same text, byte for byte, for
//! the browser benchmark of the analysis.

/// A dataset shaped like the default one but with `n` outcome indicators
/// under 40 goals and 4 policies, each with two actuals and two targets.
pub fn generated(n: usize) -> String {
    let mut s = String::from(
        r#"{"format":"vision-index/1","title":{"ja":"生成データ","en":"Generated"},"years":{"first":2023,"last":2031},
"index":{"name":"指数","base_year":2023,"base_value":100,"milestones":[{"year":2027,"value":130},{"year":2031,"value":135}]},
"policies":[{"id":"P1","name":"P1"},{"id":"P2","name":"P2"},{"id":"P3","name":"P3"},{"id":"P4","name":"P4"}],"goals":["#,
    );
    for g in 0..40 {
        if g > 0 {
            s.push(',');
        }
        s.push_str(&format!(r#"{{"id":"G{g}","policy":"P{}","name":"目指す姿 {g}"}}"#, g % 4 + 1));
    }
    s.push_str(r#"],"indicators":["#);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        // Figures as printed in reports: at most one decimal.
        let b = 100.0 + (i % 97) as f64;
        let r = |x: f64| (x * 10.0).round() / 10.0;
        let dir = if i % 5 == 0 { "down" } else { "up" };
        s.push_str(&format!(
            r#"{{"id":"I{i}","goal":"G{}","name":"指標 {i}","unit":"件","direction":"{dir}","baseline":{b},"values":{{"2024":{},"2025":{}}},"targets":{{"2027":{},"2031":{}}},"illustrative":true}}"#,
            i % 40,
            r(b * 1.05),
            r(b * 1.1),
            r(b * 1.3),
            r(b * 1.35)
        ));
    }
    s.push_str("]}");
    s
}
