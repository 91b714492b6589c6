# shellcheck shell=bash
# Shared by the bench scripts (sourced, not run): a snapshot of the repository, and the
# statistics they print.

# snapshot_repo SOURCE DEST: the crates and schema of SOURCE (not `target/`), so that editing
# the repository during a run changes nothing measured.
snapshot_repo() {
    mkdir -p "$2"
    cp -r "$1"/{Cargo.toml,Cargo.lock,tl-codegen,cli,tl-runtime,schema,examples,conformance,tdlib} "$2"/
    rm -rf "$2"/*/target
}

# "median s (min-max)" of the numbers given.
stats() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
        printf "%.2f s (%.2f-%.2f)", m, v[1], v[NR] }'
}

# The median of the numbers given.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
