//! `KalturaMediaEntry` on the wire: rendering a stored entry with every field of kaltura-api-v3.md 9.1–9.4
//! (URLs pointing at the simulator), and applying an input object on insert or update with the access rules
//! of section 6.2 (read-only, insert-only, admin-only properties).

use crate::ks::Session;
use crate::store::{Entry, media_type, now};
use crate::wire::error::ApiError;
use crate::wire::out::{Object, Out};
use crate::wire::params::{Field, Map, check_xml_chars, to_int, to_time};

const CLASS: &str = "KalturaMediaEntry";

/// Longest free-text property accepted (the real columns are of similar size).
const MAX_TEXT_LEN: usize = 65_535;

/// How an input property is treated.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// Free text kept in `Entry::text`.
    Text,
    /// An integer kept in `Entry::numbers`.
    Int,
    /// A time (relative values allowed) kept in `Entry::numbers`; `-1` removes it.
    Time,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Rule {
    ReadWrite,
    InsertOnly,
    /// Read-write for ADMIN sessions only (`PROPERTY_VALIDATION_ADMIN_PROPERTY`).
    AdminOnly,
}

/// Plain properties: name, storage kind, rule.
const PLAIN: &[(&str, Kind, Rule)] = &[
    ("name", Kind::Text, Rule::ReadWrite),
    ("description", Kind::Text, Rule::ReadWrite),
    ("tags", Kind::Text, Rule::ReadWrite),
    ("adminTags", Kind::Text, Rule::AdminOnly),
    ("categories", Kind::Text, Rule::ReadWrite),
    ("categoriesIds", Kind::Text, Rule::ReadWrite),
    ("partnerData", Kind::Text, Rule::ReadWrite),
    ("referenceId", Kind::Text, Rule::ReadWrite),
    ("redirectEntryId", Kind::Text, Rule::ReadWrite),
    ("parentEntryId", Kind::Text, Rule::ReadWrite),
    ("entitledUsersEdit", Kind::Text, Rule::ReadWrite),
    ("entitledUsersPublish", Kind::Text, Rule::ReadWrite),
    ("entitledUsersView", Kind::Text, Rule::ReadWrite),
    ("creditUserName", Kind::Text, Rule::ReadWrite),
    ("creditUrl", Kind::Text, Rule::ReadWrite),
    ("templateEntryId", Kind::Text, Rule::InsertOnly),
    ("application", Kind::Text, Rule::InsertOnly),
    ("applicationVersion", Kind::Text, Rule::InsertOnly),
    ("sourceVersion", Kind::Text, Rule::InsertOnly),
    ("searchProviderId", Kind::Text, Rule::InsertOnly),
    ("groupId", Kind::Int, Rule::ReadWrite),
    ("licenseType", Kind::Int, Rule::ReadWrite),
    ("accessControlId", Kind::Int, Rule::ReadWrite),
    ("partnerSortValue", Kind::Int, Rule::ReadWrite),
    ("conversionProfileId", Kind::Int, Rule::ReadWrite),
    ("displayInSearch", Kind::Int, Rule::ReadWrite),
    ("startDate", Kind::Time, Rule::AdminOnly),
    ("endDate", Kind::Time, Rule::AdminOnly),
];

/// Properties only the server sets.
const READ_ONLY: &[&str] = &[
    "id",
    "partnerId",
    "status",
    "moderationStatus",
    "moderationCount",
    "createdAt",
    "updatedAt",
    "rank",
    "totalRank",
    "votes",
    "downloadUrl",
    "searchText",
    "version",
    "thumbnailUrl",
    "replacingEntryId",
    "replacedEntryId",
    "replacementStatus",
    "rootEntryId",
    "capabilities",
    "plays",
    "views",
    "lastPlayedAt",
    "width",
    "height",
    "duration",
    "durationType",
    "dataUrl",
    "flavorParamsIds",
    "mediaDate",
];

const MEDIA_TYPES: &[i64] = &[1, 2, 5, 201, 202, 203, 204];
const SOURCE_TYPES: &[&str] = &[
    "1", "2", "5", "6", "29", "30", "31", "32", "33", "34", "35", "36", "37", "42",
];

/// Whether an input object creates or changes an entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Mode {
    Insert,
    Update,
}

/// Renders an entry as `KalturaMediaEntry` with every field.
pub(super) fn render(entry: &Entry, base_url: &str) -> Object {
    let prefix = format!("{base_url}/p/{pid}/sp/{pid}00", pid = entry.partner_id);
    let is_image = entry.media_type == Some(media_type::IMAGE);
    let (data_url, download_url) = if is_image {
        (
            format!(
                "{prefix}/thumbnail/entry_id/{}/def_height/480/def_width/640/version/{}/type/1",
                entry.id, entry.version
            ),
            format!(
                "{prefix}/raw/entry_id/{}/version/{}",
                entry.id, entry.version
            ),
        )
    } else {
        (
            format!(
                "{prefix}/playManifest/entryId/{}/format/url/protocol/http",
                entry.id
            ),
            format!(
                "{prefix}/playManifest/entryId/{}/format/download/protocol/http/flavorParamIds/0",
                entry.id
            ),
        )
    };
    let text = |k: &str| Out::Str(entry.text.get(k).cloned().unwrap_or_default());
    let number = |k: &str| Out::from(entry.numbers.get(k).copied());
    let duration = entry.ms_duration.map(|ms| (ms + 500) / 1000);
    let duration_type = match (is_image, duration) {
        (true, _) => "short",
        (false, None) => "notavailable",
        (false, Some(d)) if d <= 240 => "short",
        (false, Some(d)) if d <= 1200 => "medium",
        (false, Some(_)) => "long",
    };
    let name = entry.text.get("name").map_or("", String::as_str);
    let tags = entry.text.get("tags").map_or("", String::as_str);
    let search_text = format!(
        "_PAR_ONLY_ _{}_ _MEDIA_TYPE_{}|  {name} {tags} ",
        entry.partner_id,
        entry.media_type.unwrap_or(-1)
    );
    Object::new(CLASS)
        .with("mediaType", entry.media_type)
        .with("conversionQuality", number("conversionProfileId"))
        .with("sourceType", entry.source_type.clone())
        .with("searchProviderId", text("searchProviderId"))
        .with("creditUserName", text("creditUserName"))
        .with("creditUrl", text("creditUrl"))
        .with("mediaDate", Out::Null)
        .with("dataUrl", data_url)
        .with("flavorParamsIds", entry.flavor_params_ids.clone())
        .with("plays", 0)
        .with("views", 0)
        .with("lastPlayedAt", Out::Null)
        .with("width", entry.width)
        .with("height", entry.height)
        .with("duration", duration.unwrap_or(0))
        .with("msDuration", entry.ms_duration)
        .with("durationType", duration_type)
        .with("id", entry.id.clone())
        .with("name", text("name"))
        .with("description", text("description"))
        .with("partnerId", entry.partner_id)
        .with("userId", entry.user_id.clone())
        .with("creatorId", entry.creator_id.clone())
        .with("tags", text("tags"))
        .with("adminTags", text("adminTags"))
        .with("categories", text("categories"))
        .with("categoriesIds", text("categoriesIds"))
        .with("status", entry.status)
        .with("moderationStatus", entry.moderation_status)
        .with("moderationCount", 0)
        .with("type", to_int(&entry.entry_type))
        .with("createdAt", entry.created_at)
        .with("updatedAt", entry.updated_at)
        .with("rank", 0.0)
        .with("totalRank", 0)
        .with("votes", 0)
        .with("groupId", number("groupId"))
        .with("partnerData", text("partnerData"))
        .with("downloadUrl", download_url)
        .with("searchText", search_text)
        .with("licenseType", number("licenseType"))
        .with("version", entry.version)
        .with(
            "thumbnailUrl",
            format!(
                "{prefix}/thumbnail/entry_id/{}/version/{}",
                entry.id, entry.thumb_version
            ),
        )
        .with("accessControlId", number("accessControlId"))
        .with("startDate", number("startDate"))
        .with("endDate", number("endDate"))
        .with("referenceId", text("referenceId"))
        .with("replacingEntryId", Out::Null)
        .with("replacedEntryId", Out::Null)
        .with("replacementStatus", 0)
        .with("partnerSortValue", number("partnerSortValue"))
        .with("conversionProfileId", number("conversionProfileId"))
        .with("redirectEntryId", text("redirectEntryId"))
        .with("rootEntryId", entry.id.clone())
        .with("parentEntryId", text("parentEntryId"))
        .with("operationAttributes", Out::List(Vec::new()))
        .with("entitledUsersEdit", text("entitledUsersEdit"))
        .with("entitledUsersPublish", text("entitledUsersPublish"))
        .with("entitledUsersView", text("entitledUsersView"))
        .with("capabilities", "")
        .with("templateEntryId", text("templateEntryId"))
        .with("displayInSearch", number("displayInSearch"))
        .with("application", text("application"))
        .with("applicationVersion", text("applicationVersion"))
        .with("blockAutoTranscript", false)
}

/// Applies an input `KalturaMediaEntry` (or `KalturaBaseEntry`) to `entry`. Validates everything before
/// changing anything, so an error leaves the entry as it was.
pub(super) fn apply(
    entry: &mut Entry,
    input: &Map,
    mode: Mode,
    session: &Session,
    base_url: &str,
) -> Result<(), ApiError> {
    let before = render(entry, base_url);
    let prop = |name: &str| format!("{CLASS}::{name}");
    for name in READ_ONLY {
        if let Field::Str(sent) = crate::wire::params::field(input, name) {
            let unchanged =
                mode == Mode::Update && before.get(name).map(Out::to_text).as_deref() == Some(sent);
            if !unchanged {
                return Err(ApiError::not_updatable(&prop(name)));
            }
        }
    }
    let mut next = entry.clone();
    for (name, kind, rule) in PLAIN {
        let field = crate::wire::params::field(input, name);
        if field == Field::Absent {
            continue;
        }
        let value = match field {
            Field::Str(s) => Some(s),
            Field::Map(_) => return Err(ApiError::wrong_format(&prop(name), "string")),
            Field::Null | Field::Absent => None,
        };
        if *rule == Rule::AdminOnly && !session.is_admin() {
            return Err(ApiError::admin_property(name));
        }
        if *rule == Rule::InsertOnly && mode == Mode::Update {
            let stored = before.get(name).map(Out::to_text).unwrap_or_default();
            if value.unwrap_or("") != stored {
                return Err(ApiError::not_updatable(&prop(name)));
            }
            continue;
        }
        match (kind, value) {
            (Kind::Text, Some(v)) => {
                check_xml_chars(name, v)?;
                if v.len() > MAX_TEXT_LEN {
                    return Err(ApiError::max_length(&prop(name), MAX_TEXT_LEN));
                }
                if *name == "referenceId" && !v.is_empty() && v.chars().count() < 2 {
                    return Err(ApiError::min_length(&prop(name), 2));
                }
                next.text.insert((*name).to_owned(), v.to_owned());
            }
            (Kind::Int, Some(v)) => {
                next.numbers.insert((*name).to_owned(), to_int(v));
            }
            (Kind::Time, Some(v)) => match to_time(v, now()) {
                -1 => {
                    next.numbers.remove(*name);
                }
                t => {
                    next.numbers.insert((*name).to_owned(), t);
                }
            },
            (Kind::Text, None) => {
                next.text.remove(*name);
            }
            (Kind::Int | Kind::Time, None) => {
                next.numbers.remove(*name);
            }
        }
    }
    apply_owner(&mut next, input, mode, session)?;
    apply_insert_only(&mut next, input, mode, &before)?;
    if let Field::Str(v) = crate::wire::params::field(input, "msDuration") {
        if next.media_type == Some(media_type::IMAGE) {
            return Err(ApiError::not_updatable(&prop("msDuration")));
        }
        next.ms_duration = Some(to_int(v).max(0));
    }
    *entry = next;
    Ok(())
}

/// `userId`: a USER session may not give the entry to someone else (without `edituser:USER`).
fn apply_owner(
    next: &mut Entry,
    input: &Map,
    mode: Mode,
    session: &Session,
) -> Result<(), ApiError> {
    if let Field::Str(user) = crate::wire::params::field(input, "userId") {
        check_xml_chars("userId", user)?;
        let own = user.eq_ignore_ascii_case(&session.user_id) || user == next.user_id;
        if !session.is_admin() && !own && !session.has_privilege("edituser", user) {
            return Err(ApiError::not_owner());
        }
        next.user_id = user.to_owned();
    }
    if mode == Mode::Insert
        && let Field::Str(creator) = crate::wire::params::field(input, "creatorId")
    {
        check_xml_chars("creatorId", creator)?;
        next.creator_id = creator.to_owned();
    }
    Ok(())
}

/// `mediaType` and `sourceType`: enums, settable when the entry is created.
fn apply_insert_only(
    next: &mut Entry,
    input: &Map,
    mode: Mode,
    before: &Object,
) -> Result<(), ApiError> {
    for name in ["mediaType", "sourceType", "creatorId"] {
        let Field::Str(v) = crate::wire::params::field(input, name) else {
            continue;
        };
        if mode == Mode::Update {
            if before.get(name).map(Out::to_text).as_deref() != Some(v) {
                return Err(ApiError::not_updatable(&format!("{CLASS}::{name}")));
            }
            continue;
        }
        match name {
            "mediaType" => {
                let t = to_int(v);
                if !MEDIA_TYPES.contains(&t) || v.trim().is_empty() {
                    return Err(ApiError::invalid_enum(v, "mediaType", "KalturaMediaType"));
                }
                next.media_type = Some(t);
            }
            "sourceType" => {
                if !SOURCE_TYPES.contains(&v) {
                    return Err(ApiError::invalid_enum(v, "sourceType", "KalturaSourceType"));
                }
                next.source_type = Some(v.to_owned());
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::params::Value;

    fn entry() -> Entry {
        Entry {
            id: "0_abcdefgh".into(),
            partner_id: 100,
            user_id: "alice".into(),
            creator_id: "alice".into(),
            status: 7,
            moderation_status: 6,
            entry_type: "1".into(),
            media_type: Some(1),
            source_type: None,
            created_at: 1,
            updated_at: 1,
            version: 0,
            thumb_version: 100_000,
            text: Default::default(),
            numbers: Default::default(),
            width: None,
            height: None,
            ms_duration: None,
            flavor_params_ids: String::new(),
            content: None,
            import_url: None,
        }
    }

    fn session(admin: bool, user: &str) -> Session {
        Session {
            partner_id: 100,
            expiry: i64::MAX,
            session_type: if admin { 2 } else { 0 },
            user_id: user.into(),
            privileges: vec![],
        }
    }

    fn input(pairs: &[(&str, &str)]) -> Map {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::Str((*v).to_owned())))
            .collect()
    }

    #[test]
    fn urls_point_at_the_simulator_with_the_partner_prefix() {
        let o = render(&entry(), "http://127.0.0.1:9");
        assert_eq!(
            o.get("thumbnailUrl"),
            Some(&Out::Str(
                "http://127.0.0.1:9/p/100/sp/10000/thumbnail/entry_id/0_abcdefgh/version/100000"
                    .into()
            ))
        );
        assert!(
            o.get("dataUrl")
                .unwrap()
                .to_text()
                .contains("/playManifest/entryId/0_abcdefgh/format/url/")
        );
    }

    #[test]
    fn update_changes_sent_fields_and_clears_nulled_ones() {
        let mut e = entry();
        e.text.insert("description".into(), "old".into());
        let i = input(&[("name", "new"), ("description__null", "")]);
        apply(&mut e, &i, Mode::Update, &session(true, ""), "http://x").unwrap();
        assert_eq!(e.text.get("name").map(String::as_str), Some("new"));
        assert!(!e.text.contains_key("description"));
    }

    #[test]
    fn read_only_and_admin_rules_are_enforced() {
        let mut e = entry();
        let err = apply(
            &mut e,
            &input(&[("status", "2")]),
            Mode::Update,
            &session(true, ""),
            "http://x",
        )
        .unwrap_err();
        assert_eq!(err.code, "PROPERTY_VALIDATION_NOT_UPDATABLE");
        // The same value is fine.
        apply(
            &mut e,
            &input(&[("status", "7")]),
            Mode::Update,
            &session(true, ""),
            "http://x",
        )
        .unwrap();
        let err = apply(
            &mut e,
            &input(&[("adminTags", "x")]),
            Mode::Update,
            &session(false, "alice"),
            "http://x",
        )
        .unwrap_err();
        assert_eq!(err.code, "PROPERTY_VALIDATION_ADMIN_PROPERTY");
        let err = apply(
            &mut e,
            &input(&[("userId", "bob")]),
            Mode::Update,
            &session(false, "alice"),
            "http://x",
        )
        .unwrap_err();
        assert_eq!(err.code, "INVALID_KS");
        let err = apply(
            &mut e,
            &input(&[("mediaType", "1")]),
            Mode::Insert,
            &session(true, ""),
            "http://x",
        );
        assert!(err.is_ok());
        let err = apply(
            &mut e,
            &input(&[("mediaType", "3")]),
            Mode::Insert,
            &session(true, ""),
            "http://x",
        )
        .unwrap_err();
        assert_eq!(err.code, "INVALID_ENUM_VALUE");
        let err = apply(
            &mut e,
            &input(&[("referenceId", "x")]),
            Mode::Insert,
            &session(true, ""),
            "http://x",
        )
        .unwrap_err();
        assert_eq!(err.code, "PROPERTY_VALIDATION_MIN_LENGTH");
    }
}
