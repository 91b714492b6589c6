//! A voice call's key exchange with the generated bindings: caller and callee in one process,
//! a simulated server relaying between them, every message serialized and parsed back.
//!
//! Runs Alice calling Bob and Bob calling Alice (printing the `g_a_hash`, both fingerprints
//! and both sides' emojis), a relay that swaps `g_b`, and a call the server refuses with
//! `USER_PRIVACY_RESTRICTED`. Exits non-zero when the two ends of an honest call disagree,
//! when the man in the middle goes unnoticed, or when the refusal is not the typed error.
//!
//! `cargo run -p tl-examples --bin phone_call`

use std::process::ExitCode;

use tl_examples::phone_call::{hex, run_call, Client, Network, Relay, RequestCallError, SimError};
use tl_runtime::calls::CallError;
use tl_runtime::rpc_error::MethodError;

fn main() -> ExitCode {
    let mut net = Network::new(0x7e1e_9a11);
    let alice = net.register("alice");
    let bob = net.register("bob");
    let mut ok = honest_call(&mut net, &alice, &bob);
    ok &= honest_call(&mut net, &bob, &alice);
    ok &= man_in_the_middle(&mut net, &alice, &bob);
    ok &= refused_call(&mut net, &alice, &bob);
    if ok {
        println!("\nall checks passed");
        ExitCode::SUCCESS
    } else {
        println!("\nFAILED");
        ExitCode::FAILURE
    }
}

/// Prints the messages logged since `from`.
fn print_log(net: &Network, from: usize) {
    for message in &net.log()[from..] {
        println!("  {message}");
    }
}

fn honest_call(net: &mut Network, caller: &Client, callee: &Client) -> bool {
    println!("\n== {} calls {} ==", caller.name, callee.name);
    let start = net.log().len();
    let report = run_call(net, caller, callee, Relay::Honest);
    print_log(net, start);
    let report = match report {
        Ok(report) => report,
        Err(e) => {
            println!("call failed: {e}");
            return false;
        }
    };
    println!("g_a_hash: {}", hex(&report.g_a_hash));
    let (a, b) = match (&report.caller, &report.callee) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            println!("caller: {a:?}\ncallee: {b:?}");
            return false;
        }
    };
    println!(
        "{:>7}: fingerprint {:20}  emojis {}",
        caller.name,
        a.key_fingerprint(),
        a.emojis().concat()
    );
    println!(
        "{:>7}: fingerprint {:20}  emojis {}",
        callee.name,
        b.key_fingerprint(),
        b.emojis().concat()
    );
    let agree = a.key_fingerprint() == b.key_fingerprint() && a.emojis() == b.emojis();
    println!("{}", if agree { "both ends agree" } else { "MISMATCH" });
    agree
}

fn man_in_the_middle(net: &mut Network, caller: &Client, callee: &Client) -> bool {
    println!(
        "\n== {} calls {}, the relay swaps g_b ==",
        caller.name, callee.name
    );
    let start = net.log().len();
    let report = run_call(net, caller, callee, Relay::SwapGb);
    print_log(net, start);
    let report = match report {
        Ok(report) => report,
        Err(e) => {
            println!("call failed before its last step: {e}");
            return false;
        }
    };
    // The callee's commitment check passes (g_a is the caller's), but the key differs.
    let callee_fp = match &report.callee {
        Err(e @ CallError::FingerprintMismatch { expected, .. }) => {
            println!("{:>7}: rejects the call: {e}", callee.name);
            *expected
        }
        other => {
            println!("{:>7}: NOT detected: {other:?}", callee.name);
            return false;
        }
    };
    // The caller cannot tell on its own: its key is the relay's. Its fingerprint and emojis
    // differ from the callee's, which the users see.
    let Ok(a) = &report.caller else {
        println!("{:>7}: {:?}", caller.name, report.caller);
        return false;
    };
    let relay_holds_key = matches!(&report.relay, Some(Ok(m)) if m.key() == a.key());
    println!(
        "{:>7}: fingerprint {} (callee's: {callee_fp}), emojis {}; the relay holds its key: {}",
        caller.name,
        a.key_fingerprint(),
        a.emojis().concat(),
        relay_holds_key
    );
    let detected = a.key_fingerprint() != callee_fp;
    if detected {
        println!(
            "man in the middle detected: {}'s check fails, and {}'s fingerprint and emojis \
             differ from {}'s",
            callee.name, caller.name, callee.name
        );
    } else {
        println!("NOT detected");
    }
    detected
}

fn refused_call(net: &mut Network, caller: &Client, callee: &Client) -> bool {
    println!(
        "\n== {} calls {}, whose privacy settings forbid it ==",
        caller.name, callee.name
    );
    net.refuse_calls_to(callee);
    let start = net.log().len();
    let result = run_call(net, caller, callee, Relay::Honest);
    print_log(net, start);
    match result {
        Err(SimError::RequestCall(e @ RequestCallError::UserPrivacyRestricted)) => {
            println!(
                "typed error: RequestCallError::UserPrivacyRestricted (code {}, {}): {e}",
                e.code(),
                e.name()
            );
            true
        }
        other => {
            println!("expected RequestCallError::UserPrivacyRestricted, got {other:?}");
            false
        }
    }
}
