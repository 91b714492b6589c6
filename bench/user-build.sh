#!/usr/bin/env bash
# Build cost of the bindings as a new user of the library pays it, side by side with the peer
# crate grammers-tl-types 0.11.0 (crates.io, with the features the conformance tests use:
# tl-mtproto, deserializable-functions).
#
# "ours" is a user's crate, standalone (its own empty `[workspace]`, outside any workspace of
# ours), depending on the snapshot's tl-runtime and, as a build-dependency, tl-codegen, with the
# README's minimal build.rs (api.tl + mtproto.tl, everything) and
# `pub mod tl { tl_runtime::include_bindings!(); }`. "grammers" is a standalone crate that
# depends on grammers-tl-types and re-exports it. Both start from the snapshot's Cargo.lock, so
# they share one version set where they share dependencies.
#
# Unlike bench/compile-times.sh, nothing is tuned: users keep the default profiles, so our
# crate, a path (root) package, is compiled incrementally in the dev profile, as cargo does by
# default (CARGO_INCREMENTAL is left alone), while grammers-tl-types, a registry crate, never is.
# `check` matters because rust-analyzer runs `cargo check` on every save, the first time from
# clean.
#
# Variants (VARIANTS, default all, in this order):
#   dev-build - `cargo build`;              ours / grammers, target <= 0.8
#   check     - `cargo check`;              ours / grammers, target <= 0.8
#   release   - `cargo build --release`;    ours / grammers, target <= 1.0
#   docs      - ours with `.docs(DIR)` for each DIR of DOCS_DIRS (colon-separated, relative to
#               the repository or absolute; default the two MadelineProto corpora of ../shared),
#               `cargo build`; ours+docs / grammers dev-build, target <= 0.9
#   phone     - ours with `.only(["phone.*"])`, and with `.only(["phone.*"]).exclude(["Updates"])`
#               (the calls returning `Updates` return a `RawObject`), `cargo build`; each / our
#               full dev-build, target <= 0.25
#   cold      - `cargo build` of the whole user crate from an empty target directory, including
#               every dependency and build-dependency (tl-codegen and its deps for ours,
#               grammers-tl-gen etc. for grammers); ours / grammers, target <= 1.5. Cargo's
#               registry download cache (~/.cargo/registry) stays warm: sources are not
#               downloaded again, as for a user who has built anything before.
# The warm variants build the dependencies first (not measured), then each run cleans only the
# measured crate (`cargo clean -p`; for grammers, grammers-tl-types and its wrapper, since the
# wrapper itself is empty) and runs the command again. Runs are interleaved ours/grammers so
# that changes in machine load hit both alike. The repository is copied first, so that editing
# it during a run changes nothing measured.
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
variants=${VARIANTS:-"dev-build check release docs phone cold"}
docs_dirs=${DOCS_DIRS:-../shared/corpus/madelineproto-docs:../shared/corpus/madelineproto-docs-layer136-errors}
timings=${TIMINGS:-0}
timings_out=${TIMINGS_OUT:-/tmp/user-build-timings.html}
for v in $variants; do
    case $v in
    dev-build | check | release | docs | phone | cold) ;;
    *)
        echo "unknown variant '$v' (dev-build check release docs phone cold)" >&2
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

# The users' crates: each a package of its own, each its own workspace.
user=$work/user
ours_crate() { # dir, package name, extra Config calls
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
    printf 'pub mod tl {\n    tl_runtime::include_bindings!();\n}\n' >"$user/$1/src/lib.rs"
    cp "$repo/Cargo.lock" "$user/$1/Cargo.lock"
}
ours_crate ours bench-user-ours ""
ours_crate phone bench-user-phone $'\n        .only(["phone.*"])'
ours_crate phoneraw bench-user-phoneraw $'\n        .only(["phone.*"])\n        .exclude(["Updates"])'
if [ -z "$docs_missing" ]; then ours_crate docs bench-user-docs "$docs_calls"; fi
mkdir -p "$user/grammers/src"
cat >"$user/grammers/Cargo.toml" <<TOML
[package]
name = "bench-user-grammers"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
grammers-tl-types = { version = "=0.11.0", features = ["tl-mtproto", "deserializable-functions"] }
TOML
echo 'pub use grammers_tl_types;' >"$user/grammers/src/lib.rs"
cp "$repo/Cargo.lock" "$user/grammers/Cargo.lock"

# Package(s) that a clean build of each crate rebuilds.
declare -A clean_pkgs=(
    [ours]="bench-user-ours" [phone]="bench-user-phone" [phoneraw]="bench-user-phoneraw"
    [docs]="bench-user-docs"
    [grammers]="grammers-tl-types bench-user-grammers"
)

cargo_in() { # crate dir, target dir, cargo args...
    local dir=$1 target_dir=$2
    shift 2
    (cd "$user/$dir" && cargo "$@" --target-dir "$target_dir" --quiet)
}

# Resolve each crate's Cargo.lock (adjusted from the snapshot's) and fetch, before timing.
for dir in ours phone phoneraw docs grammers; do
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

# Seconds of a `cargo build` of one crate from an empty target directory, deleted afterwards.
# The first cold build of ours reports the size of the generated file.
measure_cold() { # crate dir
    local dir start end
    dir=$(mktemp -d "$work/cold-$1-XXXX")
    start=$(date +%s.%N)
    cargo_in "$1" "$dir" build
    end=$(date +%s.%N)
    [ "$1" = ours ] && [ -z "${cold_lines:-}" ] && cold_lines=$(generated_lines "$dir" debug bench-user-ours)
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

ratio() { # numerator, denominator, target
    echo "$(awk "BEGIN { printf \"%.3f\", $1 / $2 }")   (target <= $3)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs: $runs per crate and variant; rustc $(rustc --version | cut -d' ' -f2); default profiles (dev incremental for ours)"

# Medians and stats kept across variants, for the ratios of docs and phone.
declare -A med=() stat=()
for variant in $variants; do
    echo "[$variant] $(case $variant in
        cold) echo "cargo build, empty target directory, all dependencies" ;;
        docs) echo "cargo build, ours with docs" ;;
        phone) echo "cargo build, ours with only phone.*" ;;
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
        [ "$variant" = release ] && target_ratio=1.0
        echo "  ours, full layer:   ${stat[ours:$variant]}   (tl.rs: $(generated_lines "$target" "$profile_dir" bench-user-ours) lines)"
        echo "  grammers-tl-types:  ${stat[grammers:$variant]}"
        echo "  ratio ours / grammers: $(ratio "${med[ours:$variant]}" "${med[grammers:$variant]}" "$target_ratio")"
        ;;
    docs)
        if [ -n "$docs_missing" ]; then
            echo "  skipped: docs folder(s) not found:$docs_missing (set DOCS_DIRS)"
            continue
        fi
        # Compared with grammers' dev build: measured here, interleaved, unless dev-build ran.
        cargo_in docs "$target" build
        [ -n "${med[grammers:dev-build]:-}" ] || cargo_in grammers "$target" build
        docs=() grammers=()
        for _ in $(seq "$runs"); do
            docs+=("$(measure docs docs)")
            [ -n "${med[grammers:dev-build]:-}" ] || grammers+=("$(measure grammers dev-build)")
        done
        from=" (measured in [dev-build])"
        if [ -z "${med[grammers:dev-build]:-}" ]; then
            med[grammers:dev-build]=$(median "${grammers[@]}") stat[grammers:dev-build]=$(stats "${grammers[@]}")
            from=""
        fi
        echo "  ours, full layer + docs: $(stats "${docs[@]}")   (tl.rs: $(generated_lines "$target" debug bench-user-docs) lines)"
        echo "  grammers-tl-types:       ${stat[grammers:dev-build]}$from"
        echo "  ratio ours+docs / grammers dev-build: $(ratio "$(median "${docs[@]}")" "${med[grammers:dev-build]}" 0.9)"
        ;;
    phone)
        # Compared with our full dev build: measured here, interleaved, unless dev-build ran.
        cargo_in phone "$target" build
        cargo_in phoneraw "$target" build
        [ -n "${med[ours:dev-build]:-}" ] || cargo_in ours "$target" build
        phone=() phoneraw=() ours=()
        for _ in $(seq "$runs"); do
            phone+=("$(measure phone phone)")
            phoneraw+=("$(measure phoneraw phone)")
            [ -n "${med[ours:dev-build]:-}" ] || ours+=("$(measure ours dev-build)")
        done
        from=" (measured in [dev-build])"
        if [ -z "${med[ours:dev-build]:-}" ]; then
            med[ours:dev-build]=$(median "${ours[@]}") stat[ours:dev-build]=$(stats "${ours[@]}")
            from="   (tl.rs: $(generated_lines "$target" debug bench-user-ours) lines)"
        fi
        echo "  ours, phone.* only: $(stats "${phone[@]}")   (tl.rs: $(generated_lines "$target" debug bench-user-phone) lines)"
        echo "  ours, full layer:   ${stat[ours:dev-build]}$from"
        echo "  ratio phone.* / full: $(ratio "$(median "${phone[@]}")" "${med[ours:dev-build]}" 0.25)"
        echo "  ours, phone.* without Updates: $(stats "${phoneraw[@]}")   (tl.rs: $(generated_lines "$target" debug bench-user-phoneraw) lines)"
        echo "  ratio phone.* without Updates / full: $(ratio "$(median "${phoneraw[@]}")" "${med[ours:dev-build]}" 0.25)"
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
