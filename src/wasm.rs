//! The WebAssembly boundary: one opaque, stateful handle over [`Engine`].
//!
//! The dataset crosses once (as JSON text) and its row ids once (`layout`);
//! edits are small calls; after each, only the rows of numbers that changed
//! cross back (`update`, see `model::rows`), left in the handle's buffer and
//! read by JavaScript as a view of the module's memory; the small rest of a
//! result (method, milestones, warnings) crosses as JSON only when it may have
//! changed (`meta`). The whole SPEC §5 result is still available as JSON text
//! decoded by the browser's `JSON.parse` (`result`: measured faster than
//! serde-wasm-bindgen, which is not used; see the README) in the modules built
//! with the cargo feature `json-result` (the analysis module and the benchmarks;
//! the page does not use it, and the first load is 1.4 kB gzip smaller without it). Every method has the same three steps: decode the
//! arguments, call the engine, encode the result. A refused input throws a JS
//! `Error` whose `message` is the first problem's line and whose `problems`
//! property lists every problem (`{severity, path, code, message: {ja, en}}`).
#![deny(clippy::unwrap_used)]

#[cfg(feature = "analysis")]
use crate::analysis;
#[cfg(feature = "analysis")]
use crate::analysis::uncertainty::Options;
use crate::engine::Engine;
use crate::inspect;
use crate::messages::{Msg, RefKind};
use crate::model::rows::{self, Layout};
use crate::model::{Aggregate, Level, Method, MilestoneResult, ScorePath, ScoreResult, Via};
use crate::problem::Problem;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Installs the panic hook (a panic prints its message to the console; the
/// page then re-instantiates the module) in the analysis module and the test
/// build. The page's scoring module goes without it: 0.9 kB gzip of the first
/// load; a panic there still traps (`RuntimeError`), and the page recovers the same way.
#[cfg(any(feature = "analysis", feature = "test-hooks"))]
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn encode<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(v).map_err(|e| JsValue::from(JsError::new(&e.to_string())))?;
    js_sys::JSON::parse(&text)
}

/// Engine problems → one JS `Error` (message: the first problem) with `.problems`.
fn into_error(problems: &[Problem]) -> JsValue {
    let first = problems.first().map(|p| p.line()).unwrap_or_else(|| "refused".to_string());
    let err = js_sys::Error::new(&first);
    if let Ok(list) = encode(problems) {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("problems"), &list);
    }
    err.into()
}

fn one(p: Problem) -> JsValue {
    into_error(&[p])
}

fn bad_arg(path: &str, found: &str, allowed: &'static [&'static str]) -> JsValue {
    one(Problem::error(path, Msg::BadEnum { found: found.to_string(), allowed }))
}

#[cfg(feature = "analysis")]
/// A usage error (the command line's exit 2): one problem with the message in both languages.
fn usage(msg: String) -> JsValue {
    one(Problem::error("options", Msg::Usage { what: msg }))
}

fn parse_path(path: &str) -> Result<ScorePath, JsValue> {
    ScorePath::parse(path).ok_or_else(|| bad_arg("path", path, ScorePath::NAMES))
}

/// What a result has besides its rows: small, sent with every update.
#[derive(Serialize)]
struct Meta<'a> {
    path: ScorePath,
    method: &'a Method,
    milestones: &'a [MilestoneResult],
    warnings: &'a [Problem],
}

impl<'a> Meta<'a> {
    fn of(r: &'a ScoreResult) -> Meta<'a> {
        Meta { path: r.path, method: &r.method, milestones: &r.milestones, warnings: &r.warnings }
    }
}

/// The kind of a document by its `format`, read as the engine reads it (a
/// repeated key counts by its first entry): `"dataset"`, `"scenario"`, or
/// `undefined` (not JSON, not an object, another format).
#[wasm_bindgen(js_name = detectFormat)]
pub fn detect_format(text: &str) -> Option<String> {
    inspect::detect_format(text.as_bytes()).map(|k| k.name().to_string())
}

/// The engine handle held by the page.
#[wasm_bindgen]
pub struct VisionEngine {
    inner: Engine,
    warnings: Vec<Problem>,
    /// Reused for every [`VisionEngine::update`] (copied out to a new `Float64Array`).
    buf: Vec<f64>,
    /// The dataset's text as given, into which `importCsv` splices a sheet's indicators.
    #[cfg(feature = "analysis")]
    text: String,
}

#[wasm_bindgen]
impl VisionEngine {
    /// Reads and checks a dataset (JSON text). Throws with every problem if refused.
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<VisionEngine, JsValue> {
        let (inner, warnings) = Engine::load_text(json).map_err(|p| into_error(&p))?;
        Ok(VisionEngine {
            inner,
            warnings,
            buf: Vec::new(),
            #[cfg(feature = "analysis")]
            text: json.to_string(),
        })
    }

    /// Warnings of the last dataset or scenario accepted.
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        encode(&self.warnings)
    }

    /// Replaces the dataset; on refusal throws and keeps the old one.
    /// Returns the warnings.
    #[wasm_bindgen(js_name = replaceDataset)]
    pub fn replace_dataset(&mut self, json: &str) -> Result<JsValue, JsValue> {
        self.warnings = self.inner.replace_dataset_text(json).map_err(|p| into_error(&p))?;
        #[cfg(feature = "analysis")]
        json.clone_into(&mut self.text);
        encode(&self.warnings)
    }

    /// Replaces the scenario (JSON text); on refusal throws and keeps the old one.
    #[wasm_bindgen(js_name = applyScenario)]
    pub fn apply_scenario(&mut self, json: &str) -> Result<JsValue, JsValue> {
        self.warnings = self.inner.apply_scenario(json.as_bytes()).map_err(|p| into_error(&p))?;
        encode(&self.warnings)
    }

    /// The dataset as a plain object (SPEC §2 shape, defaults filled in).
    pub fn dataset(&self) -> Result<JsValue, JsValue> {
        encode(self.inner.dataset())
    }

    #[cfg(feature = "json-result")]
    /// The current scenario as a plain object (SPEC §4).
    pub fn scenario(&self) -> Result<JsValue, JsValue> {
        encode(self.inner.scenario())
    }

    /// The current scenario as JSON text, for saving and sharing.
    #[wasm_bindgen(js_name = scenarioJson)]
    pub fn scenario_json(&self) -> String {
        self.inner.scenario().to_json()
    }

    /// An edit's outcome: `undefined`, or its warnings (a non-empty array);
    /// or it throws. Nothing is encoded for the usual edit without warnings.
    fn edited(&self, r: Result<(), Problem>) -> Result<JsValue, JsValue> {
        r.map_err(one)?;
        match self.inner.warnings() {
            [] => Ok(JsValue::UNDEFINED),
            w => encode(w),
        }
    }

    /// Sets a what-if target; `undefined`/`null` removes it. Returns the
    /// edit's warnings (e.g. a target in the base year changes no score).
    #[wasm_bindgen(js_name = setTarget)]
    pub fn set_target(&mut self, indicator: &str, year: i32, value: Option<f64>) -> Result<JsValue, JsValue> {
        let r = self.inner.set_target(indicator, year, value);
        self.edited(r)
    }

    /// Sets an assumed value; `undefined`/`null` removes it. Returns the warnings.
    #[wasm_bindgen(js_name = setValue)]
    pub fn set_value(&mut self, indicator: &str, year: i32, value: Option<f64>) -> Result<JsValue, JsValue> {
        let r = self.inner.set_value(indicator, year, value);
        self.edited(r)
    }

    /// Sets a weight (`level`: `policy`, `goal` or `indicator`); `undefined`
    /// restores the dataset's. Returns the warnings.
    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(&mut self, level: &str, id: &str, weight: Option<f64>) -> Result<JsValue, JsValue> {
        let lv = Level::parse(level).ok_or_else(|| bad_arg("level", level, Level::NAMES))?;
        let r = self.inner.set_weight(lv, id, weight);
        self.edited(r)
    }

    /// Sets the aggregation (`arithmetic` | `geometric`); `undefined` restores the dataset's.
    #[wasm_bindgen(js_name = setAggregate)]
    pub fn set_aggregate(&mut self, aggregate: Option<String>) -> Result<(), JsValue> {
        let a = match aggregate.as_deref() {
            None => None,
            Some(s) => Some(Aggregate::parse(s).ok_or_else(|| bad_arg("method.aggregate", s, Aggregate::NAMES))?),
        };
        self.inner.set_aggregate(a);
        Ok(())
    }

    /// Sets the route as the format writes it, a list of level names:
    /// `["goal"]` or `["goal", "policy"]`; `undefined` restores the dataset's.
    #[wasm_bindgen(js_name = setVia)]
    pub fn set_via(&mut self, via: Option<Vec<String>>) -> Result<(), JsValue> {
        let v = match via {
            None => None,
            Some(names) => Some(Via::parse(&names).ok_or_else(|| {
                let found = format!("{names:?}");
                bad_arg("method.via", &found, Via::ALLOWED)
            })?),
        };
        self.inner.set_via(v);
        Ok(())
    }

    /// Sets the cap: a number > 0, or `null`/`undefined` for no cap. Returns
    /// the warnings (a cap below 100).
    #[wasm_bindgen(js_name = setCap)]
    pub fn set_cap(&mut self, cap: Option<f64>) -> Result<JsValue, JsValue> {
        let r = self.inner.set_cap(Some(cap));
        self.edited(r)
    }

    /// Restores the dataset's cap.
    #[wasm_bindgen(js_name = resetCap)]
    pub fn reset_cap(&mut self) -> Result<JsValue, JsValue> {
        let r = self.inner.set_cap(None);
        self.edited(r)
    }

    /// Removes every override of one indicator.
    #[wasm_bindgen(js_name = resetIndicator)]
    pub fn reset_indicator(&mut self, indicator: &str) -> Result<(), JsValue> {
        if !self.inner.dataset().indicators.iter().any(|i| i.id == indicator) {
            return Err(one(Problem::error(
                "indicator",
                Msg::UnknownRef { kind: RefKind::Indicator, id: indicator.to_string() },
            )));
        }
        self.inner.reset_indicator(indicator);
        Ok(())
    }

    /// Clears the scenario.
    #[wasm_bindgen(js_name = resetAll)]
    pub fn reset_all(&mut self) {
        self.inner.reset_all();
    }

    #[cfg(feature = "json-result")]
    /// The result (SPEC §5) on `path` with the scenario (re-scored incrementally).
    pub fn result(&mut self, path: &str) -> Result<JsValue, JsValue> {
        let path = parse_path(path)?;
        encode(self.inner.rescore(path))
    }

    /// The ids behind the rows of [`VisionEngine::update`], once per dataset:
    /// `{ years, policies, goals, indicators }` (see `model::rows`).
    pub fn layout(&self) -> Result<JsValue, JsValue> {
        encode(&Layout::of(self.inner.dataset()))
    }

    /// The rows of the result on `path` that changed since the last call for
    /// that path, with its milestones: `[k, meta, m, (value, gap, met) × m,
    /// row₁ … row_k, values of row₁ … values of row_k]`, NaN for no score
    /// (see [`Engine::delta`]: every row after a new dataset, scenario, weight
    /// or method; after target or value edits the index and the edited
    /// outcome_long indicators with their goals and those goals' policies);
    /// `meta` = 1 when [`VisionEngine::meta`] may have changed. Re-scores
    /// incrementally. The numbers are left in the handle's buffer
    /// ([`VisionEngine::buf_ptr`]); returns how many.
    pub fn update(&mut self, path: &str) -> Result<u32, JsValue> {
        let path = parse_path(path)?;
        self.inner.delta(path, &mut self.buf);
        Ok(self.buf_len())
    }

    /// Where the numbers of the last [`VisionEngine::update`],
    /// [`VisionEngine::index`] or [`VisionEngine::base_rows`] are in the
    /// module's memory: JavaScript reads them as `new Float64Array(memory.buffer,
    /// bufPtr(), n)` and copies what it keeps before its next call (a call may
    /// grow the memory, which detaches the view). One number crosses instead of
    /// a new typed array per call (the Rust-WASM book's `Universe::cells`).
    #[wasm_bindgen(js_name = bufPtr)]
    pub fn buf_ptr(&self) -> *const f64 {
        self.buf.as_ptr()
    }

    fn buf_len(&self) -> u32 {
        u32::try_from(self.buf.len()).unwrap_or(u32::MAX)
    }

    /// The result on `path` besides its rows: `{ path, method, milestones, warnings }`.
    pub fn meta(&mut self, path: &str) -> Result<JsValue, JsValue> {
        let path = parse_path(path)?;
        encode(&Meta::of(self.inner.rescore(path)))
    }

    /// Only the index series on `path` with the scenario (NaN for no score):
    /// what the chart needs for the paths not on show. Left in the buffer
    /// ([`VisionEngine::buf_ptr`]); returns how many numbers (one per year).
    pub fn index(&mut self, path: &str) -> Result<u32, JsValue> {
        let path = parse_path(path)?;
        let idx = &self.inner.rescore(path).index;
        self.buf.clear();
        self.buf.extend(idx.iter().map(|x| x.unwrap_or(f64::NAN)));
        Ok(self.buf_len())
    }

    /// Every row of the untouched dataset's result on `path` (no scenario), in
    /// the format of [`VisionEngine::update`], left in the buffer likewise.
    #[wasm_bindgen(js_name = baseRows)]
    pub fn base_rows(&mut self, path: &str) -> Result<u32, JsValue> {
        let path = parse_path(path)?;
        let r = self.inner.score_base(path);
        let ds = self.inner.dataset();
        let all: Vec<usize> = (0..1 + ds.policies.len() + ds.goals.len() + r.indicators.len()).collect();
        rows::write(&r, ds.policies.len(), &all, true, &mut self.buf);
        Ok(self.buf_len())
    }

    /// The untouched dataset's result on `path` besides its rows.
    #[wasm_bindgen(js_name = baseMeta)]
    pub fn base_meta(&self, path: &str) -> Result<JsValue, JsValue> {
        let r = self.inner.score_base(parse_path(path)?);
        encode(&Meta::of(&r))
    }

    #[cfg(feature = "json-result")]
    /// The result on `path` of the untouched dataset (no scenario).
    #[wasm_bindgen(js_name = baseResult)]
    pub fn base_result(&self, path: &str) -> Result<JsValue, JsValue> {
        encode(&self.inner.score_base(parse_path(path)?))
    }

    /// Whether the current scenario changes nothing.
    #[wasm_bindgen(js_name = scenarioIsEmpty)]
    pub fn scenario_is_empty(&self) -> bool {
        self.inner.scenario().is_empty()
    }

    /// The path to show first (`outlook` once there are actuals after the base year, else `plan`).
    #[wasm_bindgen(js_name = defaultPath)]
    pub fn default_path(&self) -> String {
        inspect::default_path(self.inner.dataset()).name().to_string()
    }

    /// The latest year with a reported value (the base year when none is later).
    #[wasm_bindgen(js_name = latestActualYear)]
    pub fn latest_actual_year(&self) -> i32 {
        inspect::latest_actual_year(self.inner.dataset())
    }

    /// Per project and KPI: `{year, actual, target, ratio, met}` (`null` where it cannot be told).
    #[wasm_bindgen(js_name = kpiStatus)]
    pub fn kpi_status(&self) -> Result<JsValue, JsValue> {
        encode(&inspect::kpi_statuses(self.inner.dataset()))
    }

    #[cfg(feature = "analysis")]
    /// Progress status (SPEC §8.1) of the dataset with the scenario, as the
    /// command line's `status` prints it (JSON text, without the newline).
    pub fn status(&self) -> String {
        analysis::status::status(self.inner.dataset(), self.inner.scenario()).to_json()
    }

    #[cfg(feature = "analysis")]
    /// Goal seek (SPEC §8.2): what the node of `level` with `id` must be for the
    /// index to equal the milestone of `year` on `path`. JSON text as `seek` prints it;
    /// throws on an unknown id, year or path (the command line's usage errors).
    pub fn seek(&self, year: i32, level: &str, id: &str, path: &str) -> Result<String, JsValue> {
        let lv = Level::parse(level).ok_or_else(|| bad_arg("level", level, Level::NAMES))?;
        let path = parse_path(path)?;
        analysis::seek::seek(self.inner.dataset(), self.inner.scenario(), path, year, lv, id)
            .map(|r| r.to_json())
            .map_err(|e| usage(e.to_string()))
    }

    #[cfg(feature = "analysis")]
    /// Contributions (SPEC §8.3) in `year` on `path`, JSON text as `contrib` prints it.
    pub fn contrib(&self, year: i32, path: &str) -> Result<String, JsValue> {
        let path = parse_path(path)?;
        analysis::contrib::contrib(self.inner.dataset(), self.inner.scenario(), year, path)
            .map(|c| c.to_json())
            .ok_or_else(|| usage(format!("--year {year}: not a year of the dataset")))
    }

    #[cfg(feature = "analysis")]
    /// The Monte Carlo of SPEC §8.4, JSON text as `uncertainty` prints it (the
    /// same bytes for the same seed). `seed` is a BigInt (any u64, as on the
    /// command line); throws when an option is out of range.
    pub fn uncertainty(&self, draws: u32, seed: u64, path: &str, weights: f64, spread: f64) -> Result<String, JsValue> {
        let opts = Options { path: parse_path(path)?, draws: u64::from(draws), seed, weights, spread };
        analysis::uncertainty::uncertainty(self.inner.dataset(), self.inner.scenario(), &opts)
            .map(|r| r.to_json())
            .map_err(|e| usage(e.to_string()))
    }

    // ---- sheet: the indicator sheet (SPEC §9) and the result table as CSV (analysis module only)

    #[cfg(feature = "analysis")]
    /// The indicator sheet of the dataset (SPEC §9): starts with U+FEFF, CRLF;
    /// as UTF-8 byte for byte what `vision-index export-csv DATASET` writes.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> String {
        crate::sheet::export_csv(self.inner.dataset())
    }

    #[cfg(feature = "analysis")]
    /// The dataset's JSON text with its indicators replaced by the rows of the
    /// sheet `bytes` (UTF-8 or Shift_JIS, comma or TAB), as `vision-index
    /// import-csv DATASET SHEET` prints it (without the newline). Throws with
    /// every problem, each cell named by its Excel row and column (path `D3`).
    /// The engine is not changed: the page loads the text as a dataset.
    #[wasm_bindgen(js_name = importCsv)]
    pub fn import_csv(&self, bytes: &[u8]) -> Result<String, JsValue> {
        crate::sheet::import_csv_text_with(&self.text, bytes, &text_decoder).map(|i| i.text).map_err(|p| into_error(&p))
    }

    #[cfg(feature = "analysis")]
    /// The result table of `path` under the current scenario, as `vision-index
    /// score --format csv --path P [--lang L]` writes it (BOM, CRLF); `lang`:
    /// `ja` (the default) or `en`, the language of the names.
    #[wasm_bindgen(js_name = resultCsv)]
    pub fn result_csv(&self, path: &str, lang: Option<String>) -> Result<String, JsValue> {
        let path = parse_path(path)?;
        let lang = lang.as_deref().map_or(crate::model::Lang::Ja, crate::model::Lang::parse);
        Ok(self.inner.score(path).to_csv(self.inner.dataset(), lang))
    }

    // ---- sheet: end

    /// Panics on purpose: lets the browser tests check that the page
    /// re-instantiates the module after a panic. Only in a module built with
    /// the `test-hooks` feature (`make test-e2e`), never in `make wasm`.
    #[cfg(feature = "test-hooks")]
    #[wasm_bindgen(js_name = debugPanic)]
    pub fn debug_panic(&self) {
        panic!("debugPanic called");
    }
}

// ---- sheet: the browser's TextDecoder for sheets saved as Shift_JIS or UTF-16

#[cfg(feature = "analysis")]
#[wasm_bindgen]
extern "C" {
    /// The Encoding Standard's decoder (WHATWG), built into every browser and Node.
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> Result<String, JsValue>;
}

#[cfg(feature = "analysis")]
/// A strict (`fatal`) `TextDecoder`: the same tables as the command line's
/// encoding_rs (WHATWG's; `shift_jis` is windows-31j), without shipping them.
fn text_decoder(enc: crate::sheet::decode::Legacy, bytes: &[u8]) -> Option<String> {
    use crate::sheet::decode::Legacy;
    let label = match enc {
        Legacy::ShiftJis => "shift_jis",
        Legacy::Utf16Le => "utf-16le",
        Legacy::Utf16Be => "utf-16be",
    };
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &JsValue::from_str("fatal"), &JsValue::TRUE).ok()?;
    // `ignoreBOM`: the BOM was taken off already; a second one is text.
    js_sys::Reflect::set(&options, &JsValue::from_str("ignoreBOM"), &JsValue::TRUE).ok()?;
    TextDecoder::new(label, &options).ok()?.decode(bytes).ok()
}
