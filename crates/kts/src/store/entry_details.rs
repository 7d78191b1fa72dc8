//! The `entry_details` table: what KTS keeps about an entry that its
//! platform has no field for. A Telestream video has no name, description or
//! tags and no notion of a default thumbnail, yet `upload_file` takes them
//! and `get_media` answers them; the adapter keeps them here, keyed by
//! instance and entry, so every replica sharing the store answers the same.

use std::collections::HashMap;

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Store, StoreError, now};
use crate::ids::InstanceId;

/// What KTS keeps about one entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryDetails {
    /// Title.
    pub name: Option<String>,
    /// Free-text description.
    pub description: Option<String>,
    /// Comma-separated tags.
    pub tags: Option<String>,
    /// Id of the thumbnail chosen as the default, if one was.
    pub default_thumbnail: Option<String>,
}

fn details_of(row: &AnyRow) -> Result<EntryDetails, StoreError> {
    Ok(EntryDetails {
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        tags: row.try_get("tags")?,
        default_thumbnail: row.try_get("default_thumbnail")?,
    })
}

impl Store {
    /// The details kept for `entry`, if any.
    pub async fn entry_details(
        &self,
        instance: InstanceId,
        entry: &str,
    ) -> Result<Option<EntryDetails>, StoreError> {
        let row = sqlx::query(
            "SELECT name, description, tags, default_thumbnail FROM entry_details \
             WHERE instance_id = $1 AND entry_id = $2",
        )
        .bind(i64::from(instance.get()))
        .bind(entry)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(details_of).transpose()
    }

    /// The details kept for every entry of `instance`, by entry id (for
    /// listings a platform cannot filter by name).
    pub async fn all_entry_details(
        &self,
        instance: InstanceId,
    ) -> Result<HashMap<String, EntryDetails>, StoreError> {
        let rows = sqlx::query(
            "SELECT entry_id, name, description, tags, default_thumbnail FROM entry_details \
             WHERE instance_id = $1",
        )
        .bind(i64::from(instance.get()))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("entry_id")?, details_of(row)?)))
            .collect()
    }

    /// Writes the details of `entry`, replacing what was kept.
    pub async fn put_entry_details(
        &self,
        instance: InstanceId,
        entry: &str,
        details: &EntryDetails,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO entry_details \
             (instance_id, entry_id, name, description, tags, default_thumbnail, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (instance_id, entry_id) DO UPDATE SET name = $3, description = $4, \
             tags = $5, default_thumbnail = $6, updated_at = $7",
        )
        .bind(i64::from(instance.get()))
        .bind(entry)
        .bind(details.name.clone())
        .bind(details.description.clone())
        .bind(details.tags.clone())
        .bind(details.default_thumbnail.clone())
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Forgets the details of `entry` (it was deleted).
    pub async fn remove_entry_details(
        &self,
        instance: InstanceId,
        entry: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM entry_details WHERE instance_id = $1 AND entry_id = $2")
            .bind(i64::from(instance.get()))
            .bind(entry)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support;
    use super::*;

    async fn details_are_kept_replaced_and_forgotten_per_instance(store: &Store) {
        let one = InstanceId::new(1).unwrap();
        let two = InstanceId::new(2).unwrap();
        assert_eq!(store.entry_details(one, "v1").await.unwrap(), None);
        let details = EntryDetails {
            name: Some("Lecture".into()),
            tags: Some("a,b".into()),
            ..EntryDetails::default()
        };
        store.put_entry_details(one, "v1", &details).await.unwrap();
        assert_eq!(
            store.entry_details(one, "v1").await.unwrap(),
            Some(details.clone())
        );
        assert_eq!(store.entry_details(two, "v1").await.unwrap(), None);
        let all = store.all_entry_details(one).await.unwrap();
        assert_eq!(all.get("v1"), Some(&details));
        assert!(store.all_entry_details(two).await.unwrap().is_empty());
        let changed = EntryDetails {
            default_thumbnail: Some("e_3".into()),
            ..details
        };
        store.put_entry_details(one, "v1", &changed).await.unwrap();
        assert_eq!(store.entry_details(one, "v1").await.unwrap(), Some(changed));
        store.remove_entry_details(one, "v1").await.unwrap();
        assert_eq!(store.entry_details(one, "v1").await.unwrap(), None);
    }

    #[tokio::test]
    async fn entry_details_are_kept_replaced_and_forgotten_on_sqlite() {
        let test = test_support::sqlite().await;
        details_are_kept_replaced_and_forgotten_per_instance(&test.store).await;
        test.finish().await;
    }

    #[tokio::test]
    async fn entry_details_are_kept_replaced_and_forgotten_on_postgres() {
        let test = test_support::postgres().await;
        details_are_kept_replaced_and_forgotten_per_instance(&test.store).await;
        test.finish().await;
    }
}
