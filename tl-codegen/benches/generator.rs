//! Generator speed: tl-codegen against grammers-tl-gen 0.11 on the same schema files, in the
//! same process, one after the other.
//!
//! ```text
//! cargo bench -p tl-codegen --bench generator                 # release (bench profile)
//! cargo bench -p tl-codegen --bench generator --profile dev   # as a debug build script runs
//! ```
//!
//! Each generator runs `TL_BENCH_RUNS` times (default 5), the two interleaved; the median and
//! min-max are printed, with our time split into stages so the slow one is visible, and ours
//! again with both MadelineProto docs corpora (when `../shared` has them). Besides wall-clock
//! time, the CPU time of the process is shown (Linux, 10 ms resolution): on a machine shared
//! with other work it moves much less than the wall clock.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tl_codegen::options::Options;
use tl_codegen::plan::{ErrorFacts, Plan};
use tl_codegen::print::{self, DocProvider, SchemaDocs};
use tl_codegen::Config;

/// CPU time used by this process so far (all threads: the layout runs on several), where
/// Linux tells it (`utime` + `stime` in /proc/self/stat, in 1/100 s).
fn cpu_now() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Wall-clock and CPU time since it was started.
#[derive(Clone, Copy)]
struct Clock {
    wall: Instant,
    cpu: Option<Duration>,
}

#[derive(Default, Clone, Copy)]
struct Span {
    wall: Duration,
    cpu: Option<Duration>,
}

impl std::ops::Sub for Span {
    type Output = Span;
    fn sub(self, rhs: Span) -> Span {
        Span {
            wall: self.wall - rhs.wall,
            cpu: self.cpu.zip(rhs.cpu).map(|(a, b)| a - b),
        }
    }
}

impl Clock {
    fn start() -> Self {
        Self {
            wall: Instant::now(),
            cpu: cpu_now(),
        }
    }

    fn elapsed(&self) -> Span {
        Span {
            wall: self.wall.elapsed(),
            cpu: cpu_now().zip(self.cpu).map(|(now, then)| now - then),
        }
    }
}

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema")
}

/// One full run of ours, split into stages.
#[derive(Default, Clone, Copy)]
struct Stages {
    load: Span,
    plan: Span,
    print: Span,
    total: Span,
    bytes: usize,
}

fn ours() -> Stages {
    let dir = schema_dir();
    let start = Clock::start();
    let config = Config::new()
        .cargo_output(false)
        .schema(dir.join("api.tl"))
        .schema(dir.join("mtproto.tl"));
    let (model, _) = config.load().expect("the bundled schema loads");
    let load = start.elapsed();
    let plan = Plan::new(&model, &Options::default(), &ErrorFacts::NONE).expect("plans");
    let planned = start.elapsed();
    let docs: &dyn DocProvider = &SchemaDocs;
    let mut code = print::generate(&model, &plan, docs);
    tl_codegen::extension::append(
        &mut code,
        &model,
        &plan,
        &[&tl_codegen::extension::VoiceCalls],
    );
    let total = start.elapsed();
    Stages {
        load,
        plan: planned - load,
        print: total - planned,
        total,
        bytes: code.len(),
    }
}

/// The docs pages the "plus docs" run reads: both shared MadelineProto corpora when they are
/// there (descriptions for the whole layer, and the error tables of layer 136), else the
/// repository's own pages.
fn docs_dirs() -> Vec<PathBuf> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let dirs = [
        corpus.join("madelineproto-docs"),
        corpus.join("madelineproto-docs-layer136-errors"),
    ];
    if dirs.iter().all(|d| d.is_dir()) {
        dirs.to_vec()
    } else {
        vec![schema_dir().join("docs")]
    }
}

/// What a build script calling `Config::generate` with docs does, minus writing the file.
fn ours_with_docs() -> (Span, usize) {
    let dir = schema_dir();
    let start = Clock::start();
    let mut config = Config::new()
        .cargo_output(false)
        .schema(dir.join("api.tl"))
        .schema(dir.join("mtproto.tl"));
    for docs in docs_dirs() {
        config = config.docs(docs);
    }
    let generated = config
        .generate_string()
        .expect("the bundled schema generates");
    (start.elapsed(), generated.code.len())
}

/// grammers-tl-gen as grammers-tl-types' build script runs it (api + mtproto, all impls on),
/// writing into memory instead of files.
fn grammers() -> (Span, usize) {
    let dir = schema_dir();
    let start = Clock::start();
    let mut definitions = Vec::new();
    for file in ["api.tl", "mtproto.tl"] {
        let text = std::fs::read_to_string(dir.join(file)).expect("schema file");
        definitions.extend(grammers_tl_parser::parse_tl_file(&text).filter_map(Result::ok));
    }
    let mut outputs = grammers_tl_gen::Outputs {
        common: Vec::new(),
        types: Vec::new(),
        functions: Vec::new(),
        enums: Vec::new(),
    };
    let config = grammers_tl_gen::Config {
        gen_name_for_id: true,
        deserializable_functions: true,
        impl_debug: true,
        impl_from_enum: true,
        impl_from_type: true,
        impl_serde: false,
    };
    grammers_tl_gen::generate_rust_code(&mut outputs, &definitions, 230, &config)
        .expect("writing to memory");
    let elapsed = start.elapsed();
    let bytes =
        outputs.common.len() + outputs.types.len() + outputs.functions.len() + outputs.enums.len();
    (elapsed, bytes)
}

/// Median, min and max, in seconds.
fn stats(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let mid = if v.len() % 2 == 1 {
        v[v.len() / 2]
    } else {
        (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2
    };
    (
        mid.as_secs_f64(),
        v[0].as_secs_f64(),
        v[v.len() - 1].as_secs_f64(),
    )
}

/// Prints one row; returns the medians (wall, CPU).
fn show(label: &str, v: &[Span]) -> (f64, Option<f64>) {
    let (wall, lo, hi) = stats(v.iter().map(|s| s.wall).collect());
    let cpu: Option<Vec<Duration>> = v.iter().map(|s| s.cpu).collect();
    let cpu = cpu.map(stats);
    let cpu_text = cpu.map_or_else(String::new, |(mid, lo, hi)| {
        format!("   cpu {mid:>7.3} s ({lo:.3}-{hi:.3})")
    });
    println!("{label:<24} wall {wall:>7.3} s ({lo:.3}-{hi:.3}){cpu_text}");
    (wall, cpu.map(|c| c.0))
}

fn main() {
    // `cargo bench` passes `--bench`; without it (`cargo test --benches`), one run checks that
    // the bench works.
    let benching = std::env::args().any(|a| a == "--bench");
    let runs: usize = std::env::var("TL_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if benching { 5 } else { 1 })
        .max(1);
    let profile = if cfg!(debug_assertions) {
        "dev (debug)"
    } else {
        "release"
    };
    println!("generator speed, {profile} build, {runs} runs each, median (min, max)");

    let mut theirs = Vec::new();
    let mut their_bytes = 0;
    let mut stages = Vec::new();
    let mut with_docs = Vec::new();
    let mut docs_bytes = 0;
    // Interleaved so that a change in machine load hits all alike.
    for _ in 0..runs {
        let (t, b) = grammers();
        theirs.push(t);
        their_bytes = b;
        stages.push(ours());
        let (t, b) = ours_with_docs();
        with_docs.push(t);
        docs_bytes = b;
    }
    let ours_bytes = stages[0].bytes;
    println!(
        "output: ours {:.1} MB, grammers-tl-gen {:.1} MB",
        ours_bytes as f64 / 1e6,
        their_bytes as f64 / 1e6
    );
    let g = show("grammers-tl-gen", &theirs);
    let o = show(
        "tl-codegen (total)",
        &stages.iter().map(|s| s.total).collect::<Vec<_>>(),
    );
    show(
        "  parse + resolve",
        &stages.iter().map(|s| s.load).collect::<Vec<_>>(),
    );
    show("  plan", &stages.iter().map(|s| s.plan).collect::<Vec<_>>());
    show(
        "  print (threads)",
        &stages.iter().map(|s| s.print).collect::<Vec<_>>(),
    );
    let dirs: Vec<String> = docs_dirs()
        .iter()
        .map(|d| d.display().to_string())
        .collect();
    println!(
        "with docs from {} ({:.1} MB of output):",
        dirs.join(" and "),
        docs_bytes as f64 / 1e6
    );
    show("tl-codegen + docs", &with_docs);
    print!("ratio tl-codegen / grammers-tl-gen: wall {:.2}", o.0 / g.0);
    if let (Some(oc), Some(gc)) = (o.1, g.1) {
        print!(", cpu {:.2}", oc / gc);
    }
    println!();
}
