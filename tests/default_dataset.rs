//! Golden test of the default dataset `www/data/setagaya.json`: its structure
//! follows the seed document (世田谷区「地域経済発展ビジョン 重点事業の取組内容・
//! 進捗状況」), its KPI figures are those printed there, and its illustrative
//! outcome indicators make the plan path hit the ward's milestones exactly
//! (100 → 130 in FY2027 → 135 in FY2031), while their illustrative FY2024
//! actuals tell a realistic story (see `the_fy2024_story`).

use vision_index::analysis::status::{status, Status};
use vision_index::{load_dataset, score, Dataset, ProjectTag, Scenario, ScorePath, Stage};

mod common;

const DATA: &[u8] = include_bytes!("../www/data/setagaya.json");

/// The four 基本の方針, as printed in the seed (policy 2 joined across its line break).
const POLICIES: [&str; 4] = [
    "区民生活を支える多様な地域産業の持続性の確保に向けた基盤強化を図る",
    "誰もが自己の個性及び能力を発揮することができる働きやすい環境を整備し、起業の促進及び多様な働き方の実現を図る",
    "地域及び社会の課題の解決に向けてソーシャルビジネスの推進を図る",
    "地域経済の持続可能性を考慮した事業活動及びエシカル消費の推進を図る",
];

/// The eleven 目指す姿 as listed near the top of the seed, with their policy.
const GOALS: [(&str, &str); 11] = [
    ("区内産業が活性化し、活力ある世田谷区", "P1"),
    ("多様な事業者が安心して継続的に事業を営み成長できる世田谷区", "P1"),
    ("区民生活を支える産業が引き継がれていく世田谷区", "P1"),
    ("意欲や思いのある人・事業者が積極的にチャレンジできる世田谷区", "P1"),
    ("ライフスタイル等に応じた多様な働き方が選択できる世田谷区", "P2"),
    ("心身ともに健康に働くことができる世田谷区", "P2"),
    ("アントレプレナーシップ(起業家精神)が発揮されやすい世田谷区", "P2"),
    ("地域及び社会課題解決への関心が高く参画しやすい世田谷区", "P3"),
    ("地域及び社会課題解決の取組みが積極的に展開される世田谷区", "P3"),
    ("地域経済の活性化や賑わいが生み出される世田谷区", "P4"),
    ("エシカルが身近に存在する世田谷区", "P4"),
];

/// The 19 key projects of 「各事業紹介」: id, name (without 【新規】/【内容変更】),
/// tags, and the target states listed in each project's section.
const PROJECTS: [(&str, &str, &[ProjectTag], &[u32]); 19] = [
    ("industry-hub", "新たな産業活性化拠点整備事業", &[ProjectTag::New], &[2, 3, 4, 5, 7, 8, 9, 11]),
    ("setagaya-pay", "せたがやPay事業", &[], &[1, 10]),
    ("setagaya-port", "産業創造プラットフォーム「SETAGAYA PORT」", &[], &[3, 4, 5, 7, 8, 9]),
    ("hands-on-support", "地域連携型ハンズオン支援", &[], &[1, 2, 4, 7]),
    ("relay-the-local", "事業承継プラットフォーム「relay the local 世田谷区」", &[ProjectTag::New], &[3]),
    ("area-renovation", "エリアリノベーション推進事業", &[ProjectTag::New], &[1, 2, 10]),
    ("sesese", "せせせプロジェクト（福祉産業の活性化支援事業）", &[], &[6, 8]),
    ("bizbuzz-mail", "メールマガジンによる産業情報の発信", &[ProjectTag::New], &[2]),
    ("agri-welfare", "農福連携の推進", &[], &[1, 6, 8]),
    ("social-business", "ソーシャルビジネス・コミュニティビジネス支援事業", &[ProjectTag::New], &[9]),
    ("sme-management-grant", "中小事業者経営支援補助（事業者区内定着支援等）", &[ProjectTag::Revised], &[2, 7]),
    ("shotengai-public-role", "商店街が担う公共的役割への支援", &[], &[1]),
    ("fureai-farm", "ふれあい農園事業", &[], &[1]),
    ("construction-industry", "建設業の活性化と地域貢献活動の後押し", &[], &[1]),
    ("startup-support", "特定創業支援事業", &[], &[4]),
    ("job-matching", "建設業人材確保・区内中小企業等人材マッチング及び定着促進事業マッチング事業", &[], &[2, 5]),
    ("sancha-oshigoto-cafe", "三茶おしごとカフェ", &[], &[2, 5, 6]),
    ("machinaka-tourism", "まちなか観光の推進", &[], &[10]),
    // The seed prints 「目指す姿 1.1」, a typo for 11.
    ("ethical-consumption", "持続可能な消費者行動の推進", &[ProjectTag::New], &[11]),
];

fn load() -> Dataset {
    match load_dataset(DATA) {
        Ok(l) => {
            let warnings: Vec<String> = l.warnings.iter().map(|w| format!("{w} [{}]", w.code())).collect();
            assert!(warnings.is_empty(), "warnings on the default dataset: {warnings:?}");
            l.value
        }
        Err(problems) => {
            let lines: Vec<String> = problems.iter().map(|p| format!("{p} [{}]", p.code())).collect();
            panic!("default dataset refused:\n{}", lines.join("\n"));
        }
    }
}

fn ja(t: &vision_index::Text) -> &str {
    t.ja().expect("Japanese text")
}

fn year_map(pairs: &[(i32, f64)]) -> vision_index::YearValues {
    pairs.iter().copied().collect()
}

#[test]
fn loads_without_errors_or_warnings() {
    let l = load_dataset(DATA).unwrap_or_else(|p| panic!("refused: {p:?}"));
    // Project 1 has no KPI by nature and says so (`no_kpi`): no warning at all.
    let codes: Vec<(&str, &str)> = l.warnings.iter().map(|w| (w.path.as_str(), w.code())).collect();
    assert_eq!(codes, vec![]);
    assert!(DATA.len() < 60 * 1024, "dataset is {} bytes", DATA.len());
    assert!(!DATA.starts_with(b"\xEF\xBB\xBF"), "no BOM");
}

#[test]
fn header_and_index() {
    let ds = load();
    assert_eq!(ds.format, "vision-index/1");
    assert_eq!(ja(&ds.title), "世田谷区地域経済発展ビジョン 重点事業の取組内容・進捗状況");
    assert!(ds.title.en().is_some_and(|s| !s.is_empty()));
    let src = ds.source.as_ref().expect("root source");
    assert!(ja(src).contains("地域経済発展ビジョン 重点事業の取組内容・進捗状況"));
    assert_eq!((ds.years.first, ds.years.last), (2023, 2031));

    let ix = &ds.index;
    assert_eq!(ja(&ix.name), "持続可能な地域経済の充実度");
    assert!(ix.name.en().is_some_and(|s| !s.is_empty()));
    assert_eq!(ix.unit.as_ref().map(ja), Some("ポイント"));
    assert_eq!(ix.base_year, 2023);
    assert_eq!(ix.base_value, 100.0);
    let ms: Vec<(i32, f64, &str)> =
        ix.milestones.iter().map(|m| (m.year, m.value, ja(m.label.as_ref().expect("label")))).collect();
    assert_eq!(ms, vec![(2027, 130.0, "中間目標値（令和9年度）"), (2031, 135.0, "最終目標値（令和13年度）")]);
    assert_eq!(ix.method.aggregate, vision_index::Aggregate::Arithmetic);
    assert_eq!(ix.method.via, vision_index::Via::Goal);
    assert_eq!(ix.method.cap, None);
    // The ward has not published its formula: the method is marked as assumed.
    assert!(ix.method.assumed);
}

/// The banner's notice says what is invented, in both languages.
#[test]
fn notice_says_what_is_invented() {
    let ds = load();
    let n = ds.notice.as_ref().expect("notice");
    let (ja, en) = (n.ja().expect("ja"), n.en().expect("en"));
    for w in [
        "中長期アウトカム指標",
        "架空",
        "現状値",
        "令和6年度実績",
        "目標値",
        "例示",
        "130",
        "135",
        "計算方法",
        "単純平均",
        "11の目指す姿",
        "重み",
        "算定式を公表していない",
        "仮定",
    ] {
        assert!(ja.contains(w), "notice (ja) lacks {w:?}: {ja}");
    }
    for w in [
        "outcome indicators are invented",
        "all their values",
        "FY2024 actual",
        "targets",
        "exactly 130 and 135",
        "equal weights",
        "arithmetic mean over the 11 target states",
        "assumed",
        "has not published its formula",
    ] {
        assert!(en.contains(w), "notice (en) lacks {w:?}: {en}");
    }
}

/// The facts about the Vision come from the ward's document, word for word in Japanese.
#[test]
fn about_gives_the_documents_facts() {
    let ds = load();
    let a = ds.about.as_ref().expect("about");
    let (ja, en) = (a.ja().expect("ja"), a.en().expect("en"));
    let facts = [
        "持続可能な経済循環で実現する世田谷のウェルビーイング",
        "世田谷区地域経済の持続可能な発展条例",
        "令和6年3月策定",
        "全70施策",
        "各事業紹介",
    ];
    for w in facts.iter().chain(&["令和6〜13年度", "19事業"]) {
        assert!(ja.contains(w), "about (ja) lacks {w:?}: {ja}");
    }
    for w in [
        "March 2024",
        "FY2024–FY2031",
        "Ordinance on the Sustainable Development of the Local Economy",
        "well-being",
        "sustainable economic cycle",
        "19 projects",
        "70 key projects",
    ] {
        assert!(en.contains(w), "about (en) lacks {w:?}: {en}");
    }
    // Each quoted fact is in the document; so is the period (2024年度(令和6年度)～2031年度(令和13年度)).
    if let Some(doc) = document() {
        for w in facts.iter().chain(&["2024年度(令和6年度)～2031年度(令和13年度)"]) {
            assert!(doc.contains(w), "not in the document: {w}");
        }
        assert_eq!(ds.projects.len(), 19);
        assert!(ds.source.as_ref().and_then(|s| s.ja()).is_some_and(|s| s.contains("同資料による")), "provenance");
    }
}

/// The ward's document with its line breaks removed, if it is there.
fn document() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_bcff7e956a59fca1.txt");
    let text = std::fs::read_to_string(&path).ok()?;
    Some(text.chars().filter(|&c| c != '\n' && c != '\r').collect())
}

#[test]
fn policies_and_goals_follow_the_seed() {
    let ds = load();
    assert_eq!(ds.policies.len(), 4);
    for (i, (p, want)) in ds.policies.iter().zip(POLICIES).enumerate() {
        assert_eq!(p.id, format!("P{}", i + 1));
        assert_eq!(ja(&p.name), want);
        assert!(p.name.en().is_some_and(|s| !s.is_empty()));
        assert_eq!(p.weight, 1.0);
    }
    assert_eq!(ds.goals.len(), 11);
    for (i, (g, (want, policy))) in ds.goals.iter().zip(GOALS).enumerate() {
        assert_eq!(g.id, format!("G{}", i + 1));
        assert_eq!(ja(&g.name), want);
        assert!(g.name.en().is_some_and(|s| !s.is_empty()));
        assert_eq!(g.policy, policy);
        assert_eq!(g.weight, 1.0);
    }
}

#[test]
fn outcome_indicators_are_illustrative_and_cover_every_goal() {
    let ds = load();
    for g in &ds.goals {
        let n = ds.indicators.iter().filter(|i| i.goal == g.id && i.stage == Stage::OutcomeLong).count();
        assert!((1..=3).contains(&n), "{} has {n} outcome_long indicators", g.id);
    }
    for i in ds.indicators.iter().filter(|i| i.stage == Stage::OutcomeLong) {
        // The dataset's notice says once what is invented; each indicator is marked.
        assert!(i.illustrative, "{} must be marked illustrative", i.id);
        assert!(i.id.starts_with(&format!("{}-", i.goal)), "{} under {}", i.id, i.goal);
        // One illustrative FY2024 (令和6年度) actual each, and nothing else.
        assert_eq!(i.values.years().collect::<Vec<_>>(), vec![2024], "{}: one FY2024 actual", i.id);
        assert_eq!(i.targets.years().collect::<Vec<_>>(), vec![2027, 2031], "{}", i.id);
        assert!(i.baseline > 0.0);
        assert_eq!(i.weight, 1.0);
    }
}

#[test]
fn plan_path_hits_the_milestones_exactly() {
    let ds = load();
    let r = score(&ds, &Scenario::default(), ScorePath::Plan);
    assert_eq!(r.years, (2023..=2031).collect::<Vec<_>>());
    let at = |y: i32| r.index[(y - 2023) as usize].expect("index defined");
    assert_eq!(at(2023), 100.0);
    assert!((at(2027) - 130.0).abs() < 1e-9, "FY2027 plan index {}", at(2027));
    assert!((at(2031) - 135.0).abs() < 1e-9, "FY2031 plan index {}", at(2031));
    // The years between rise monotonically; held flat after FY2031 is moot (last year).
    for y in 2024..=2031 {
        assert!(at(y) > at(y - 1), "plan index not rising in {y}: {} → {}", at(y - 1), at(y));
    }
    assert_eq!(r.milestones.len(), 2);
    for m in &r.milestones {
        assert!(m.met, "milestone {} not met: {:?}", m.year, m.value);
        assert!(m.gap.expect("gap").abs() < 1e-9, "milestone {} gap {:?}", m.year, m.gap);
    }
    // Realistic spread: not every target state lands on the index value.
    let g2027: Vec<f64> = r.goals.iter().map(|g| g.values[4].expect("goal score")).collect();
    assert!(g2027.iter().any(|&v| v > 130.0) && g2027.iter().any(|&v| v < 130.0), "{g2027:?}");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn projects_follow_the_seed() {
    let ds = load();
    assert_eq!(ds.projects.len(), 19);
    for (n, (p, (id, name, tags, goals))) in ds.projects.iter().zip(PROJECTS).enumerate() {
        let no = n as u32 + 1;
        assert_eq!(p.id, id);
        assert_eq!(p.no, Some(no), "{id}");
        assert_eq!(ja(&p.name), name, "{id}");
        assert!(p.name.en().is_some_and(|s| !s.is_empty()), "{id}");
        assert_eq!(p.tags, tags, "{id}");
        let want: Vec<String> = goals.iter().map(|g| format!("G{g}")).collect();
        assert_eq!(p.goals, want, "{id}");
        assert!(p.summary.as_ref().is_some_and(|s| s.ja().is_some() && s.en().is_some()), "{id}");
    }
    // Project 1 is due to open in April 2025: no KPI by nature, marked so and said so.
    let p1 = &ds.projects[0];
    assert!(p1.kpis.is_empty() && p1.no_kpi, "project 1: no_kpi");
    assert!(p1.summary.as_ref().and_then(|s| s.ja()).is_some_and(|s| s.contains("KPIはない")));
    assert!(p1
        .summary
        .as_ref()
        .and_then(|s| s.en())
        .is_some_and(|s| s.contains("no KPI") && s.contains("due to open")));
    assert!(ds.projects[1..].iter().all(|p| !p.no_kpi && !p.kpis.is_empty()), "only project 1 has no KPI");
}

/// (project id, KPI name, FY2024 actual, FY2024 target) as printed in the seed.
const KPI_FIGURES: [(&str, &str, Option<f64>, Option<f64>); 15] = [
    ("setagaya-pay", "アプリの継続利用率", Some(76.0), None),
    ("setagaya-port", "新規会員登録者数(累計)", Some(6400.0), Some(5100.0)),
    ("relay-the-local", "掲載件数", Some(1.0), Some(5.0)),
    ("area-renovation", "リノベーションスクール・勉強会等の開催", Some(2.0), Some(3.0)),
    ("sesese", "イベント回数", Some(3.0), Some(5.0)),
    ("bizbuzz-mail", "配信数", Some(35.0), Some(50.0)),
    // 「メールマガジン登録者数 3,779件（令和6年12月現在）」
    ("bizbuzz-mail", "メールマガジン登録者数", Some(3779.0), None),
    ("agri-welfare", "農福連携事業を通じた区内就職者数", Some(10.0), None),
    ("social-business", "補助交付件数", Some(3.0), Some(5.0)),
    ("fureai-farm", "開園園数", Some(58.0), Some(58.0)),
    ("construction-industry", "補助件数", Some(57.0), Some(57.0)),
    ("job-matching", "マッチングイベント開催回数", Some(45.0), Some(45.0)),
    ("sancha-oshigoto-cafe", "セミナー開催数", Some(180.0), Some(180.0)),
    ("machinaka-tourism", "協会の活動回数", Some(13.0), Some(13.0)),
    ("machinaka-tourism", "増加した会員数", Some(3.0), Some(3.0)),
];

/// KPIs whose figures the document shows in a chart only (not transcribed).
const KPIS_WITHOUT_FIGURES: [(&str, &str); 11] = [
    ("hands-on-support", "受講生又は交流会参加数"),
    ("hands-on-support", "売上が好転した事業者数"),
    ("sme-management-grant", "交付件数（区内定着）"),
    ("sme-management-grant", "交付件数（IT活用）"),
    ("sme-management-grant", "交付件数（生産性向上）"),
    ("shotengai-public-role", "AED設置台数"),
    ("shotengai-public-role", "防犯カメラ設置台数"),
    ("shotengai-public-role", "スタンドパイプ設置台数"),
    ("startup-support", "創業相談等の実施回数"),
    ("ethical-consumption", "講座実施回数"),
    ("ethical-consumption", "チラシ配布数"),
];

fn kpi<'a>(ds: &'a Dataset, project: &str, name: &str) -> &'a vision_index::Kpi {
    let p = ds.projects.iter().find(|p| p.id == project).unwrap_or_else(|| panic!("no project {project}"));
    p.kpis.iter().find(|k| ja(&k.name) == name).unwrap_or_else(|| panic!("{project}: no KPI {name}"))
}

#[test]
fn kpi_figures_are_those_printed() {
    let ds = load();
    for (project, name, value, target) in KPI_FIGURES {
        let k = kpi(&ds, project, name);
        let v: Vec<(i32, f64)> = value.map(|v| vec![(2024, v)]).unwrap_or_default();
        let t: Vec<(i32, f64)> = target.map(|t| vec![(2024, t)]).unwrap_or_default();
        assert_eq!(k.values, year_map(&v), "{project} {name} values");
        assert_eq!(k.targets, year_map(&t), "{project} {name} targets");
        assert_eq!(k.direction, vision_index::Direction::Up, "{project} {name}");
        assert!(k.unit.is_some(), "{project} {name} unit");
        assert!(!k.chart_only, "{project} {name}: its figures are transcribed");
    }
    for (project, name) in KPIS_WITHOUT_FIGURES {
        let k = kpi(&ds, project, name);
        assert!(k.values.is_empty() && k.targets.is_empty(), "{project} {name}: no figure transcribed");
        assert!(k.chart_only, "{project} {name}: marked as shown in a chart only");
        assert!(k.unit.is_some(), "{project} {name} unit");
    }
    // Every KPI is one of the above: nothing invented.
    let total: usize = ds.projects.iter().map(|p| p.kpis.len()).sum();
    assert_eq!(total, KPI_FIGURES.len() + KPIS_WITHOUT_FIGURES.len());
    // Estimates are marked as printed.
    for (project, name) in [
        ("relay-the-local", "掲載件数"),
        ("construction-industry", "補助件数"),
        ("job-matching", "マッチングイベント開催回数"),
        ("sancha-oshigoto-cafe", "セミナー開催数"),
    ] {
        let note = kpi(&ds, project, name).note.as_ref().map(ja).unwrap_or("");
        assert!(note.contains("見込み"), "{project} {name}: note {note:?}");
    }
}

#[test]
fn names_appear_verbatim_in_the_seed() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_bcff7e956a59fca1.txt");
    let Ok(seed) = std::fs::read_to_string(&path) else {
        println!("note: seed {} not found; skipping the verbatim check", path.display());
        return;
    };
    // Policy 2 is split across a line break in the seed.
    let flat: String = seed.chars().filter(|&c| c != '\n' && c != '\r').collect();
    let ds = load();
    for p in &ds.policies {
        assert!(flat.contains(ja(&p.name)), "policy {} not in the seed: {}", p.id, ja(&p.name));
    }
    for g in &ds.goals {
        assert!(flat.contains(ja(&g.name)), "goal {} not in the seed: {}", g.id, ja(&g.name));
    }
    for p in &ds.projects {
        assert!(flat.contains(ja(&p.name)), "project {} not in the seed: {}", p.id, ja(&p.name));
    }
    for p in &ds.projects {
        for k in &p.kpis {
            // KPI names are chart labels, often wrapped across lines; project 12 prints
            // 「①AED、②防犯カメラ、③スタンドパイプの設置台数」 once for the three devices.
            let name = ja(&k.name);
            let n = name.strip_suffix("設置台数").unwrap_or(name);
            assert!(flat.contains(n), "KPI {name} of {} not in the seed", p.id);
        }
    }
}

/// The year of the illustrative actuals.
const NOW: i32 = 2024;

/// The FY2024 story: the index on the actual path 104–106, the trend short of 130
/// in FY2027, and by the status rule of SPEC §8.1 for the FY2027 milestone exactly
/// three target states lagging and exactly one ahead.
///
/// "Lagging": status `acceleration_needed`, `limited` or `deterioration`.
/// "Ahead": `achieved`, or `on_track` with the observed score above the goal's
/// own plan path in the observed year by more than one point.
#[test]
fn the_fy2024_story() {
    let ds = load();
    let sc = Scenario::default();
    let at = |r: &vision_index::ScoreResult, y: i32| r.index[(y - r.years[0]) as usize];
    let actual = score(&ds, &sc, ScorePath::Actual);
    let now = at(&actual, NOW).expect("index on actual in FY2024");
    assert!((104.0..=106.0).contains(&now), "FY2024 actual index {now}");
    assert_eq!(at(&actual, 2025), None, "no actual after FY2024");
    let trend = score(&ds, &sc, ScorePath::Trend);
    let t27 = at(&trend, 2027).expect("trend FY2027");
    assert!(t27 < 130.0 && t27 > now, "FY2027 trend index {t27}");
    assert!(actual.warnings.is_empty() && trend.warnings.is_empty());

    let plan = score(&ds, &sc, ScorePath::Plan);
    let rep = status(&ds, &sc);
    let m = rep.milestones.iter().find(|m| m.year == 2027).expect("FY2027 milestone");
    assert_eq!(m.index.status, Status::AccelerationNeeded, "index {:?}", m.index);
    let mut lagging = Vec::new();
    let mut ahead = Vec::new();
    for (g, plan_g) in ds.goals.iter().zip(&plan.goals) {
        let st = m.goals.get(&g.id).expect("goal status");
        assert_eq!(st.observed_year, Some(NOW), "{}", g.id);
        let observed = st.observed.expect("observed");
        let on_plan = plan_g.values[(NOW - plan.years[0]) as usize].expect("plan score");
        match st.status {
            Status::AccelerationNeeded | Status::Limited | Status::Deterioration => {
                lagging.push((g.id.as_str(), st.status))
            }
            Status::Achieved => ahead.push(g.id.as_str()),
            Status::OnTrack if observed > on_plan + 1.0 => ahead.push(g.id.as_str()),
            Status::OnTrack => {}
            other => panic!("{}: {other:?}", g.id),
        }
    }
    assert_eq!(
        lagging,
        vec![("G2", Status::Deterioration), ("G3", Status::Limited), ("G6", Status::AccelerationNeeded)],
        "lagging target states"
    );
    assert_eq!(ahead, vec!["G1"], "target states ahead");
}

/// Nothing a user sees calls the ward's document a "seed"; the English says what the
/// Japanese says (開設予定: due to open; 顔の見える事業承継: both sides known by name).
#[test]
fn english_is_checked() {
    let v: serde_json::Value = serde_json::from_slice(DATA).expect("JSON");
    let mut texts = Vec::new();
    fn walk<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match v {
            serde_json::Value::String(s) => out.push(s),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(m) => m.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(&v, &mut texts);
    for t in &texts {
        assert!(!t.to_lowercase().contains("seed"), "\"seed\" in {t}");
        assert!(!t.contains("opens "), "開設予定 is \"due to open\": {t}");
    }
    let ds = load();
    let relay = ds.projects.iter().find(|p| p.id == "relay-the-local").expect("project 5");
    let en = relay.summary.as_ref().and_then(|s| s.en()).expect("en");
    assert!(en.contains("under their own names") && en.contains("know each other by name"), "{en}");
    assert!(!en.contains("face-to-face"), "{en}");
}

/// `vision-index check` on the default dataset prints no warning.
#[test]
fn check_prints_no_warning() {
    let out = common::run(&["check", common::DEFAULT]);
    assert_eq!(common::code(&out), 0);
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!all.to_lowercase().contains("warning"), "{all}");
    assert!(all.starts_with("OK: "), "{all}");
}
