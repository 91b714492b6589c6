#!/usr/bin/env bash
# Clean compile times of generated bindings, side by side:
#   full   - our bindings of the whole bundled layer (api.tl + mtproto.tl);
#   phone  - our bindings of `phone.*` only (Config::only), with what they need;
#   grammers - grammers-tl-types 0.11 with the features the conformance tests use
#              (tl-api, tl-mtproto, deserializable-functions; Debug, Clone, PartialEq like ours).
#
# Each is one crate: its build script (the generator) runs and its code compiles. Dependencies
# are built first and kept; each run then cleans only the measured crate and builds it again.
# Runs are interleaved so that changes in machine load hit all three alike. The repository is
# copied first, so that editing it during a run changes nothing measured.
#
#   bench/compile-times.sh            # RUNS=3 by default, debug and release
#   RUNS=5 PROFILES=dev bench/compile-times.sh
#
# Incremental compilation: grammers-tl-types comes from the registry, which cargo never builds
# incrementally, while a crate of the user's workspace is (in the dev profile). For a clean
# build that costs time (rustc also writes its incremental cache), and a bindings crate gains
# little from it: it changes only when the schema does, and then all of it. So all three are
# measured without it (CARGO_INCREMENTAL=0, what README recommends for a bindings crate), and
# in the dev profile the full layer is measured once more with it ("incremental"), the default
# a workspace member gets.
#
# Prints the median and min-max of each, and the ratios the performance targets are set in.
set -euo pipefail

source_repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
source "$source_repo/bench/common.sh"
runs=${RUNS:-3}
profiles=${PROFILES:-"dev release"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target=${CARGO_TARGET_DIR:-$work/target}/compile-times

repo=$work/repo
snapshot_repo "$source_repo" "$repo"

# The measured crates, in a workspace of their own beside the snapshot (path dependencies
# inside a workspace's folder would become its members).
ws=$work/bench
mkdir -p "$ws"/{full,phone,grammers}/src
cp "$repo/Cargo.lock" "$ws/Cargo.lock"
cat >"$ws/Cargo.toml" <<TOML
[workspace]
resolver = "2"
members = ["full", "phone", "grammers"]
TOML

ours_crate() { # dir, package name, extra Config calls
    cat >"$ws/$1/Cargo.toml" <<TOML
[package]
name = "$2"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
tl-runtime = { path = "$repo/tl-runtime" }

[build-dependencies]
tl-codegen = { path = "$repo/tl-codegen" }
TOML
    cat >"$ws/$1/build.rs" <<RUST
fn main() {
    tl_codegen::Config::new()
        .schema("$repo/schema/api.tl")
        .schema("$repo/schema/mtproto.tl")
        $3
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
RUST
    echo 'tl_runtime::include_bindings!();' >"$ws/$1/src/lib.rs"
}
ours_crate full bench-bindings-full ""
ours_crate phone bench-bindings-phone '.only(["phone.*"])'

cat >"$ws/grammers/Cargo.toml" <<TOML
[package]
name = "bench-bindings-grammers"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
grammers-tl-types = { version = "=0.11.0", features = ["tl-mtproto", "deserializable-functions"] }
TOML
echo 'pub use grammers_tl_types;' >"$ws/grammers/src/lib.rs"

cargo_in() { # uses $target_dir
    (cd "$ws" && cargo "$@" --target-dir "$target_dir" --quiet)
}
target_dir=$target
export CARGO_INCREMENTAL=0

# Seconds (wall clock) of a clean build of one crate: `clean -p $2`, then `build -p $1`.
measure() { # package to build, package to clean, profile
    local flag=()
    [ "$3" = release ] && flag=(--release)
    cargo_in clean -p "$2" "${flag[@]}" 2>/dev/null
    local start end
    start=$(date +%s.%N)
    cargo_in build -p "$1" "${flag[@]}"
    end=$(date +%s.%N)
    awk "BEGIN { print $end - $start }"
}


echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs: $runs per crate and profile; rustc $(rustc --version | cut -d' ' -f2)"
for profile in $profiles; do
    flag=()
    [ "$profile" = release ] && flag=(--release)
    # Dependencies (tl-codegen, tl-runtime, bytes, ...) once, not measured; the incremental
    # builds get a target directory of their own, so that switching never rebuilds them.
    cargo_in build --workspace "${flag[@]}"
    if [ "$profile" = dev ]; then
        target_dir=$target-incremental CARGO_INCREMENTAL=1 cargo_in build -p bench-bindings-full
    fi
    full=() phone=() grammers=() incremental=()
    for _ in $(seq "$runs"); do
        full+=("$(measure bench-bindings-full bench-bindings-full "$profile")")
        phone+=("$(measure bench-bindings-phone bench-bindings-phone "$profile")")
        grammers+=("$(measure bench-bindings-grammers grammers-tl-types "$profile")")
        if [ "$profile" = dev ]; then
            incremental+=("$(target_dir=$target-incremental CARGO_INCREMENTAL=1 \
                measure bench-bindings-full bench-bindings-full dev)")
        fi
    done
    f=$(median "${full[@]}") p=$(median "${phone[@]}") g=$(median "${grammers[@]}")
    echo "[$profile]"
    echo "  ours, full layer:   $(stats "${full[@]}")"
    echo "  ours, phone.* only: $(stats "${phone[@]}")"
    echo "  grammers-tl-types:  $(stats "${grammers[@]}")"
    if [ "$profile" = dev ]; then
        i=$(median "${incremental[@]}")
        echo "  ours, full layer, incremental: $(stats "${incremental[@]}")  ($(awk "BEGIN { printf \"%.3f\", $i / $g }") of grammers)"
    fi
    echo "  ratio full / grammers:  $(awk "BEGIN { printf \"%.3f\", $f / $g }")   (target <= 0.8)"
    echo "  ratio phone.* / full:   $(awk "BEGIN { printf \"%.3f\", $p / $f }")   (target <= 0.1)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
