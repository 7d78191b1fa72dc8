//! `get_excel` without HTTP: every entry of an account, page by page, as an
//! `.xlsx` workbook (kts-legacy-api.md, "Media"): a header row of field names,
//! then one row per entry. Which fields exist and what each cell shows is
//! the caller's: the legacy surface passes the fields of `search_video`.

use rust_xlsxwriter::{Workbook, Worksheet};

use crate::error::Error;
use crate::ids::InstanceId;
use crate::instances::Instances;
use crate::model::{Entry, EntryQuery, MediaKind};
use crate::ops::media::{MAX_PAGE_SIZE, parse_bounded};
use crate::ops::platform_of;

/// Most entries exported (Kaltura itself stops listing at 10,000 results per
/// filter; the bound keeps the workbook in memory reasonable).
const MAX_ROWS: usize = 100_000;
/// Longest accepted file name.
const MAX_FILE_NAME: usize = 100;

/// What `get_excel` exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExportRequest {
    /// Columns, out of the known fields; all of them by default.
    pub fields: Vec<&'static str>,
    /// Download name, ending in `.xlsx`.
    pub file_name: String,
    /// Entries fetched per call, 1 to 500 (default 500).
    pub page_size: i64,
    /// Kinds of entry to list (video and audio by default).
    pub kinds: Vec<MediaKind>,
}

impl ExportRequest {
    /// Reads the optional `fields` (out of `known`), `filename`, `pagesize`
    /// and `types`.
    pub(crate) fn parse(
        known: &[&'static str],
        fields: Option<&str>,
        file_name: Option<&str>,
        page_size: Option<&str>,
        types: Option<&str>,
    ) -> Result<Self, Error> {
        let fields = match fields {
            None => known.to_vec(),
            Some(list) => {
                let mut chosen = Vec::new();
                for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    let field = known.iter().find(|f| **f == name).ok_or_else(|| {
                        Error::InvalidParameter {
                            name: "fields",
                            reason: format!("unknown field {name:?}"),
                        }
                    })?;
                    if !chosen.contains(field) {
                        chosen.push(*field);
                    }
                }
                if chosen.is_empty() {
                    return Err(Error::InvalidParameter {
                        name: "fields",
                        reason: "names no field".into(),
                    });
                }
                chosen
            }
        };
        let file_name = safe_file_name(file_name.unwrap_or("kaltura_entries"))?;
        let page_size = parse_bounded("pagesize", page_size, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE)?;
        let mut kinds = Vec::new();
        for name in types.unwrap_or("video,audio").split(',').map(str::trim) {
            let kind = match name.to_ascii_lowercase().as_str() {
                "video" => MediaKind::Video,
                "image" => MediaKind::Image,
                "audio" => MediaKind::Audio,
                "" => continue,
                _ => {
                    return Err(Error::InvalidParameter {
                        name: "types",
                        reason: format!("unknown type {name:?} (video, audio or image)"),
                    });
                }
            };
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        if kinds.is_empty() {
            return Err(Error::InvalidParameter {
                name: "types",
                reason: "names no type".into(),
            });
        }
        Ok(ExportRequest {
            fields,
            file_name,
            page_size,
            kinds,
        })
    }
}

/// Keeps letters, digits, `-`, `_`, `.` and spaces of a download name and
/// makes it end in `.xlsx`.
fn safe_file_name(name: &str) -> Result<String, Error> {
    let stem = name.trim().trim_end_matches(".xlsx");
    let cleaned: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '))
        .take(MAX_FILE_NAME)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.');
    if cleaned.is_empty() {
        return Err(Error::InvalidParameter {
            name: "filename",
            reason: "holds no usable character".into(),
        });
    }
    Ok(format!("{cleaned}.xlsx"))
}

/// A finished workbook.
#[derive(Debug)]
pub(crate) struct Export {
    /// The download name.
    pub file_name: String,
    /// The `.xlsx` bytes.
    pub bytes: Vec<u8>,
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// A number cell.
    Number(f64),
    /// A text cell.
    Text(String),
    /// Left blank.
    Empty,
}

/// Lists every entry of the account (page by page, oldest first) into a
/// workbook; `row` gives each entry's cells in the order of
/// `request.fields`.
#[tracing::instrument(
    name = "export_entries",
    skip_all,
    fields(instance = %instance, platform = tracing::field::Empty)
)]
pub(crate) async fn export(
    instances: &Instances,
    instance: InstanceId,
    request: &ExportRequest,
    row: impl Fn(&Entry) -> Vec<Cell>,
) -> Result<Export, Error> {
    let platform = platform_of(instances, instance).await?;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Export(e.to_string());
    for (column, field) in request.fields.iter().enumerate() {
        sheet
            .write_string(0, column_index(column)?, *field)
            .map_err(xlsx)?;
    }
    let mut rows = 0usize;
    let mut query = EntryQuery {
        page: 1,
        page_size: request.page_size,
        name_like: None,
        kinds: request.kinds.clone(),
        oldest_first: true,
    };
    loop {
        let list = platform.list_entries(&query).await?;
        let count = list.entries.len();
        for entry in &list.entries {
            if rows >= MAX_ROWS {
                break;
            }
            rows += 1;
            write_row(sheet, rows, &row(entry)).map_err(xlsx)?;
        }
        let total = list.total.and_then(|t| usize::try_from(t).ok());
        let done = count < usize::try_from(request.page_size).unwrap_or(usize::MAX)
            || total.is_some_and(|t| rows >= t)
            || rows >= MAX_ROWS;
        if done {
            break;
        }
        query.page += 1;
    }
    let bytes = workbook.save_to_buffer().map_err(xlsx)?;
    Ok(Export {
        file_name: request.file_name.clone(),
        bytes,
    })
}

fn column_index(column: usize) -> Result<u16, Error> {
    u16::try_from(column).map_err(|_| Error::Export("too many columns".into()))
}

fn write_row(
    sheet: &mut Worksheet,
    row: usize,
    cells: &[Cell],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    // MAX_ROWS is far below Excel's row limit, so the row always fits.
    let row = u32::try_from(row).unwrap_or(u32::MAX);
    for (column, cell) in cells.iter().enumerate() {
        let column = u16::try_from(column).unwrap_or(u16::MAX);
        match cell {
            Cell::Number(n) => {
                sheet.write_number(row, column, *n)?;
            }
            Cell::Text(s) => {
                sheet.write_string(row, column, s)?;
            }
            Cell::Empty => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Some of the fields the legacy `get_excel` passes.
    const ENTRY_FIELDS: &[&str] = &["id", "status", "name", "plays"];

    #[test]
    fn defaults_follow_the_contract() {
        let request = ExportRequest::parse(ENTRY_FIELDS, None, None, None, None).unwrap();
        assert_eq!(request.fields, ENTRY_FIELDS.to_vec());
        assert_eq!(request.page_size, 500);
        assert_eq!(request.kinds, vec![MediaKind::Video, MediaKind::Audio]);
        assert_eq!(request.file_name, "kaltura_entries.xlsx");
    }

    #[test]
    fn unknown_fields_and_types_are_refused_by_name() {
        let error = ExportRequest::parse(ENTRY_FIELDS, Some("name,password"), None, None, None)
            .unwrap_err();
        assert!(error.to_string().contains("password"), "{error}");
        assert!(ExportRequest::parse(ENTRY_FIELDS, None, None, None, Some("video,doc")).is_err());
        assert!(ExportRequest::parse(ENTRY_FIELDS, None, None, Some("0"), None).is_err());
    }

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(safe_file_name("../../etc/x\"y").unwrap(), "etcxy.xlsx");
        assert_eq!(safe_file_name("report.xlsx").unwrap(), "report.xlsx");
        assert!(safe_file_name("///").is_err());
    }
}
