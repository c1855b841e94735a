//! The benchmarks themselves, shared by `cycle` (the native command line's
//! allocator, mimalloc) and `cycle_system` (the system allocator).

use divan::{black_box, Bencher};
use vision_index::{load_dataset, score, Engine, Scenario, ScorePath};

pub const DEFAULT: &[u8] = include_bytes!("../../www/data/setagaya.json");

/// A dataset shaped like the default one but with `n` outcome indicators
/// under 40 goals and 4 policies, each with two actuals and two targets.
fn generated(n: usize) -> String {
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

#[divan::bench]
fn default_full_cycle(bencher: Bencher) {
    bencher.bench(|| {
        let ds = load_dataset(black_box(DEFAULT)).expect("valid").value;
        score(&ds, &Scenario::default(), ScorePath::Plan)
    });
}

#[divan::bench]
fn default_full_cycle_all_paths(bencher: Bencher) {
    bencher.bench(|| {
        let ds = load_dataset(black_box(DEFAULT)).expect("valid").value;
        ScorePath::ALL.map(|p| score(&ds, &Scenario::default(), p))
    });
}

#[divan::bench]
fn default_rescore_after_edit(bencher: Bencher) {
    let (mut eng, _) = Engine::load(DEFAULT).expect("valid");
    let mut v = 26.0;
    bencher.bench_local(|| {
        v = if v > 40.0 { 26.0 } else { v + 0.5 };
        eng.set_target("G1-a", 2027, Some(v)).expect("edit");
        eng.rescore(ScorePath::Plan).index[4]
    });
}

#[divan::bench(sample_count = 30)]
fn indicators_10k_full_cycle(bencher: Bencher) {
    let text = generated(10_000);
    bencher.bench(|| {
        let ds = load_dataset(black_box(text.as_bytes())).expect("valid").value;
        score(&ds, &Scenario::default(), ScorePath::Outlook)
    });
}

#[divan::bench(sample_count = 30)]
fn indicators_10k_full_score_no_parse(bencher: Bencher) {
    let (eng, _) = Engine::load(generated(10_000).as_bytes()).expect("valid");
    bencher.bench_local(|| eng.score(ScorePath::Outlook));
}

#[divan::bench(sample_count = 50)]
fn indicators_10k_rescore_after_edit(bencher: Bencher) {
    let (mut eng, _) = Engine::load(generated(10_000).as_bytes()).expect("valid");
    let mut v = 130.0;
    bencher.bench_local(|| {
        v = if v > 200.0 { 130.0 } else { v + 1.0 };
        eng.set_target("I4242", 2027, Some(v)).expect("edit");
        eng.rescore(ScorePath::Outlook).index[4]
    });
}

/// The stages of the default dataset's cycle: JSON text → tree alone.
#[divan::bench]
fn default_parse_only(bencher: Bencher) {
    let text = std::str::from_utf8(DEFAULT).expect("UTF-8");
    bencher.bench(|| {
        let bump = bumpalo::Bump::new();
        vision_index::testing::json::parse(black_box(text), &bump).is_ok()
    });
}

/// The stages of the default dataset's cycle: scoring a loaded dataset alone.
#[divan::bench]
fn default_score_only(bencher: Bencher) {
    let ds = load_dataset(DEFAULT).expect("valid").value;
    bencher.bench(|| score(&ds, &Scenario::default(), ScorePath::Plan));
}

/// The 10,000-indicator cycle's first stage: JSON text → tree alone.
#[divan::bench(sample_count = 30)]
fn indicators_10k_parse_only(bencher: Bencher) {
    let text = generated(10_000);
    bencher.bench(|| {
        let bump = bumpalo::Bump::new();
        vision_index::testing::json::parse(black_box(&text), &bump).is_ok()
    });
}
