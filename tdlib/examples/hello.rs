//! The README's TDLib example: a synchronous request, a request to a client and its typed
//! answer, the updates, and closing the client.
//!
//! TDJSON_LIBRARY=../shared/tdlib-1.8.66/libtdjson.so.1.8.66 cargo run -p tl-tdlib --example hello

#[cfg(not(td_api_full))]
fn main() {
    eprintln!("the bindings are of the generator tests' excerpt: this needs ../shared's td_api.tl");
}

#[cfg(td_api_full)]
fn main() -> Result<(), tl_runtime::tdjson::client::Error> {
    use std::time::Duration;

    use tl_runtime::tdjson::client::{Client, Tdjson};
    use tl_tdlib::td_api::{enums, functions};

    // The path in TDJSON_LIBRARY, or the system's libtdjson.
    let td = Tdjson::from_env()?;
    td.execute(&functions::SetLogVerbosityLevel {
        new_verbosity_level: 1,
    })?;
    // Synchronous requests.
    let version = td.execute(&functions::GetOption {
        name: "version".into(),
    })?;
    println!("TDLib {version:?}");
    // Requests to a client: the typed answer, matched by `@extra`; TDLib's errors as
    // `Error::Td(TdError { code, message })`.
    let mut client: Client<enums::Update> = Client::new(td);
    let id = client.create_client_id();
    let wait = Duration::from_secs(5);
    let square = client.send(id, &functions::TestSquareInt { x: 12 }, wait)?;
    println!("{square:?}");
    if let Err(e) = client.send(id, &functions::GetMe {}, wait) {
        println!("getMe: {e}");
    }
    // Updates (those that came while `send` waited first).
    while let Some(update) = client.receive(Duration::from_millis(500))? {
        println!("{:?}", update.update);
    }
    // Closed before the process ends: TDLib's threads must be done by then.
    client.send(id, &functions::Close {}, wait)?;
    while let Some(update) = client.receive(wait)? {
        if let enums::Update::AuthorizationState(state) = update.update {
            if let enums::AuthorizationState::Closed(_) = state.authorization_state {
                break;
            }
        }
    }
    Ok(())
}
