#!/usr/bin/env bash
# Build cost of the bindings as a new user of the library pays it, side by side with the peer
# crate grammers-tl-types 0.11.0 (crates.io, with the features the conformance tests use:
# tl-mtproto, deserializable-functions).
#
# "ours" is the README's first set-up: a user's workspace (outside any workspace of ours) with
# the bindings crate that `tl-codegen new` makes (the snapshot's CLI; path dependencies on the
# snapshot's tl-runtime and tl-codegen; api.tl + mtproto.tl, everything), with the profile lines
# it prints (`[profile.dev.package.<bindings>] incremental = false`), and an application crate
# depending on it. "grammers" is the same workspace with the application depending on
# grammers-tl-types. "single" is the README's other form: the bindings in the user's own crate
# (`pub mod tl { tl_runtime::include_bindings!(); }`), a root package, so compiled
# incrementally in the dev profile as cargo does by default. All start from the snapshot's
# Cargo.lock, so they share one version set where they share dependencies.
#
# Nothing else is tuned: default profiles, CARGO_INCREMENTAL left alone (grammers-tl-types, a
# registry crate, is never compiled incrementally). `check` matters because rust-analyzer runs
# `cargo check` on every save, the first time from clean.
#
# Variants (VARIANTS, default all, in this order):
#   dev-build - `cargo build`;              ours / grammers, target <= 0.8
#   check     - `cargo check`;              ours / grammers, target <= 0.8
#   release   - `cargo build --release`;    ours / grammers, target <= 0.9
#   single    - `cargo build` of the single-crate form; single / grammers (reported, no target)
#   edit      - the edit loop: a one-line change to the application, then `cargo build`;
#               ours / grammers, target <= 1.05; and the single-crate form's figure for the
#               same change in its own crate (which holds the bindings)
#   noeq      - `cargo build` and `cargo check` of ours, and of ours with `.partial_eq(false)` (the
#               option that leaves the `PartialEq` derive out), interleaved with grammers;
#               reported beside the defaults (no target: the targets are for the defaults)
#   docs      - ours with `.docs(DIR)` for each DIR of DOCS_DIRS (colon-separated, relative to
#               the repository or absolute; default the two MadelineProto corpora of ../shared),
#               `cargo build`; ours+docs / grammers dev-build, target <= 0.9
#   phone     - single-crate form with `.only(["phone.*"])`, and with
#               `.only(["phone.*"]).exclude(["Updates"])` (the calls returning `Updates` return a
#               `RawObject`), `cargo build`; each / the single form's full dev-build, target <= 0.25
#   cold      - `cargo build` of the whole workspace from an empty target directory, including
#               every dependency and build-dependency (tl-codegen and its deps for ours,
#               grammers-tl-gen etc. for grammers); ours / grammers, target <= 1.5. Cargo's
#               registry download cache (~/.cargo/registry) stays warm: sources are not
#               downloaded again, as for a user who has built anything before.
# The warm variants build the dependencies first (not measured), then each run cleans only the
# measured crates (`cargo clean -p`: the bindings crate and the application; for grammers,
# grammers-tl-types and the application) and runs the command again. Runs are interleaved
# ours/grammers so that changes in machine load hit both alike. The repository is copied
# first, so that editing it during a run changes nothing measured.
#
#   bench/user-build.sh                               # RUNS=3, all variants
#   RUNS=5 VARIANTS="dev-build check" bench/user-build.sh
#   RUNS=1 VARIANTS=cold TIMINGS=1 bench/user-build.sh  # + `cargo build --timings` report
#   DOCS_DIRS=/path/to/docs VARIANTS=docs bench/user-build.sh
#
# TIMINGS=1 adds, in the cold variant, one more cold build of ours with `--timings` and copies
# its HTML report to TIMINGS_OUT (default /tmp/user-build-timings.html).
#
# Prints the median and min-max of each, and the ratios the performance targets are set in.
set -euo pipefail

source_repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
source "$source_repo/bench/common.sh"
runs=${RUNS:-3}
variants=${VARIANTS:-"dev-build check release single edit noeq docs phone cold"}
docs_dirs=${DOCS_DIRS:-../shared/corpus/madelineproto-docs:../shared/corpus/madelineproto-docs-layer136-errors}
timings=${TIMINGS:-0}
timings_out=${TIMINGS_OUT:-/tmp/user-build-timings.html}
for v in $variants; do
    case $v in
    dev-build | check | release | single | edit | noeq | docs | phone | cold) ;;
    *)
        echo "unknown variant '$v' (dev-build check release single edit noeq docs phone cold)" >&2
        exit 2
        ;;
    esac
done
case $runs in '' | *[!0-9]* | 0)
    echo "RUNS must be a positive integer, not '$runs'" >&2
    exit 2
    ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target=$work/target # explicit --target-dir everywhere: CARGO_TARGET_DIR plays no part

repo=$work/repo
snapshot_repo "$source_repo" "$repo"

# The docs folders, absolute (the build script runs in the user's crate).
docs_calls="" docs_missing=""
IFS=: read -r -a docs_list <<<"$docs_dirs"
for d in "${docs_list[@]}"; do
    [ -n "$d" ] || continue
    case $d in /*) ;; *) d=$source_repo/$d ;; esac
    if [ -d "$d" ]; then
        docs_calls+=$'\n        '".docs(\"$(cd "$d" && pwd)\")"
    else
        docs_missing+=" $d"
    fi
done
[ -n "$docs_calls" ] || docs_missing+=" (DOCS_DIRS is empty)"

# The users' crates, each its own workspace.
user=$work/user
single_crate() { # dir, package name, extra Config calls: the bindings in the user's crate
    mkdir -p "$user/$1/src"
    cat >"$user/$1/Cargo.toml" <<TOML
[package]
name = "$2"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
tl-runtime = { path = "$repo/tl-runtime" }

[build-dependencies]
tl-codegen = { path = "$repo/tl-codegen" }
TOML
    cat >"$user/$1/build.rs" <<RUST
fn main() {
    tl_codegen::Config::new()
        .schema("$repo/schema/api.tl")
        .schema("$repo/schema/mtproto.tl")$3
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
RUST
    printf 'pub mod tl {\n    tl_runtime::include_bindings!();\n}\n\n/// What the edit loop changes.\npub fn edited() -> &\047static str {\n    "edit 0"\n}\n' >"$user/$1/src/lib.rs"
    cp "$repo/Cargo.lock" "$user/$1/Cargo.lock"
}
app_crate() { # workspace dir, package name, dependency line, main.rs
    mkdir -p "$user/$1/app/src"
    cat >"$user/$1/app/Cargo.toml" <<TOML
[package]
name = "$2"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$3
TOML
    printf '%s\n' "$4" >"$user/$1/app/src/main.rs"
}
# The application: what a client does with the bindings, decode what the server sends
# (`Updates` reaches most of the layer) and encode a request; plus the line the edit loop
# changes.
app_main() { # crate path, decode call, encode call, `use` line
    cat <<RUST
$4

fn main() {
    let bytes: Vec<u8> = std::env::args().skip(1).flat_map(|a| a.into_bytes()).collect();
    match $2 {
        Ok(updates) => println!("{updates:?}"),
        Err(e) => println!("not updates: {e:?}"),
    }
    println!("{} request bytes", $3.len());
    println!("layer {}", $1::LAYER);
    println!("edit 0");
}
RUST
}
bindings_workspace() { # dir, bindings package name, extra `tl-codegen new` arguments...
    local dir=$1 name=$2
    shift 2
    mkdir -p "$user/$dir"
    "$cli" new "$user/$dir/bindings" --name "$name" --schema "$repo/schema/api.tl" \
        --schema "$repo/schema/mtproto.tl" --tl-path "$repo" "$@" >"$user/$dir/new.out"
    # The lines `tl-codegen new` prints for the workspace, as a user copies them.
    local profile
    profile=$(grep -A1 "^\[profile.dev.package.$name\]" "$user/$dir/new.out")
    printf '[workspace]\nresolver = "2"\nmembers = ["bindings", "app"]\n\n%s\n' "$profile" >"$user/$dir/Cargo.toml"
    local krate=${name//-/_}
    app_crate "$dir" "$name-app" "$name = { path = \"../bindings\" }" "$(app_main "$krate" \
        "$krate::enums::Updates::from_bytes(bytes)" \
        "$krate::functions::updates::GetState::new().to_bytes()" \
        "use $krate::tl_runtime::wire::{Deserialize, Serialize};")"
    cp "$repo/Cargo.lock" "$user/$dir/Cargo.lock"
}
# The snapshot's command line, for `tl-codegen new`.
(cd "$repo" && cargo build -p tl-codegen-cli --quiet --target-dir "$target")
cli=$target/debug/tl-codegen
bindings_workspace ours bench-user-ours
bindings_workspace noeq bench-user-noeq
sed -i 's|^        .generate()|        .partial_eq(false)\n        .generate()|' "$user/noeq/bindings/build.rs"
grep -q 'partial_eq(false)' "$user/noeq/bindings/build.rs" || {
    echo "could not add .partial_eq(false) to $user/noeq/bindings/build.rs" >&2
    exit 1
}
if [ -z "$docs_missing" ]; then
    docs_args=()
    for d in "${docs_list[@]}"; do
        [ -n "$d" ] || continue
        case $d in /*) ;; *) d=$source_repo/$d ;; esac
        docs_args+=(--docs "$d")
    done
    bindings_workspace docs bench-user-docs "${docs_args[@]}"
fi
single_crate single bench-user-single ""
single_crate phone bench-user-phone $'\n        .only(["phone.*"])'
single_crate phoneraw bench-user-phoneraw $'\n        .only(["phone.*"])\n        .exclude(["Updates"])'
mkdir -p "$user/grammers"
printf '[workspace]\nresolver = "2"\nmembers = ["app"]\n' >"$user/grammers/Cargo.toml"
app_crate grammers bench-user-grammers-app \
    'grammers-tl-types = { version = "=0.11.0", features = ["tl-mtproto", "deserializable-functions"] }' \
    "$(app_main grammers_tl_types \
        "grammers_tl_types::enums::Updates::from_bytes(&bytes)" \
        "grammers_tl_types::functions::updates::GetState {}.to_bytes()" \
        "use grammers_tl_types::{Deserializable, Serializable};")"
cp "$repo/Cargo.lock" "$user/grammers/Cargo.lock"

# Package(s) that a clean build of each crate rebuilds.
declare -A clean_pkgs=(
    [ours]="bench-user-ours bench-user-ours-app" [single]="bench-user-single"
    [noeq]="bench-user-noeq bench-user-noeq-app"
    [phone]="bench-user-phone" [phoneraw]="bench-user-phoneraw"
    [docs]="bench-user-docs bench-user-docs-app"
    [grammers]="grammers-tl-types bench-user-grammers-app"
)

cargo_in() { # crate dir, target dir, cargo args...
    local dir=$1 target_dir=$2
    shift 2
    (cd "$user/$dir" && cargo "$@" --target-dir "$target_dir" --quiet)
}

# Resolve each crate's Cargo.lock (adjusted from the snapshot's) and fetch, before timing.
for dir in ours noeq single phone phoneraw docs grammers; do
    if [ -d "$user/$dir" ]; then (cd "$user/$dir" && cargo fetch --quiet); fi
done

# Arguments of each variant's cargo command.
args_of() {
    case $1 in
    check) echo check ;;
    release) echo "build --release" ;;
    *) echo build ;;
    esac
}

# Seconds (wall clock) of a clean build of one crate in $target: `clean -p`, then the command.
measure() { # crate dir, variant
    local -a cmd clean_flags=() pkgs=()
    read -r -a cmd <<<"$(args_of "$2")"
    [ "$2" = release ] && clean_flags=(--release)
    for p in ${clean_pkgs[$1]}; do pkgs+=(-p "$p"); done
    cargo_in "$1" "$target" clean "${pkgs[@]}" "${clean_flags[@]}"
    local start end
    start=$(date +%s.%N)
    cargo_in "$1" "$target" "${cmd[@]}"
    end=$(date +%s.%N)
    awk "BEGIN { print $end - $start }"
}

# Seconds of a `cargo build` after a one-line change to the application (for the single-crate
# form: to its own crate, which holds the bindings), the crate built before.
edit_count=0
measure_edit() { # crate dir
    local file start end
    case $1 in
    single) file=$user/single/src/lib.rs ;;
    *) file=$user/$1/app/src/main.rs ;;
    esac
    edit_count=$((edit_count + 1))
    sed -i -E "s/edit [0-9]+/edit $edit_count/" "$file"
    start=$(date +%s.%N)
    cargo_in "$1" "$target" build
    end=$(date +%s.%N)
    awk "BEGIN { print $end - $start }"
}

# Seconds of a `cargo build` of one crate from an empty target directory, deleted afterwards.
# The first cold build of ours reports the size of the generated file.
measure_cold() { # crate dir
    local dir start end
    dir=$(mktemp -d "$work/cold-$1-XXXX")
    start=$(date +%s.%N)
    cargo_in "$1" "$dir" build
    end=$(date +%s.%N)
    [ "$1" = ours ] && [ -z "${cold_lines:-}" ] && cold_lines=$(generated_lines "$dir" debug bench-user-ours)
    true
    rm -rf "$dir"
    awk "BEGIN { print $end - $start }"
}

# Lines of the generated $OUT_DIR/tl.rs of a package.
generated_lines() { # target dir, profile dir, package
    local f newest=""
    for f in "$1/$2/build/$3"-*/out/tl.rs; do
        if [ -f "$f" ] && { [ -z "$newest" ] || [ "$f" -nt "$newest" ]; }; then newest=$f; fi
    done
    if [ -n "$newest" ]; then wc -l <"$newest" | tr -d ' '; else echo "no"; fi
}

ratio() { # numerator, denominator, target ("-": none)
    local note="(target <= $3)"
    [ "$3" = - ] && note="(no target)"
    echo "$(awk "BEGIN { printf \"%.3f\", $1 / $2 }")   $note"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs: $runs per crate and variant; rustc $(rustc --version | cut -d' ' -f2); default profiles (ours: the bindings crate with incremental = false; single: incremental)"

# Medians and stats kept across variants, for the ratios of docs and phone.
declare -A med=() stat=()

# `cargo build` runs of one crate into `measured`, interleaved with grammers' dev build unless
# the dev-build variant measured that already; `from` says which.
against_grammers_dev_build() { # crate dir
    local -a grammers=()
    cargo_in "$1" "$target" build
    [ -n "${med[grammers:dev-build]:-}" ] || cargo_in grammers "$target" build
    measured=()
    for _ in $(seq "$runs"); do
        measured+=("$(measure "$1" dev-build)")
        [ -n "${med[grammers:dev-build]:-}" ] || grammers+=("$(measure grammers dev-build)")
    done
    from=" (measured in [dev-build])"
    if [ -z "${med[grammers:dev-build]:-}" ]; then
        med[grammers:dev-build]=$(median "${grammers[@]}") stat[grammers:dev-build]=$(stats "${grammers[@]}")
        from=""
    fi
}
for variant in $variants; do
    echo "[$variant] $(case $variant in
        cold) echo "cargo build, empty target directory, all dependencies" ;;
        docs) echo "cargo build, ours with docs" ;;
        noeq) echo "cargo build and cargo check, ours with and without the PartialEq derive" ;;
        phone) echo "cargo build, the single-crate form with only phone.*" ;;
        single) echo "cargo build, the single-crate form" ;;
        edit) echo "cargo build after a one-line change to the application" ;;
        *) echo "cargo $(args_of "$variant")" ;;
        esac)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
    case $variant in
    dev-build | check | release)
        read -r -a cmd <<<"$(args_of "$variant")"
        cargo_in ours "$target" "${cmd[@]}" # dependencies (and the crates), not measured
        cargo_in grammers "$target" "${cmd[@]}"
        ours=() grammers=()
        for _ in $(seq "$runs"); do
            ours+=("$(measure ours "$variant")")
            grammers+=("$(measure grammers "$variant")")
        done
        profile_dir=debug
        [ "$variant" = release ] && profile_dir=release
        med[ours:$variant]=$(median "${ours[@]}") stat[ours:$variant]=$(stats "${ours[@]}")
        med[grammers:$variant]=$(median "${grammers[@]}") stat[grammers:$variant]=$(stats "${grammers[@]}")
        target_ratio=0.8
        [ "$variant" = release ] && target_ratio=0.9
        echo "  ours, full layer:   ${stat[ours:$variant]}   (tl.rs: $(generated_lines "$target" "$profile_dir" bench-user-ours) lines)"
        echo "  grammers-tl-types:  ${stat[grammers:$variant]}"
        echo "  ratio ours / grammers: $(ratio "${med[ours:$variant]}" "${med[grammers:$variant]}" "$target_ratio")"
        ;;
    single)
        against_grammers_dev_build single
        med[single:dev-build]=$(median "${measured[@]}")
        echo "  single crate, full layer: $(stats "${measured[@]}")   (tl.rs: $(generated_lines "$target" debug bench-user-single) lines)"
        echo "  grammers-tl-types:        ${stat[grammers:dev-build]}$from"
        echo "  ratio single / grammers: $(ratio "${med[single:dev-build]}" "${med[grammers:dev-build]}" "-")"
        ;;
    edit)
        for dir in ours grammers single; do cargo_in "$dir" "$target" build; done
        ours=() grammers=() single=()
        for _ in $(seq "$runs"); do
            ours+=("$(measure_edit ours)")
            grammers+=("$(measure_edit grammers)")
            single+=("$(measure_edit single)")
        done
        echo "  ours (application beside the bindings): $(stats "${ours[@]}")"
        echo "  grammers (application):                  $(stats "${grammers[@]}")"
        echo "  ratio ours / grammers: $(ratio "$(median "${ours[@]}")" "$(median "${grammers[@]}")" 1.05)"
        echo "  single crate (its own crate edited):     $(stats "${single[@]}")"
        echo "  ratio single / grammers: $(ratio "$(median "${single[@]}")" "$(median "${grammers[@]}")" "-")"
        ;;
    noeq)
        for v in dev-build check; do
            read -r -a cmd <<<"$(args_of "$v")"
            for dir in ours noeq grammers; do cargo_in "$dir" "$target" "${cmd[@]}"; done
            ours=() noeq=() grammers=()
            for _ in $(seq "$runs"); do
                ours+=("$(measure ours "$v")")
                noeq+=("$(measure noeq "$v")")
                grammers+=("$(measure grammers "$v")")
            done
            echo "  cargo ${cmd[*]}, ours:              $(stats "${ours[@]}")"
            echo "  cargo ${cmd[*]}, partial_eq(false): $(stats "${noeq[@]}")"
            echo "  cargo ${cmd[*]}, grammers-tl-types: $(stats "${grammers[@]}")"
            echo "  ratio ours / grammers: $(ratio "$(median "${ours[@]}")" "$(median "${grammers[@]}")" -)"
            echo "  ratio partial_eq(false) / grammers: $(ratio "$(median "${noeq[@]}")" "$(median "${grammers[@]}")" -)"
        done
        ;;
    docs)
        if [ -n "$docs_missing" ]; then
            echo "  skipped: docs folder(s) not found:$docs_missing (set DOCS_DIRS)"
            continue
        fi
        against_grammers_dev_build docs
        docs=("${measured[@]}")
        echo "  ours, full layer + docs: $(stats "${docs[@]}")   (tl.rs: $(generated_lines "$target" debug bench-user-docs) lines)"
        echo "  grammers-tl-types:       ${stat[grammers:dev-build]}$from"
        echo "  ratio ours+docs / grammers dev-build: $(ratio "$(median "${docs[@]}")" "${med[grammers:dev-build]}" 0.9)"
        ;;
    phone)
        # Compared with the single form's full dev build (the same crate shape): measured here,
        # interleaved, unless the single variant ran.
        cargo_in phone "$target" build
        cargo_in phoneraw "$target" build
        [ -n "${med[single:dev-build]:-}" ] || cargo_in single "$target" build
        phone=() phoneraw=() single=()
        for _ in $(seq "$runs"); do
            phone+=("$(measure phone phone)")
            phoneraw+=("$(measure phoneraw phone)")
            [ -n "${med[single:dev-build]:-}" ] || single+=("$(measure single dev-build)")
        done
        [ -n "${med[single:dev-build]:-}" ] || med[single:dev-build]=$(median "${single[@]}")
        echo "  single crate, phone.* only: $(stats "${phone[@]}")   (tl.rs: $(generated_lines "$target" debug bench-user-phone) lines)"
        echo "  single crate, full layer:   ${med[single:dev-build]} s (median)"
        echo "  ratio phone.* / full: $(ratio "$(median "${phone[@]}")" "${med[single:dev-build]}" 0.25)"
        echo "  single crate, phone.* without Updates: $(stats "${phoneraw[@]}")   (tl.rs: $(generated_lines "$target" debug bench-user-phoneraw) lines)"
        echo "  ratio phone.* without Updates / full: $(ratio "$(median "${phoneraw[@]}")" "${med[single:dev-build]}" 0.25)"
        ;;
    cold)
        ours=() grammers=() cold_lines=""
        for _ in $(seq "$runs"); do
            # Not in $(...): measure_cold sets cold_lines.
            measure_cold ours >"$work/cold.out"
            ours+=("$(cat "$work/cold.out")")
            grammers+=("$(measure_cold grammers)")
        done
        echo "  ours, full layer:   $(stats "${ours[@]}")   (tl.rs: $cold_lines lines)"
        echo "  grammers-tl-types:  $(stats "${grammers[@]}")"
        echo "  ratio ours / grammers: $(ratio "$(median "${ours[@]}")" "$(median "${grammers[@]}")" 1.5)"
        if [ "$timings" = 1 ]; then
            dir=$(mktemp -d "$work/cold-timings-XXXX")
            cargo_in ours "$dir" build --timings
            cp "$dir/cargo-timings/cargo-timing.html" "$timings_out"
            rm -rf "$dir"
            echo "  timings of one more cold build of ours: $timings_out"
        else
            echo "  per-crate breakdown: TIMINGS=1 (report to \$TIMINGS_OUT, default /tmp/user-build-timings.html),"
            echo "  or in a user crate: cargo build --timings --target-dir <empty dir> (<dir>/cargo-timings/cargo-timing.html)"
        fi
        ;;
    esac
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
