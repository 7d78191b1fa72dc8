//! `KalturaAPIException`: the error object an action answers with, and the catalogue of codes and message
//! templates the simulator raises (kaltura-api-v3.md section 6, reproduced verbatim, typos included).

/// An API error as Kaltura serialises it: a string code, the filled-in message and the named arguments.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) args: Vec<(&'static str, String)>,
}

impl ApiError {
    /// Builds an error from a template whose `@NAME@` placeholders are replaced by the arguments; a
    /// placeholder without an argument becomes `N/A`, as on the real server.
    pub(crate) fn new(
        code: &'static str,
        template: &str,
        args: Vec<(&'static str, String)>,
    ) -> Self {
        // Scan the template only, so an argument that itself contains `@NAME@` is never re-expanded.
        let mut message = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(start) = rest.find('@') {
            message.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let placeholder = after.find('@').map(|end| &after[..end]).filter(|name| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
            });
            match placeholder {
                Some(name) => {
                    let value = args
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map_or("N/A", |(_, v)| v.as_str());
                    message.push_str(value);
                    rest = &after[name.len() + 1..];
                }
                None => {
                    message.push('@');
                    rest = after;
                }
            }
        }
        message.push_str(rest);
        Self {
            code,
            message,
            args,
        }
    }

    pub(crate) fn internal() -> Self {
        Self::new(
            "INTERNAL_SERVERL_ERROR",
            "Internal server error occurred",
            vec![],
        )
    }

    pub(crate) fn service_not_specified() -> Self {
        Self::new(
            "SERVICE_NOT_SPECIFIED",
            "Service name was not specified, please specify one",
            vec![],
        )
    }

    pub(crate) fn action_not_specified() -> Self {
        Self::new(
            "ACTION_NOT_SPECIFIED",
            "Action name was not specified, please specify one",
            vec![],
        )
    }

    pub(crate) fn service_does_not_exist(service: &str) -> Self {
        Self::new(
            "SERVICE_DOES_NOT_EXISTS",
            "Service \"@SRV_NAME@\" does not exists",
            vec![("SRV_NAME", service.to_owned())],
        )
    }

    pub(crate) fn action_does_not_exist(action: &str, service: &str) -> Self {
        Self::new(
            "ACTION_DOES_NOT_EXISTS",
            "Action \"@ACTION_NAME@\" does not exists for service \"@SERVICE_NAME@\"",
            vec![
                ("ACTION_NAME", action.to_owned()),
                ("SERVICE_NAME", service.to_owned()),
            ],
        )
    }

    pub(crate) fn service_forbidden(service: &str, action: &str) -> Self {
        Self::new(
            "SERVICE_FORBIDDEN",
            "The access to service [@SERVICE@] is forbidden",
            vec![("SERVICE", format!("{service}->{action}"))],
        )
    }

    /// `INVALID_KS` as the current server sends it: the description in the KSID slot and a fixed
    /// `-1,INVALID_STR` code (kaltura-api-v3.md 5.7).
    pub(crate) fn invalid_ks(ksid: &str) -> Self {
        Self::new(
            "INVALID_KS",
            "Invalid KS \"@KSID@\", Error \"@ERR_CODE@,@ERR_DESC@\"",
            vec![
                ("KSID", ksid.to_owned()),
                ("ERR_CODE", "-1".to_owned()),
                ("ERR_DESC", "INVALID_STR".to_owned()),
            ],
        )
    }

    /// A USER session acting on something it does not own.
    pub(crate) fn not_owner() -> Self {
        Self::new(
            "INVALID_KS",
            "Invalid KS \"@KSID@\", Error \"@ERR_CODE@,@ERR_DESC@\"",
            vec![
                ("KSID", String::new()),
                ("ERR_CODE", "-4".to_owned()),
                ("ERR_DESC", "INVALID_TYPE".to_owned()),
            ],
        )
    }

    pub(crate) fn start_session_error(partner_id: &str) -> Self {
        Self::new(
            "START_SESSION_ERROR",
            "Error while starting session for partner [@PID@]",
            vec![("PID", partner_id.to_owned())],
        )
    }

    pub(crate) fn missing_parameter(name: &str) -> Self {
        Self::new(
            "MISSING_MANDATORY_PARAMETER",
            "Missing parameter \"@PARAM_NAME@\"",
            vec![("PARAM_NAME", name.to_owned())],
        )
    }

    pub(crate) fn invalid_enum(value: &str, param: &str, enum_type: &str) -> Self {
        Self::new(
            "INVALID_ENUM_VALUE",
            "Invalid enumeration value \"@ENUM_VAL@\" for parameter \"@PARAM_NAME@\", expecting enumeration type \"@ENUM_TYPE@\"",
            vec![
                ("ENUM_VAL", value.to_owned()),
                ("PARAM_NAME", param.to_owned()),
                ("ENUM_TYPE", enum_type.to_owned()),
            ],
        )
    }

    pub(crate) fn invalid_parameter_char(field: &str) -> Self {
        Self::new(
            "INVALID_PARAMETER_CHAR",
            "Invalid char in \"@XML_FIELD@\" field",
            vec![("XML_FIELD", field.to_owned())],
        )
    }

    pub(crate) fn object_type_abstract(object_type: &str) -> Self {
        Self::new(
            "OBJECT_TYPE_ABSTRACT",
            "The object type \"@OBJ_TYPE@\" is abstract, use one of the object implementations",
            vec![("OBJ_TYPE", object_type.to_owned())],
        )
    }

    pub(crate) fn wrong_format(prop: &str, format: &str) -> Self {
        Self::new(
            "PROPERTY_VALIDATION_WRONG_FORMAT",
            "The property \"@PROP_NAME@\" must match format @FORMAT@",
            vec![
                ("PROP_NAME", prop.to_owned()),
                ("FORMAT", format.to_owned()),
            ],
        )
    }

    pub(crate) fn cannot_be_null(prop: &str) -> Self {
        Self::new(
            "PROPERTY_VALIDATION_CANNOT_BE_NULL",
            "The property \"@PROP_NAME@\" cannot be null",
            vec![("PROP_NAME", prop.to_owned())],
        )
    }

    pub(crate) fn min_length(prop: &str, min: usize) -> Self {
        Self::new(
            "PROPERTY_VALIDATION_MIN_LENGTH",
            "The property \"@PROP_NAME@\" must have a min length of @MIN_LEN@ characters",
            vec![("PROP_NAME", prop.to_owned()), ("MIN_LEN", min.to_string())],
        )
    }

    pub(crate) fn max_length(prop: &str, max: usize) -> Self {
        Self::new(
            "PROPERTY_VALIDATION_MAX_LENGTH",
            "The property \"@PROP_NAME@\" cannot have more than @MAX_LEN@ characters",
            vec![("PROP_NAME", prop.to_owned()), ("MAX_LEN", max.to_string())],
        )
    }

    pub(crate) fn not_updatable(prop: &str) -> Self {
        Self::new(
            "PROPERTY_VALIDATION_NOT_UPDATABLE",
            "The property \"@PROP_NAME@\" cannot be updated",
            vec![("PROP_NAME", prop.to_owned())],
        )
    }

    pub(crate) fn admin_property(prop: &str) -> Self {
        Self::new(
            "PROPERTY_VALIDATION_ADMIN_PROPERTY",
            "The property \"@PROP_NAME@\" is updatable with admin session only",
            vec![("PROP_NAME", prop.to_owned())],
        )
    }

    pub(crate) fn upload_error() -> Self {
        Self::new("UPLOAD_ERROR", "Upload failed", vec![])
    }

    pub(crate) fn entry_not_found(entry_id: &str) -> Self {
        Self::new(
            "ENTRY_ID_NOT_FOUND",
            "Entry id \"@ENTRY_ID@\" not found",
            vec![("ENTRY_ID", entry_id.to_owned())],
        )
    }

    pub(crate) fn entry_already_with_content() -> Self {
        Self::new(
            "ENTRY_ALREADY_WITH_CONTENT",
            "Entry already associated with content",
            vec![],
        )
    }

    pub(crate) fn resource_type_not_supported(resource_type: &str) -> Self {
        Self::new(
            "RESOURCE_TYPE_NOT_SUPPORTED",
            "Resource type \"@RES_TYPE@\" not supported",
            vec![("RES_TYPE", resource_type.to_owned())],
        )
    }

    pub(crate) fn uploaded_file_not_found_by_token() -> Self {
        Self::new(
            "UPLOADED_FILE_NOT_FOUND_BY_TOKEN",
            "The uploaded file was not found by the given token id, or was already used",
            vec![],
        )
    }

    pub(crate) fn upload_token_not_found() -> Self {
        Self::new("UPLOAD_TOKEN_NOT_FOUND", "Upload token not found", vec![])
    }

    pub(crate) fn upload_token_invalid_status_for_upload() -> Self {
        Self::new(
            "UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD",
            "Upload token is in an invalid status for uploading a file, maybe the file was already uploaded",
            vec![],
        )
    }

    pub(crate) fn upload_token_invalid_status_for_add_entry() -> Self {
        Self::new(
            "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY",
            "Upload token is in an invalid status for adding entry, maybe the a file was not uploaded or the token was used",
            vec![],
        )
    }

    pub(crate) fn upload_token_cannot_resume() -> Self {
        Self::new(
            "UPLOAD_TOKEN_CANNOT_RESUME",
            "Cannot resume the upload, original file was not found",
            vec![],
        )
    }

    pub(crate) fn upload_token_cannot_match_expected_size() -> Self {
        Self::new(
            "UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE",
            "Failed to match expected file size",
            vec![],
        )
    }

    pub(crate) fn upload_token_missing_file_size() -> Self {
        Self::new(
            "UPLOAD_TOKEN_MISSING_FILE_SIZE",
            "FileSize is mandatory when enabling autoFinalize",
            vec![],
        )
    }

    pub(crate) fn max_chunk_count_exceeded() -> Self {
        Self::new(
            "MAX_ALLOWED_CHUNK_COUNT_EXCEEDED",
            "Max allowed waiting chunks to be concatenated has exceeded allowed limit",
            vec![],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_fills_placeholders_in_order() {
        let e = ApiError::action_does_not_exist("nope", "media");
        assert_eq!(
            e.message,
            "Action \"nope\" does not exists for service \"media\""
        );
        assert_eq!(e.args[0], ("ACTION_NAME", "nope".to_owned()));
    }

    #[test]
    fn missing_argument_becomes_not_available() {
        let e = ApiError::new("X", "Caption asset \"@ASSET_ID@\" is not ready", vec![]);
        assert_eq!(e.message, "Caption asset \"N/A\" is not ready");
    }

    #[test]
    fn arguments_are_not_expanded_again() {
        let e = ApiError::entry_not_found("a@ENTRY_ID@b");
        assert_eq!(e.message, "Entry id \"a@ENTRY_ID@b\" not found");
        let e = ApiError::new("X", "mail me@example.com", vec![]);
        assert_eq!(e.message, "mail me@example.com");
    }

    #[test]
    fn invalid_ks_uses_the_current_server_wording() {
        assert_eq!(
            ApiError::invalid_ks("EXPIRED").message,
            "Invalid KS \"EXPIRED\", Error \"-1,INVALID_STR\""
        );
    }
}
