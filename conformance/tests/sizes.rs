//! Every generated type stays small, so moving values around stays cheap: no constructor
//! struct, enum or function struct is larger than 512 bytes.

use tl_conformance::type_sizes;

const LIMIT: usize = 512;

#[test]
fn every_generated_type_is_at_most_512_bytes() {
    let mut sizes = type_sizes();
    assert!(sizes.len() > 3000, "all items listed ({})", sizes.len());
    sizes.sort_by_key(|&(name, size)| (std::cmp::Reverse(size), name));
    println!("largest: {:?}", &sizes[..10]);
    let too_large: Vec<_> = sizes.iter().filter(|&&(_, size)| size > LIMIT).collect();
    assert!(
        too_large.is_empty(),
        "larger than {LIMIT} bytes: {too_large:?}"
    );
}
