//! An instance's fields as data: each field is declared once ([`FieldSpec`]:
//! name, label, kind, whether required, its flag and old variable), and that
//! list drives validation (one validator, every error at once, by field),
//! the admin form (a generic loop in `instance_form.html`), the `kts
//! instance` flags, `k_<n>_<FIELD>` seeding, and the store's columns.
//!
//! Values travel as text ([`FieldValues`]) from the form, the command line
//! and the environment; the validator turns them into an
//! [`Account`](super::Account) or a [`FieldErrors`] naming every field at
//! fault.

use std::collections::BTreeMap;
use std::fmt;

use crate::secret::Secret;

/// Longest accepted text field (names, user ids, secrets).
pub(super) const MAX_FIELD_LEN: usize = 256;

/// What a field holds, which decides how it is checked, stored and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text, at most [`MAX_FIELD_LEN`] characters.
    Text,
    /// A whole number, 0 or more.
    Number,
    /// A secret: encrypted at rest, never shown back (only masked), kept
    /// when an edit leaves it empty.
    Secret,
    /// One of a fixed list of values (value, label); the first is the default.
    Choice(&'static [(&'static str, &'static str)]),
}

/// One field of an instance, declared once.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// Form field, store column, and the name errors carry.
    pub name: &'static str,
    /// Label in the admin form.
    pub label: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Whether an instance must have it.
    pub required: bool,
    /// Help shown under the field in the form.
    pub help: &'static str,
    /// Long flag of `kts instance add|update` (without `--`).
    pub flag: &'static str,
    /// Variable the flag may be read from (for secrets, which `ps` would
    /// show as flags).
    pub env: Option<&'static str>,
    /// `<FIELD>` of the old service's `k_<n>_<FIELD>` variables, if any.
    pub legacy: Option<&'static str>,
}

impl FieldSpec {
    /// Whether the field is a secret.
    pub fn is_secret(&self) -> bool {
        self.kind == FieldKind::Secret
    }
}

/// The instance's display name, common to every platform.
pub const NAME: FieldSpec = FieldSpec {
    name: "name",
    label: "Name",
    kind: FieldKind::Text,
    required: true,
    help: "",
    flag: "name",
    env: None,
    legacy: Some("KALTURA_NAME"),
};

/// Field values as text, by field name: what a form, flags or variables
/// say about an instance. `Debug` (beside the field lists, in `account.rs`)
/// masks the secret fields.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FieldValues(BTreeMap<String, String>);

impl FieldValues {
    /// No values.
    pub fn new() -> Self {
        FieldValues::default()
    }

    /// These values plus `name` = `value`.
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.set(name, value);
        self
    }

    /// Sets `name` to `value`; an empty value clears an optional field.
    pub fn set(&mut self, name: &str, value: impl ToString) {
        self.0.insert(name.to_owned(), value.to_string());
    }

    /// The value of `name`, as given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// Removes `name`.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        self.0.remove(name)
    }

    /// Every name and value.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// `self` with every value of `changes` put over it.
    pub fn overlaid(mut self, changes: &FieldValues) -> Self {
        for (name, value) in changes.iter() {
            self.set(name, value);
        }
        self
    }
}

/// What is wrong with the values given, by field: every problem at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    /// Notes that `field` `message` (one message per field: the first).
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.of(field).is_none() {
            self.0.push((field.to_owned(), message.into()));
        }
    }

    /// The problem with `field`, if any.
    pub fn of(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, m)| m.as_str())
    }

    /// Whether every field is fine.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each field at fault and its problem, in field order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(f, m)| (f.as_str(), m.as_str()))
    }

    /// Adds every problem of `other`.
    pub fn extend(&mut self, other: FieldErrors) {
        for (field, message) in other.0 {
            self.add(&field, message);
        }
    }
}

impl fmt::Display for FieldErrors {
    /// `name is required; partner_id must be …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (field, message)) in self.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{field} {message}")?;
        }
        Ok(())
    }
}

/// Reads typed values out of [`FieldValues`], noting each problem in a
/// [`FieldErrors`]; a `None` result means the problem is noted.
pub(crate) struct FieldReader<'a> {
    values: &'a FieldValues,
    errors: &'a mut FieldErrors,
}

impl<'a> FieldReader<'a> {
    pub(crate) fn new(values: &'a FieldValues, errors: &'a mut FieldErrors) -> Self {
        FieldReader { values, errors }
    }

    /// Notes a problem found after reading (a URL that does not parse).
    pub(crate) fn note(&mut self, spec: &FieldSpec, message: String) {
        self.errors.add(spec.name, message);
    }

    fn given(&self, spec: &FieldSpec) -> Option<&'a str> {
        self.values
            .get(spec.name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    fn missing<T>(&mut self, spec: &FieldSpec) -> Option<Option<T>> {
        if spec.required {
            self.errors.add(spec.name, "is required");
            None
        } else {
            Some(None)
        }
    }

    /// A text field; `Some(None)` when an optional one is empty.
    pub(crate) fn text(&mut self, spec: &FieldSpec) -> Option<Option<String>> {
        let Some(text) = self.given(spec) else {
            return self.missing(spec);
        };
        if text.chars().count() > MAX_FIELD_LEN {
            self.errors.add(spec.name, "must be at most 256 characters");
            return None;
        }
        if text.chars().any(char::is_control) {
            self.errors.add(spec.name, "holds control characters");
            return None;
        }
        Some(Some(text.to_owned()))
    }

    /// A number field; `Some(None)` when an optional one is empty.
    pub(crate) fn number(&mut self, spec: &FieldSpec) -> Option<Option<i64>> {
        let Some(text) = self.given(spec) else {
            return self.missing(spec);
        };
        match text.parse::<i64>() {
            Ok(n) if n >= 0 => Some(Some(n)),
            _ => {
                self.errors
                    .add(spec.name, "must be a whole number, 0 or more");
                None
            }
        }
    }

    /// A secret field; `Some(None)` when an optional one is empty.
    pub(crate) fn secret(&mut self, spec: &FieldSpec) -> Option<Option<Secret>> {
        let Some(text) = self.given(spec) else {
            return self.missing(spec);
        };
        if text.len() > MAX_FIELD_LEN || text.chars().any(char::is_control) {
            self.errors
                .add(spec.name, "must be at most 256 printable characters");
            return None;
        }
        Some(Some(Secret::new(text)))
    }

    /// A choice field: one of its values (case ignored), the first when
    /// empty.
    pub(crate) fn choice(&mut self, spec: &FieldSpec) -> Option<&'static str> {
        let FieldKind::Choice(options) = spec.kind else {
            return None;
        };
        let Some(text) = self.given(spec) else {
            return options.first().map(|(value, _)| *value);
        };
        let found = options
            .iter()
            .find(|(value, _)| value.eq_ignore_ascii_case(text));
        if found.is_none() {
            let mut values: Vec<&str> = options.iter().map(|(value, _)| *value).collect();
            values.sort_unstable();
            self.errors
                .add(spec.name, format!("must be {}", values.join(" or ")));
        }
        found.map(|(value, _)| *value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_keep_the_first_problem_of_each_field_and_show_all() {
        let mut errors = FieldErrors::default();
        errors.add("name", "is required");
        errors.add("partner_id", "must be a whole number, 0 or more");
        errors.add("name", "is too long");
        assert_eq!(errors.of("name"), Some("is required"));
        assert_eq!(
            errors.to_string(),
            "name is required; partner_id must be a whole number, 0 or more"
        );
    }
}
