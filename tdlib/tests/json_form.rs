//! TDLib's JSON form in the corners TDLib's own output does not reach: `@type` after other
//! fields, objects of a `@type` these bindings do not know, absent and `null` fields, numbers
//! as strings, and hostile input.

#[macro_use]
mod common;

needs_the_whole_td_api!();

#[cfg(td_api_full)]
mod with_the_whole_td_api {
    use super::common;

    use tl_runtime::tdjson::{FromJson, ToJson};
    use tl_tdlib::td_api::{enums, types};

    #[test]
    fn type_anywhere_unknown_types_kept_and_absent_fields_defaulted() {
        // `@type` last (TDLib writes it first; people do not always).
        let update = enums::Update::from_json(
            r#"{"for_dark_theme":true,"extra_field_of_a_newer_tdlib":[1],"@type":"updateDefaultBackground"}"#,
        )
        .unwrap();
        // `background` may be null: absent is `None`, and `None` is left out again.
        let enums::Update::DefaultBackground(ref changed) = update else {
            panic!("{update:?}")
        };
        assert!(changed.for_dark_theme && changed.background.is_none());
        assert_eq!(
            update.to_json(),
            r#"{"@type":"updateDefaultBackground","for_dark_theme":true}"#
        );
        let explicit_null = enums::Update::from_json(
            r#"{"@type":"updateDefaultBackground","for_dark_theme":true,"background":null}"#,
        )
        .unwrap();
        assert_eq!(explicit_null, update);

        // A `@type` of a newer TDLib, inside a known object: kept, and written back as it came.
        let json = r#"{"@type":"updateOption","name":"x","value":{"@type":"optionValueFromTheFuture","v":[1,{"a":null}],"w":"s"}}"#;
        let update = enums::Update::from_json(json).unwrap();
        let enums::Update::Option(types::UpdateOption {
            value: enums::OptionValue::Unknown(ref unknown),
            ..
        }) = update
        else {
            panic!("{update:?}")
        };
        assert_eq!(unknown.type_name(), "optionValueFromTheFuture");
        assert_eq!(common::tree(&update.to_json()), common::tree(json));
        // At the top too.
        let update = enums::Update::from_json(r#"{"v":1,"@type":"updateFromTheFuture"}"#).unwrap();
        assert_eq!(update.tl_name(), "updateFromTheFuture");
        assert_eq!(update.to_json(), r#"{"@type":"updateFromTheFuture","v":1}"#);

        // Absent numbers and strings are TDLib's defaults; numbers may come as strings (int53)
        // or as numbers (int64).
        let update =
            enums::Update::from_json(r#"{"@type":"updateChatTitle","chat_id":"-100"}"#).unwrap();
        assert_eq!(
            update,
            types::UpdateChatTitle {
                chat_id: -100,
                title: "".into()
            }
            .into()
        );
        assert_eq!(
            update.to_json(),
            r#"{"@type":"updateChatTitle","chat_id":-100,"title":""}"#
        );
        let value =
            enums::OptionValue::from_json(r#"{"@type":"optionValueInteger","value":5}"#).unwrap();
        assert_eq!(
            value.to_json(),
            r#"{"@type":"optionValueInteger","value":"5"}"#
        );
    }

    #[test]
    fn what_does_not_fit_is_an_error_that_says_where_and_why() {
        let error = |json: &str| match enums::Update::from_json(json) {
            Ok(v) => panic!("{json} read as {v:?}"),
            Err(e) => e.to_string(),
        };
        // An object that may not be null, absent.
        let e = error(r#"{"@type":"updateOption","name":"x"}"#);
        assert!(e.contains("missing field `value` of `updateOption`"), "{e}");
        // A constructor of another type where a bare one is expected.
        let e = types::TestInt::from_json(r#"{"@type":"testString","value":"1"}"#).unwrap_err();
        assert!(
            e.to_string()
                .contains("expected an object of type `testInt`, found `testString`"),
            "{e}"
        );
        // Out of range, not base64, no `@type`, trailing text.
        let e = error(r#"{"@type":"updateChatTitle","chat_id":1e400}"#);
        assert!(e.contains("line 1"), "{e}");
        let e = error(r#"{"@type":"updateChatTitle","chat_id":"9223372036854775808"}"#);
        assert!(e.contains("an int53"), "{e}");
        let e = types::TestBytes::from_json(r#"{"@type":"testBytes","value":"%%%"}"#).unwrap_err();
        assert!(e.to_string().contains("not base64"), "{e}");
        let e = error(r#"{"name":"x"}"#);
        assert!(e.contains("without `@type`"), "{e}");
        let e = error(r#"{"@type":"updateChatTitle"} x"#);
        assert!(e.contains("trailing"), "{e}");
        // Deep nesting: skipped without recursion where a field is ignored; past serde_json's
        // recursion limit, an error (not a stack overflow) where it is read, as in the buffered
        // path (`@type` last).
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = error(&format!(
            r#"{{"@type":"updateOption","name":"x","skipped":{deep}}}"#
        ));
        assert!(e.contains("missing field `value`"), "{e}");
        let e = error(&format!(r#"{{"skipped":{deep},"@type":"updateOption"}}"#));
        assert!(e.contains("recursion limit"), "{e}");
        let nested = format!(
            "{}{}",
            r#"{"@type":"updateOption","name":"x","value":"#.repeat(2_000),
            "}".repeat(2_000)
        );
        assert!(enums::Update::from_json(&nested).is_err());
    }
}
