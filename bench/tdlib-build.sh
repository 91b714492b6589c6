#!/usr/bin/env bash
# Build cost of TDLib bindings with their JSON form, side by side with the peer crate
# tdlib-rs 1.4.0 (crates.io; its types are generated from TDLib 1.8.61's td_api.tl by its build
# script, with serde derives; it builds without TDLib, which only binaries link).
#
# "ours" is the README's first set-up for TDLib: a user's workspace (outside any workspace of
# ours) with a bindings crate whose build.rs runs `Config::new().schema(td_api.tl)
# .tdlib_json(true)` on TDLib 1.8.66's td_api.tl (../shared), depending on the snapshot's
# tl-runtime with only its `tdjson` feature, `[profile.dev.package.<bindings>] incremental =
# false`. "tdlib-rs" is the same workspace depending on tdlib-rs instead. Both start from the
# same Cargo.lock where they share dependencies; dependencies are built first (not measured),
# then each run cleans only the measured crate (`cargo clean -p`: the bindings crate with its
# build script, or tdlib-rs with its) and runs the command again, interleaved.
#
#   bench/tdlib-build.sh                  # RUNS=3: cargo build and cargo check
#   RUNS=5 COMMANDS=check bench/tdlib-build.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
source "$repo/bench/common.sh"
runs=${RUNS:-3}
commands=${COMMANDS:-build check}
shared=${SHARED:-$repo/../shared}
schema=$(cd "$shared/tdlib-1.8.66" && pwd)/td_api.tl
work=$(mktemp -d "${TMPDIR:-/tmp}/tdlib-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
snapshot_repo "$repo" "$work/repo"

make_workspace() { # DIR DEPENDENCY
    mkdir -p "$1/app/src"
    cat >"$1/Cargo.toml" <<TOML
[workspace]
resolver = "2"
members = ["app"$( [ "$2" = ours ] && echo ', "tdbind"')]

[profile.dev.package.tdbind]
incremental = false
TOML
    [ "$2" = ours ] || sed -i '/profile.dev.package.tdbind/,+1d' "$1/Cargo.toml"
    echo 'pub fn version() -> &'"'"'static str { "0" }' >"$1/app/src/lib.rs"
    if [ "$2" = ours ]; then
        mkdir -p "$1/tdbind/src"
        cat >"$1/tdbind/Cargo.toml" <<TOML
[package]
name = "tdbind"
version = "0.1.0"
edition = "2021"

[dependencies]
tl-runtime = { path = "$work/repo/tl-runtime", default-features = false, features = ["tdjson"] }

[build-dependencies]
tl-codegen = { path = "$work/repo/tl-codegen" }
TOML
        cat >"$1/tdbind/build.rs" <<RS
fn main() {
    if let Err(e) = tl_codegen::Config::new().schema("$schema").tdlib_json(true).generate() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
RS
        printf '%s\n' '//! TDLib bindings.' 'pub mod td_api {' '    tl_runtime::include_bindings!();' '}' >"$1/tdbind/src/lib.rs"
        dep='tdbind = { path = "../tdbind" }'
    else
        dep='tdlib-rs = "=1.4.0"'
    fi
    cat >"$1/app/Cargo.toml" <<TOML
[package]
name = "app"
version = "0.1.0"
edition = "2021"

[dependencies]
$dep
TOML
    cp "$work/repo/Cargo.lock" "$1/Cargo.lock"
}

make_workspace "$work/ours" ours
make_workspace "$work/peer" peer
measured_crate() { [ "$1" = ours ] && echo tdbind || echo tdlib-rs; }

for command in $commands; do
    for side in ours peer; do
        (cd "$work/$side" && cargo "$command" -q 2>/dev/null)
    done
    declare -a t_ours=() t_peer=()
    for _ in $(seq "$runs"); do
        for side in ours peer; do
            (cd "$work/$side" && cargo clean -q -p "$(measured_crate $side)" && cargo clean -q -p app)
            start=$(date +%s.%N)
            (cd "$work/$side" && cargo "$command" -q)
            t=$(echo "$(date +%s.%N) - $start" | bc)
            if [ $side = ours ]; then t_ours+=("$t"); else t_peer+=("$t"); fi
        done
    done
    echo "cargo $command, bindings crate and app (deps built), $runs interleaved runs:"
    echo "  ours (td_api 1.8.66, tdlib_json): $(stats "${t_ours[@]}")"
    echo "  tdlib-rs 1.4.0 (td_api 1.8.61):   $(stats "${t_peer[@]}")"
    echo "  ratio ours / tdlib-rs: $(echo "scale=3; $(median "${t_ours[@]}") / $(median "${t_peer[@]}")" | bc) (target <= 0.8)"
    unset t_ours t_peer
done
