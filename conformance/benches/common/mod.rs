//! The benchmark payload: a `messages.messagesSlice` as a chat history page looks, built
//! deterministically with our generated types and encoded once. Both libraries are then timed
//! on the very same bytes.
//!
//! 1000 messages (text of varying length, 1-4 entities, a photo with three sizes on half of
//! them, a reply header on a third, a forward header on a tenth), 200 users and 5 channels.

#![allow(dead_code)] // each bench uses part of this

use bytes::Bytes;
use grammers_tl_types as grammers;
use tl_conformance::bindings::{enums, types};
use tl_conformance::Rng;
use tl_runtime::wire::TlString;
use tl_runtime::wire::{Deserialize, Serialize};

pub const MESSAGES: usize = 1000;
pub const USERS: usize = 200;
pub const CHANNELS: usize = 5;

/// `base` plus up to `spread - 1` random bytes.
fn bytes_about(rng: &mut Rng, base: usize, spread: usize) -> Bytes {
    let n = base + rng.below(spread);
    rng.bytes(n).into()
}

const WORDS: &[&str] = &[
    "the",
    "call",
    "starts",
    "at",
    "nine",
    "tomorrow",
    "please",
    "bring",
    "notes",
    "about",
    "layer",
    "schema",
    "release",
    "Привет",
    "como",
    "estás",
    "😀",
    "deploy",
    "review",
    "ok",
];

fn text(rng: &mut Rng, words: usize) -> TlString {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[rng.below(WORDS.len())]);
    }
    out.into()
}

fn peer_user(user_id: i64) -> enums::Peer {
    types::PeerUser { user_id }.into()
}

fn peer_channel(channel_id: i64) -> enums::Peer {
    types::PeerChannel { channel_id }.into()
}

fn entities(rng: &mut Rng, text_len: i32) -> Vec<enums::MessageEntity> {
    let n = 1 + rng.below(4) as i32;
    (0..n)
        .map(|i| {
            let offset = (text_len / n) * i;
            let length = (text_len / n).max(1);
            match rng.below(4) {
                0 => types::MessageEntityBold { offset, length }.into(),
                1 => types::MessageEntityItalic { offset, length }.into(),
                2 => types::MessageEntityMention { offset, length }.into(),
                _ => types::MessageEntityTextUrl {
                    offset,
                    length,
                    url: format!("https://example.org/page/{}", rng.below(100_000)).into(),
                }
                .into(),
            }
        })
        .collect()
}

fn photo(rng: &mut Rng, id: i64) -> enums::MessageMedia {
    let sizes: Vec<enums::PhotoSize> = vec![
        types::PhotoStrippedSize {
            r#type: TlString::from_static("i"),
            bytes: bytes_about(rng, 100, 60),
        }
        .into(),
        types::PhotoSize {
            r#type: TlString::from_static("m"),
            w: 320,
            h: 240,
            size: 20_000 + rng.below(10_000) as i32,
        }
        .into(),
        types::PhotoSize {
            r#type: TlString::from_static("x"),
            w: 800,
            h: 600,
            size: 90_000 + rng.below(50_000) as i32,
        }
        .into(),
    ];
    let photo = types::Photo {
        has_stickers: false,
        id,
        access_hash: rng.next_u64() as i64,
        file_reference: rng.bytes(29).into(),
        date: 1_700_000_000 + rng.below(1_000_000) as i32,
        sizes,
        video_sizes: None,
        dc_id: 2,
    };
    types::MessageMediaPhoto {
        spoiler: false,
        photo: Some(photo.into()),
        ttl_seconds: None,
        video: None,
    }
    .into()
}

fn reply_header(rng: &mut Rng, to: i32) -> enums::MessageReplyHeader {
    types::MessageReplyHeader {
        reply_to_scheduled: false,
        forum_topic: false,
        quote: false,
        reply_to_ephemeral: false,
        reply_to_msg_id: Some(to),
        reply_to_peer_id: None,
        reply_from: None,
        reply_media: None,
        reply_to_top_id: None,
        quote_text: (rng.below(2) == 0).then(|| text(rng, 3)),
        quote_entities: None,
        quote_offset: None,
        todo_item_id: None,
        poll_option: None,
    }
    .into()
}

fn fwd_header(rng: &mut Rng) -> enums::MessageFwdHeader {
    types::MessageFwdHeader {
        imported: false,
        saved_out: false,
        from_id: Some(peer_user(1000 + rng.below(USERS) as i64)),
        from_name: None,
        date: 1_690_000_000 + rng.below(1_000_000) as i32,
        channel_post: None,
        post_author: None,
        saved_from_peer: None,
        saved_from_id: None,
        saved_from_name: None,
        saved_date: None,
        psa_type: None,
    }
    .into()
}

fn message(rng: &mut Rng, id: i32) -> enums::Message {
    let words = 5 + rng.below(60);
    let body = text(rng, words);
    let text_len = body.encode_utf16().count() as i32;
    let from = 1000 + rng.below(USERS) as i64;
    types::Message {
        out: rng.below(4) == 0,
        mentioned: false,
        media_unread: false,
        silent: false,
        post: false,
        from_scheduled: false,
        legacy: false,
        edit_hide: false,
        pinned: false,
        noforwards: false,
        invert_media: false,
        offline: false,
        video_processing_pending: false,
        paid_suggested_post_stars: false,
        paid_suggested_post_ton: false,
        id,
        from_id: Some(peer_user(from)),
        from_boosts_applied: None,
        from_rank: None,
        peer_id: peer_channel(500 + rng.below(CHANNELS) as i64),
        saved_peer_id: None,
        fwd_from: (id % 10 == 0).then(|| fwd_header(rng).into()),
        via_bot_id: None,
        via_business_bot_id: None,
        guestchat_via_from: None,
        reply_to: (id % 3 == 0).then(|| {
            let to = id - 1 - rng.below(20) as i32;
            reply_header(rng, to).into()
        }),
        date: 1_700_000_000 + id * 37,
        message: body,
        media: (id % 2 == 0).then(|| photo(rng, 10_000 + id as i64).into()),
        reply_markup: None,
        entities: Some(entities(rng, text_len)),
        views: None,
        replies: None,
        edit_date: (id % 7 == 0).then_some(1_700_000_100 + id * 37),
        post_author: None,
        grouped_id: None,
        reactions: None,
        restriction_reason: None,
        ttl_period: None,
        quick_reply_shortcut_id: None,
        effect: None,
        factcheck: None,
        report_delivery_until_date: None,
        paid_message_stars: None,
        suggested_post: None,
        schedule_repeat_period: None,
        summary_from_language: None,
        rich_message: None,
    }
    .into()
}

fn user(rng: &mut Rng, id: i64) -> enums::User {
    types::User {
        is_self: false,
        contact: rng.below(3) == 0,
        mutual_contact: false,
        deleted: false,
        bot_chat_history: false,
        bot_nochats: false,
        verified: false,
        min: false,
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: true,
        fake: false,
        bot_attach_menu: false,
        premium: rng.below(5) == 0,
        attach_menu_enabled: false,
        bot_can_edit: false,
        close_friend: false,
        stories_hidden: false,
        stories_unavailable: true,
        contact_require_premium: false,
        bot_business: false,
        bot_has_main_app: false,
        bot_forum_view: false,
        bot_forum_can_manage_topics: false,
        bot_can_manage_bots: false,
        bot_guestchat: false,
        bot_guard: false,
        id,
        access_hash: Some(rng.next_u64() as i64),
        first_name: Some(text(rng, 1)),
        last_name: (rng.below(2) == 0).then(|| text(rng, 1)),
        username: Some(format!("user{id}").into()),
        phone: None,
        photo: Some(
            types::UserProfilePhoto {
                has_video: false,
                personal: false,
                photo_id: rng.next_u64() as i64,
                stripped_thumb: Some(bytes_about(rng, 80, 40)),
                dc_id: 2,
            }
            .into(),
        ),
        status: Some(
            types::UserStatusOffline {
                was_online: 1_700_000_000 + rng.below(100_000) as i32,
            }
            .into(),
        ),
        bot_info_version: None,
        restriction_reason: None,
        bot_inline_placeholder: None,
        lang_code: Some(TlString::from_static("en")),
        emoji_status: None,
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        bot_active_users: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_community_id: None,
    }
    .into()
}

fn channel(rng: &mut Rng, id: i64) -> enums::Chat {
    types::Channel {
        creator: false,
        left: false,
        broadcast: false,
        verified: false,
        megagroup: true,
        signatures: false,
        min: false,
        scam: false,
        has_link: false,
        has_geo: false,
        slowmode_enabled: false,
        call_active: false,
        call_not_empty: false,
        fake: false,
        gigagroup: false,
        noforwards: false,
        join_to_send: false,
        join_request: false,
        forum: false,
        stories_hidden: false,
        stories_hidden_min: false,
        stories_unavailable: false,
        signature_profiles: false,
        autotranslation: false,
        broadcast_messages_allowed: false,
        monoforum: false,
        forum_tabs: false,
        id,
        access_hash: Some(rng.next_u64() as i64),
        title: text(rng, 3),
        username: Some(format!("channel{id}").into()),
        photo: types::ChatPhoto {
            has_video: false,
            photo_id: rng.next_u64() as i64,
            stripped_thumb: Some(rng.bytes(90).into()),
            dc_id: 2,
        }
        .into(),
        date: 1_600_000_000 + rng.below(1_000_000) as i32,
        restriction_reason: None,
        admin_rights: None,
        banned_rights: None,
        default_banned_rights: None,
        participants_count: Some(1000 + rng.below(100_000) as i32),
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        emoji_status: None,
        level: None,
        subscription_until_date: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_monoforum_id: None,
        linked_community_id: None,
    }
    .into()
}

/// The slice, as our types.
pub fn messages_slice() -> enums::messages::Messages {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let messages = (0..MESSAGES as i32)
        .map(|i| message(&mut rng, 100_000 - i))
        .collect();
    let chats = (0..CHANNELS as i64)
        .map(|i| channel(&mut rng, 500 + i))
        .collect();
    let users = (0..USERS as i64)
        .map(|i| user(&mut rng, 1000 + i))
        .collect();
    types::messages::MessagesSlice {
        inexact: false,
        count: 25_000,
        next_rate: Some(100_000 - MESSAGES as i32),
        offset_id_offset: None,
        search_flood: None,
        messages,
        topics: Vec::new(),
        chats,
        users,
    }
    .into()
}

/// The encoded payload, checked: our decoder and grammers-tl-types' both read it back and
/// re-encode it to the very same bytes.
pub fn payload() -> Bytes {
    let bytes = Bytes::from(messages_slice().to_bytes());
    let ours = enums::messages::Messages::from_bytes(bytes.clone()).expect("ours decodes it");
    assert_eq!(ours.to_bytes(), bytes, "ours re-encodes the same bytes");
    let theirs =
        <grammers::enums::messages::Messages as grammers::Deserializable>::from_bytes(&bytes)
            .expect("grammers decodes it");
    assert_eq!(
        grammers::Serializable::to_bytes(&theirs),
        bytes,
        "grammers re-encodes the same bytes"
    );
    bytes
}

/// One line describing the payload.
pub fn describe(bytes: &Bytes) -> String {
    format!(
        "messages.messagesSlice: {} bytes ({MESSAGES} messages, {USERS} users, {CHANNELS} channels)",
        bytes.len()
    )
}
