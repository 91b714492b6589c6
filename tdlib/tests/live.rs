//! The generated td_api bindings against the real TDLib 1.8.66 (`libtdjson` of the shared
//! material): synchronous requests, the `testCall*` echoes, a rejected request, and every
//! update TDLib emits after `setTdlibParameters` (test DC, a temporary directory, no network
//! needed: it emits them while failing to connect).

#[macro_use]
mod common;

needs_the_whole_td_api!();

#[cfg(td_api_full)]
mod with_the_whole_td_api {
    use super::common;

    use std::fmt::Debug;
    use std::time::{Duration, Instant};

    use tl_runtime::bytes::Bytes;
    use tl_runtime::tdjson::client::{Client, ClientId, Error, Tdjson};
    use tl_runtime::tdjson::{FromJson, Function, ToJson};
    use tl_runtime::wire::TlString;
    use tl_tdlib::td_api::{enums, functions, types};

    fn tdjson() -> Tdjson {
        let td = Tdjson::load(common::tdlib_dir().join("libtdjson.so.1.8.66")).expect("load TDLib");
        let quiet = functions::SetLogVerbosityLevel {
            new_verbosity_level: 0,
        };
        td.execute(&quiet).expect("TDLib's log goes quiet");
        td
    }

    /// The JSON tree of `json` without the `@client_id` and `@extra` that TDLib adds to what a
    /// client receives (kept by the client, not by the value).
    fn tree_of_value(json: &str) -> serde_json::Value {
        let mut tree = common::tree(json);
        if let Some(map) = tree.as_object_mut() {
            map.remove("@client_id");
            map.remove("@extra");
        }
        tree
    }

    /// Runs `request` synchronously: what TDLib printed, read into the generated types and
    /// written back, is the same JSON tree; the typed answer.
    fn execute<F>(td: &Tdjson, request: &F) -> F::Return
    where
        F: Function,
        F::Return: ToJson + PartialEq + Debug,
    {
        let printed = td
            .execute_json(&request.to_json())
            .unwrap()
            .unwrap_or_else(|| panic!("no answer to {}", request.to_json()));
        let read = F::Return::from_json(&printed).unwrap_or_else(|e| panic!("{e}: {printed}"));
        assert_eq!(common::tree(&read.to_json()), common::tree(&printed));
        assert!(
            !format!("{read:?}").contains("(UnknownObject {"),
            "{printed}"
        );
        let typed = td.execute(request).unwrap();
        assert_eq!(typed, read);
        typed
    }

    /// `value` with every number as a double.
    fn as_doubles(value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::Number(n) => n.as_f64().map_or(Value::Null, |f| serde_json::json!(f)),
            Value::Array(items) => Value::Array(items.into_iter().map(as_doubles).collect()),
            Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, as_doubles(v))).collect())
            }
            other => other,
        }
    }

    fn text(s: &str) -> TlString {
        TlString::from(s)
    }

    #[test]
    fn synchronous_requests_decode_and_reencode_as_tdlib_printed_them() {
        let td = tdjson();
        let enums::TextEntities::TextEntities(found) = execute(
            &td,
            &functions::GetTextEntities {
                text: text("@user http://example.com #tag $USD /cmd ✓ e@mail.com"),
            },
        ) else {
            panic!("an unknown answer")
        };
        assert_eq!(found.entities.len(), 6, "{found:?}");
        assert!(matches!(
            found.entities[0].r#type,
            enums::TextEntityType::Mention(_)
        ));

        let enums::FormattedText::FormattedText(parsed) = execute(
            &td,
            &functions::ParseTextEntities {
                text: text("*bold* _it_ `code` [link](http://t.me) Ω"),
                parse_mode: types::TextParseModeMarkdown { version: 2 }.into(),
            },
        ) else {
            panic!("an unknown answer")
        };
        assert_eq!(parsed.text, "bold it code link Ω");
        assert_eq!(parsed.entities.len(), 4);
        execute(&td, &functions::GetMarkdownText { text: parsed });

        let json = r#"{"a":[1,2.5,true,null,"s ✓"],"b":{"c":-9007199254740991}}"#;
        let value = execute(&td, &functions::GetJsonValue { json: text(json) });
        let enums::Text::Text(back) = execute(&td, &functions::GetJsonString { json_value: value })
        else {
            panic!("an unknown answer")
        };
        // TDLib writes every JSON number as a double (`1.000000`).
        assert_eq!(
            as_doubles(common::tree(&back.text)),
            as_doubles(common::tree(json))
        );

        let enums::Text::Text(flag) = execute(
            &td,
            &functions::GetCountryFlagEmoji {
                country_code: text("DE"),
            },
        ) else {
            panic!("an unknown answer")
        };
        assert_eq!(flag.text, "🇩🇪");
        let enums::PhoneNumberInfo::PhoneNumberInfo(info) = execute(
            &td,
            &functions::GetPhoneNumberInfoSync {
                language_code: text("en"),
                phone_number_prefix: text("4915"),
            },
        ) else {
            panic!("an unknown answer")
        };
        assert_eq!(
            info.country.as_ref().map(|c| c.country_code.as_str()),
            Some("DE")
        );
        execute(
            &td,
            &functions::GetFileMimeType {
                file_name: text("a.png"),
            },
        );
        let version = execute(
            &td,
            &functions::GetOption {
                name: text("version"),
            },
        );
        let enums::OptionValue::String(version) = version else {
            panic!("{version:?}")
        };
        assert_eq!(version.value, "1.8.66");
        execute(
            &td,
            &functions::SearchStringsByPrefix {
                strings: vec![text("alpha"), text("beta"), text("alphabet")],
                query: text("alp"),
                limit: 10,
                return_none_for_empty_query: true,
            },
        );

        // An error TDLib returns is the typed error.
        let request = functions::TestReturnError {
            error: types::Error {
                code: 418,
                message: text("teapot ✓"),
            },
        };
        match td.execute(&request) {
            Err(Error::Td(e)) => {
                assert_eq!((e.code, e.message.as_str()), (418, "teapot ✓"));
            }
            other => panic!("{other:?}"),
        }
    }

    /// How long the client test waits for any one answer of TDLib's.
    const WAIT: Duration = Duration::from_secs(20);

    /// Sends `request` to `id` through `client`: TDLib's answer is `expected`.
    fn echoes<F>(client: &mut Client<enums::Update>, id: ClientId, request: F, expected: F::Return)
    where
        F: Function,
        F::Return: PartialEq + Debug,
    {
        let answer = client.send(id, &request, WAIT);
        assert_eq!(answer.unwrap(), expected);
    }

    /// Everything through one client, in order: TDLib allows one receive loop per process.
    #[test]
    fn a_client_echoes_typed_values_rejects_typed_errors_and_every_update_decodes() {
        let mut client: Client<enums::Update> = Client::new(tdjson());
        let id = client.create_client_id();

        client
            .send(id, &functions::TestCallEmpty {}, WAIT)
            .expect("testCallEmpty");
        for x in [0, -46_340, 46_340] {
            let square = types::TestInt { value: x * x }.into();
            echoes(&mut client, id, functions::TestSquareInt { x }, square);
        }
        let strange = text("é ✓ \"q\" \\ \n\t 𝄞 Ω 中文");
        let value = strange.clone();
        let request = functions::TestCallString { x: value.clone() };
        echoes(&mut client, id, request, types::TestString { value }.into());
        let value: Bytes = (0..=255u8).rev().chain(0..=255).collect::<Vec<u8>>().into();
        let request = functions::TestCallBytes { x: value.clone() };
        echoes(&mut client, id, request, types::TestBytes { value }.into());
        let ints = vec![i32::MIN, -1, 0, 1, i32::MAX];
        let request = functions::TestCallVectorInt { x: ints.clone() };
        let expected = types::TestVectorInt {
            value: ints.clone(),
        }
        .into();
        echoes(&mut client, id, request, expected);
        let value: Vec<types::TestInt> =
            ints.iter().map(|&value| types::TestInt { value }).collect();
        let request = functions::TestCallVectorIntObject { x: value.clone() };
        echoes(
            &mut client,
            id,
            request,
            types::TestVectorIntObject { value }.into(),
        );
        let strings = vec![text(""), strange.clone(), text("plain")];
        let request = functions::TestCallVectorString { x: strings.clone() };
        let expected = types::TestVectorString {
            value: strings.clone(),
        }
        .into();
        echoes(&mut client, id, request, expected);
        let value: Vec<types::TestString> = strings
            .into_iter()
            .map(|value| types::TestString { value })
            .collect();
        let request = functions::TestCallVectorStringObject { x: value.clone() };
        echoes(
            &mut client,
            id,
            request,
            types::TestVectorStringObject { value }.into(),
        );

        // Rejected before `setTdlibParameters`: the typed error.
        match client.send(id, &functions::GetChat { chat_id: 5 }, WAIT) {
            Err(Error::Td(e)) => {
                assert_eq!(e.code, 400);
                assert!(e.message.contains("setTdlibParameters"), "{e}");
            }
            other => panic!("{other:?}"),
        }

        // A second TDLib client beside the first: its answers and updates carry its id.
        let other = client.create_client_id();
        assert_ne!(other, id);
        let square = types::TestInt { value: 81 }.into();
        echoes(
            &mut client,
            other,
            functions::TestSquareInt { x: 9 },
            square,
        );
        client
            .send(other, &functions::Close {}, WAIT)
            .expect("close the second client");

        // The updates that came meanwhile, typed (the version option among them), each with the
        // client it is for; the second one's end with its closing.
        let mut version = None;
        let mut other_closed = false;
        let closed_by = Instant::now() + WAIT;
        loop {
            let left = closed_by.saturating_duration_since(Instant::now());
            let Some(update) = client
                .receive(left.min(Duration::from_millis(500)))
                .unwrap()
            else {
                if other_closed || left.is_zero() {
                    break;
                }
                continue;
            };
            assert!(
                update.client_id == id || update.client_id == other,
                "{update:?}"
            );
            assert!(
                !format!("{update:?}").contains("(UnknownObject {"),
                "{update:?}"
            );
            if update.client_id == other {
                if let enums::Update::AuthorizationState(types::UpdateAuthorizationState {
                    authorization_state: enums::AuthorizationState::Closed(_),
                }) = update.update
                {
                    other_closed = true;
                }
                continue;
            }
            if let enums::Update::Option(types::UpdateOption {
                name,
                value: enums::OptionValue::String(v),
            }) = update.update
            {
                if name == "version" {
                    version = Some(v.value);
                }
            }
        }
        assert!(other_closed, "the second client closed");
        assert_eq!(version.as_ref().map(TlString::as_str), Some("1.8.66"));

        let dir = std::env::temp_dir().join(format!("tl-tdlib-live-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let parameters = functions::SetTdlibParameters {
            use_test_dc: true,
            database_directory: text(&dir.to_string_lossy()),
            files_directory: text(""),
            database_encryption_key: Bytes::new(),
            use_file_database: false,
            use_chat_info_database: false,
            use_message_database: false,
            use_secret_chats: false,
            // TDLib's published example credentials: the client never gets past connecting.
            api_id: 94_575,
            api_hash: text("a3406de8d171bb422bb6ddf3bbd800e2"),
            system_language_code: text("en"),
            device_model: text("tl-tdlib test"),
            system_version: text(""),
            application_version: text("0.1"),
        };

        // Every update for a few seconds, as TDLib printed it: read, written back, the same tree.
        let mut seen = std::collections::BTreeMap::<String, usize>::new();
        let mut read = |json: &str| {
            let back = tl_tdlib::reencode_as::<enums::Update>(json)
                .unwrap_or_else(|e| panic!("{e}: {json}"));
            assert!(!back.holds_unknown, "{json}");
            assert_eq!(common::tree(&back.json), tree_of_value(json));
            let name = common::tree(json)["@type"]
                .as_str()
                .unwrap_or("")
                .to_owned();
            *seen.entry(name).or_default() += 1;
        };
        // Sent as text and received as text, to compare with what TDLib printed: TDLib emits
        // most updates before its answer, which `Client::send` would read.
        let request = parameters.to_json();
        let request = format!(
            "{},\"@extra\":\"parameters\"}}",
            &request[..request.len() - 1]
        );
        client.tdjson().send_json(id, &request).unwrap();
        let mut answered = false;
        let deadline = Instant::now() + Duration::from_secs(6);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Some(json) = client
                .tdjson()
                .receive_json(left.min(Duration::from_millis(500)))
            else {
                continue;
            };
            if common::tree(&json).get("@extra").is_some() {
                assert_eq!(
                    tree_of_value(&json),
                    serde_json::json!({"@type": "ok"}),
                    "{json}"
                );
                answered = true;
            } else {
                read(&json);
            }
        }
        assert!(answered, "no answer to setTdlibParameters");
        let total: usize = seen.values().sum();
        eprintln!("{total} updates of {} kinds: {seen:?}", seen.len());
        assert!(total >= 50, "{seen:?}");
        assert!(seen.len() >= 5, "{seen:?}");
        assert!(seen.contains_key("updateConnectionState"), "{seen:?}");

        // int64 extremes through TDLib: an option of the application's own (`x-` names).
        for value in [i64::MIN, i64::MAX] {
            let option = functions::SetOption {
                name: text("x-tl-tdlib"),
                value: Some(types::OptionValueInteger { value }.into()),
            };
            client.send(id, &option, WAIT).expect("setOption");
            let got = client
                .send(
                    id,
                    &functions::GetOption {
                        name: text("x-tl-tdlib"),
                    },
                    WAIT,
                )
                .unwrap();
            assert_eq!(got, types::OptionValueInteger { value }.into());
        }

        // Closed before the process exits: TDLib's threads must be done by then.
        client.send(id, &functions::Close {}, WAIT).expect("close");
        let closed = Instant::now() + WAIT;
        loop {
            let left = closed.saturating_duration_since(Instant::now());
            let update = client
                .receive(left)
                .unwrap()
                .expect("TDLib reports the client closed");
            if let enums::Update::AuthorizationState(state) = update.update {
                if let enums::AuthorizationState::Closed(_) = state.authorization_state {
                    break;
                }
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
