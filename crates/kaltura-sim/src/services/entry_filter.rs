//! `KalturaMediaEntryFilter` / `KalturaBaseEntryFilter` and `KalturaFilterPager` (kaltura-api-v3.md 10.1–10.3):
//! the simulator's subset of filter fields, the default status/moderation/display rules of media.list, the
//! order tokens and paging.

use std::cmp::Ordering;

use crate::store::{Entry, entry_status, now};
use crate::wire::params::{Map, Value, to_int, to_time};

/// `pageSize` default and cap.
const DEFAULT_PAGE_SIZE: i64 = 30;
const MAX_PAGE_SIZE: i64 = 500;
/// Most values accepted in an `…In` list.
const MAX_IN_VALUES: usize = 500;

/// A test of one filter field against its value.
type Check<'c> = dyn Fn(&str) -> bool + 'c;

/// The filter fields the simulator understands; others are ignored as unknown properties are.
#[derive(Debug, Default)]
pub(super) struct EntryFilter<'a> {
    map: Option<&'a Map>,
}

impl<'a> EntryFilter<'a> {
    pub(super) fn new(map: Option<&'a Map>) -> Self {
        Self { map }
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        match self.map?.get(name) {
            Some(Value::Str(s)) if !s.is_empty() => Some(s),
            _ => None,
        }
    }

    fn list(&self, name: &str) -> Option<Vec<&'a str>> {
        self.get(name).map(|s| {
            s.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .take(MAX_IN_VALUES)
                .collect()
        })
    }

    /// Whether `entry` passes the filter, including the defaults of media.list.
    pub(super) fn matches(&self, e: &Entry) -> bool {
        let status = e.status.to_string();
        let has_status_filter = ["statusEqual", "statusIn", "statusNotEqual", "statusNotIn"]
            .iter()
            .any(|f| self.get(f).is_some());
        let by_id = self.get("idEqual").is_some() || self.get("redirectFromEntryId").is_some();
        if e.status == entry_status::DELETED && !has_status_filter {
            return false;
        }
        if !by_id && !has_status_filter && e.status != entry_status::READY {
            return false;
        }
        let has_moderation_filter = ["moderationStatusEqual", "moderationStatusIn"]
            .iter()
            .any(|f| self.get(f).is_some());
        if !by_id && !has_moderation_filter && matches!(e.moderation_status, 1 | 3) {
            return false;
        }
        let display = e.numbers.get("displayInSearch").copied().unwrap_or(1);
        if !by_id && self.get("idIn").is_none() && matches!(display, -1 | -2) {
            return false;
        }
        let text = |k: &str| e.text.get(k).map_or("", String::as_str);
        let media_type = e.media_type.map(|m| m.to_string()).unwrap_or_default();
        let now = now();
        let checks: [(&str, &Check<'_>); 22] = [
            ("idEqual", &|v| e.id == v),
            ("idIn", &|_| {
                self.list("idIn")
                    .is_some_and(|l| l.contains(&e.id.as_str()))
            }),
            ("idNotIn", &|_| {
                !self
                    .list("idNotIn")
                    .is_some_and(|l| l.contains(&e.id.as_str()))
            }),
            ("nameEqual", &|v| text("name") == v),
            ("nameLike", &|v| contains_ci(text("name"), v)),
            ("nameMultiLikeOr", &|v| {
                v.split(',').any(|w| contains_ci(text("name"), w.trim()))
            }),
            ("tagsLike", &|v| contains_ci(text("tags"), v)),
            ("userIdEqual", &|v| e.user_id == v),
            ("referenceIdEqual", &|v| text("referenceId") == v),
            ("statusEqual", &|v| status == v),
            ("statusNotEqual", &|v| status != v),
            ("statusIn", &|_| {
                self.list("statusIn")
                    .is_some_and(|l| l.contains(&status.as_str()))
            }),
            ("statusNotIn", &|_| {
                !self
                    .list("statusNotIn")
                    .is_some_and(|l| l.contains(&status.as_str()))
            }),
            ("mediaTypeEqual", &|v| media_type == v),
            ("mediaTypeIn", &|_| {
                self.list("mediaTypeIn")
                    .is_some_and(|l| l.contains(&media_type.as_str()))
            }),
            ("typeEqual", &|v| e.entry_type == v),
            ("typeIn", &|_| {
                self.list("typeIn")
                    .is_some_and(|l| l.contains(&e.entry_type.as_str()))
            }),
            ("createdAtGreaterThanOrEqual", &|v| {
                e.created_at >= to_time(v, now)
            }),
            ("createdAtLessThanOrEqual", &|v| {
                e.created_at <= to_time(v, now)
            }),
            ("updatedAtGreaterThanOrEqual", &|v| {
                e.updated_at >= to_time(v, now)
            }),
            ("updatedAtLessThanOrEqual", &|v| {
                e.updated_at <= to_time(v, now)
            }),
            ("freeText", &|v| {
                ["name", "description", "tags"]
                    .iter()
                    .any(|k| contains_ci(text(k), v))
            }),
        ];
        checks
            .iter()
            .all(|(name, check)| self.get(name).is_none_or(check))
    }

    /// Sorts by `orderBy` (`+createdAt`, `-name`, …; unknown tokens dropped); default newest first.
    pub(super) fn sort(&self, entries: &mut [Entry]) {
        let order = self.get("orderBy").unwrap_or("-createdAt");
        let tokens: Vec<(bool, &str)> = order
            .split(',')
            .filter_map(|t| {
                let t = t.trim();
                let (asc, field) = match t.split_at_checked(1)? {
                    ("+", f) => (true, f),
                    ("-", f) => (false, f),
                    _ => return None,
                };
                ["createdAt", "updatedAt", "name", "duration"]
                    .contains(&field)
                    .then_some((asc, field))
            })
            .collect();
        entries.sort_by(|a, b| {
            for (asc, field) in &tokens {
                let ord = match *field {
                    "createdAt" => a.created_at.cmp(&b.created_at),
                    "updatedAt" => a.updated_at.cmp(&b.updated_at),
                    "name" => a.text.get("name").cmp(&b.text.get("name")),
                    _ => a.ms_duration.cmp(&b.ms_duration),
                };
                let ord = if *asc { ord } else { ord.reverse() };
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            a.id.cmp(&b.id)
        });
    }
}

fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

/// The page of `items` a `KalturaFilterPager` selects.
pub(super) fn page<T>(items: Vec<T>, pager: Option<&Map>) -> Vec<T> {
    let field = |name: &str| match pager.and_then(|p| p.get(name)) {
        Some(Value::Str(s)) if !s.is_empty() => Some(to_int(s)),
        _ => None,
    };
    let size = field("pageSize")
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(0, MAX_PAGE_SIZE);
    let index = field("pageIndex").unwrap_or(1).max(1);
    let skip = usize::try_from((index - 1).saturating_mul(size)).unwrap_or(usize::MAX);
    items
        .into_iter()
        .skip(skip)
        .take(usize::try_from(size).unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, status: i64, name: &str, created: i64) -> Entry {
        Entry {
            id: id.into(),
            partner_id: 1,
            user_id: "u".into(),
            creator_id: "u".into(),
            status,
            moderation_status: 6,
            entry_type: "1".into(),
            media_type: Some(1),
            source_type: None,
            created_at: created,
            updated_at: created,
            version: 0,
            thumb_version: 100_000,
            text: [("name".to_owned(), name.to_owned())].into(),
            numbers: Default::default(),
            width: None,
            height: None,
            ms_duration: None,
            flavor_params_ids: String::new(),
            content: None,
            import_url: None,
        }
    }

    fn map(pairs: &[(&str, &str)]) -> Map {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::Str((*v).to_owned())))
            .collect()
    }

    #[test]
    fn default_lists_ready_entries_only() {
        let f = EntryFilter::new(None);
        assert!(f.matches(&entry("0_a", 2, "a", 1)));
        assert!(!f.matches(&entry("0_b", 7, "b", 1)));
        let m = map(&[("statusIn", "2,7")]);
        assert!(EntryFilter::new(Some(&m)).matches(&entry("0_b", 7, "b", 1)));
        let m = map(&[("idEqual", "0_b")]);
        assert!(EntryFilter::new(Some(&m)).matches(&entry("0_b", 7, "b", 1)));
        assert!(!EntryFilter::new(Some(&m)).matches(&entry("0_b", 3, "b", 1)));
    }

    #[test]
    fn name_like_is_a_case_insensitive_substring() {
        let m = map(&[("nameLike", "CLIP")]);
        assert!(EntryFilter::new(Some(&m)).matches(&entry("0_a", 2, "my clip", 1)));
        assert!(!EntryFilter::new(Some(&m)).matches(&entry("0_a", 2, "other", 1)));
    }

    #[test]
    fn order_and_pager() {
        let mut items = vec![
            entry("0_a", 2, "b", 1),
            entry("0_b", 2, "a", 2),
            entry("0_c", 2, "c", 3),
        ];
        EntryFilter::new(None).sort(&mut items);
        assert_eq!(items[0].id, "0_c");
        let m = map(&[("orderBy", "+name")]);
        EntryFilter::new(Some(&m)).sort(&mut items);
        assert_eq!(items[0].id, "0_b");
        let p = map(&[("pageSize", "2"), ("pageIndex", "2")]);
        assert_eq!(page(items.clone(), Some(&p)).len(), 1);
        let p = map(&[("pageSize", "9999"), ("pageIndex", "-3")]);
        assert_eq!(page(items, Some(&p)).len(), 3);
    }
}
