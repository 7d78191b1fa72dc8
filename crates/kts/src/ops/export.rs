//! `get_excel` without HTTP: every entry of an account, page by page, as an
//! `.xlsx` workbook (kts-legacy-api.md, "Media"): a header row of field names,
//! then one row per entry with the fields of `search_video`.

use kaltura::{FilterPager, MediaEntryFilter};
use rust_xlsxwriter::{Workbook, Worksheet};
use serde_json::Value;

use crate::error::Error;
use crate::ids::InstanceId;
use crate::instances::Instances;
use crate::ops::media::{ENTRY_FIELDS, MAX_PAGE_SIZE, entry_record, parse_bounded};

/// Most entries exported (Kaltura itself stops listing at 10,000 results per
/// filter; the bound keeps the workbook in memory reasonable).
const MAX_ROWS: usize = 100_000;
/// Longest accepted file name.
const MAX_FILE_NAME: usize = 100;

/// What `get_excel` exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// Columns, out of [`ENTRY_FIELDS`]; all of them by default.
    pub fields: Vec<&'static str>,
    /// Download name, ending in `.xlsx`.
    pub file_name: String,
    /// Entries fetched per call, 1 to 500 (default 500).
    pub page_size: i64,
    /// Kaltura media types to list (`1,5` for the default `video,audio`).
    pub media_types: String,
}

impl ExportRequest {
    /// Reads the optional `fields`, `filename`, `pagesize` and `types`.
    pub fn parse(
        fields: Option<&str>,
        file_name: Option<&str>,
        page_size: Option<&str>,
        types: Option<&str>,
    ) -> Result<Self, Error> {
        let fields = match fields {
            None => ENTRY_FIELDS.to_vec(),
            Some(list) => {
                let mut chosen = Vec::new();
                for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    let field = ENTRY_FIELDS.iter().find(|f| **f == name).ok_or_else(|| {
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
        let mut codes = Vec::new();
        for name in types.unwrap_or("video,audio").split(',').map(str::trim) {
            let code = match name.to_ascii_lowercase().as_str() {
                "video" => "1",
                "image" => "2",
                "audio" => "5",
                "" => continue,
                _ => {
                    return Err(Error::InvalidParameter {
                        name: "types",
                        reason: format!("unknown type {name:?} (video, audio or image)"),
                    });
                }
            };
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        if codes.is_empty() {
            return Err(Error::InvalidParameter {
                name: "types",
                reason: "names no type".into(),
            });
        }
        Ok(ExportRequest {
            fields,
            file_name,
            page_size,
            media_types: codes.join(","),
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
pub struct Export {
    /// The download name.
    pub file_name: String,
    /// The `.xlsx` bytes.
    pub bytes: Vec<u8>,
    /// Entries written.
    pub rows: usize,
}

/// Lists every entry of the account (page by page) into a workbook.
pub async fn export(
    instances: &Instances,
    instance: InstanceId,
    request: &ExportRequest,
) -> Result<Export, Error> {
    let conn = instances.connect(instance).await?;
    let filter = MediaEntryFilter {
        media_type_in: Some(request.media_types.clone()),
        order_by: Some("+createdAt".into()),
        ..Default::default()
    };
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Export(e.to_string());
    for (column, field) in request.fields.iter().enumerate() {
        sheet
            .write_string(0, column_index(column)?, *field)
            .map_err(xlsx)?;
    }
    let mut rows = 0usize;
    let mut page = 1i64;
    loop {
        let pager = FilterPager::page(request.page_size, page);
        let list = conn
            .client
            .media()
            .list(Some(&filter), Some(&pager))
            .await
            .map_err(|e| conn.failure(e))?;
        let count = list.objects.len();
        for media in &list.objects {
            if rows >= MAX_ROWS {
                break;
            }
            rows += 1;
            let record = entry_record(instance, media);
            write_row(sheet, rows, &request.fields, &record).map_err(xlsx)?;
        }
        let total = list.total_count.and_then(|t| usize::try_from(t).ok());
        let done = count < usize::try_from(request.page_size).unwrap_or(usize::MAX)
            || total.is_some_and(|t| rows >= t)
            || rows >= MAX_ROWS;
        if done {
            break;
        }
        page += 1;
    }
    let bytes = workbook.save_to_buffer().map_err(xlsx)?;
    Ok(Export {
        file_name: request.file_name.clone(),
        bytes,
        rows,
    })
}

fn column_index(column: usize) -> Result<u16, Error> {
    u16::try_from(column).map_err(|_| Error::Export("too many columns".into()))
}

fn write_row(
    sheet: &mut Worksheet,
    row: usize,
    fields: &[&'static str],
    record: &serde_json::Map<String, Value>,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    // MAX_ROWS is far below Excel's row limit, so the row always fits.
    let row = u32::try_from(row).unwrap_or(u32::MAX);
    for (column, field) in fields.iter().enumerate() {
        let column = u16::try_from(column).unwrap_or(u16::MAX);
        match record.get(*field) {
            Some(Value::Number(n)) => {
                sheet.write_number(row, column, n.as_f64().unwrap_or_default())?;
            }
            Some(Value::String(s)) => {
                sheet.write_string(row, column, s)?;
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_contract() {
        let request = ExportRequest::parse(None, None, None, None).unwrap();
        assert_eq!(request.fields, ENTRY_FIELDS.to_vec());
        assert_eq!(request.page_size, 500);
        assert_eq!(request.media_types, "1,5");
        assert_eq!(request.file_name, "kaltura_entries.xlsx");
    }

    #[test]
    fn unknown_fields_and_types_are_refused_by_name() {
        let error = ExportRequest::parse(Some("name,password"), None, None, None).unwrap_err();
        assert!(error.to_string().contains("password"), "{error}");
        assert!(ExportRequest::parse(None, None, None, Some("video,doc")).is_err());
        assert!(ExportRequest::parse(None, None, Some("0"), None).is_err());
    }

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(safe_file_name("../../etc/x\"y").unwrap(), "etcxy.xlsx");
        assert_eq!(safe_file_name("report.xlsx").unwrap(), "report.xlsx");
        assert!(safe_file_name("///").is_err());
    }
}
