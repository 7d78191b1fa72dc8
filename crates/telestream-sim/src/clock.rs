//! Time as the wire writes it: ISO 8601 request timestamps read leniently (telestream-cloud.md 2.4 step 6)
//! and dates written as `2015/12/14 14:22:04 +0000` (section 3). Civil dates are computed here, with
//! Howard Hinnant's days-from-civil algorithm, rather than pulling a calendar crate for two conversions.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)` (the forms Python, Ruby and Go clients send)
/// as milliseconds since the epoch; anything else is `None`.
pub(crate) fn parse_timestamp(text: &str) -> Option<i64> {
    let number = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (date, rest) = text.split_once(['T', 't', ' '])?;
    let mut ymd = date.splitn(3, '-');
    let (year, month, day) = (
        number(ymd.next()?)?,
        number(ymd.next()?)?,
        number(ymd.next()?)?,
    );
    let zone_at = rest.find(['Z', 'z', '+', '-'])?;
    let (time, zone) = rest.split_at(zone_at);
    let (time, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut hms = time.splitn(3, ':');
    let (hour, minute, second) = (
        number(hms.next()?)?,
        number(hms.next()?)?,
        number(hms.next()?)?,
    );
    let millis = if fraction.is_empty() {
        0
    } else {
        let digits: String = fraction.chars().chain("000".chars()).take(3).collect();
        number(&digits)?
    };
    let offset_minutes = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let digits = zone[1..].replace(':', "");
            if digits.len() != 4 {
                return None;
            }
            sign * (number(&digits[..2])? * 60 + number(&digits[2..])?)
        }
    };
    let valid = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour < 24
        && minute < 60
        && second < 61;
    if !valid {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

/// `2015/12/14 14:22:04 +0000`: the date format of every `*_at` field, in UTC.
pub(crate) fn format_date(ms: i64) -> String {
    let seconds = ms.div_euclid(1000);
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let in_day = seconds.rem_euclid(86_400);
    format!(
        "{year:04}/{month:02}/{day:02} {:02}:{:02}:{:02} +0000",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAY_6: i64 = 1_714_979_289_000; // 2024-05-06T07:08:09Z

    #[test]
    fn every_timestamp_form_the_sdks_send_is_read() {
        assert_eq!(parse_timestamp("2024-05-06T07:08:09Z"), Some(MAY_6));
        assert_eq!(parse_timestamp("2024-05-06T07:08:09+00:00"), Some(MAY_6));
        assert_eq!(
            parse_timestamp("2024-05-06T07:08:09.123456+00:00"),
            Some(MAY_6 + 123)
        );
        assert_eq!(parse_timestamp("2024-05-06T07:08:09.000000Z"), Some(MAY_6));
        assert_eq!(parse_timestamp("2024-05-06T09:08:09+0200"), Some(MAY_6));
        assert_eq!(parse_timestamp("2024-05-06T02:08:09-05:00"), Some(MAY_6));
    }

    #[test]
    fn a_malformed_timestamp_is_not_read() {
        for bad in [
            "",
            "yesterday",
            "2024-05-06",
            "2024-13-06T07:08:09Z",
            "2024-05-06T07:08:09",
            "2024-05-06T07:08:09+1",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_written_in_the_wire_format() {
        assert_eq!(format_date(MAY_6 + 999), "2024/05/06 07:08:09 +0000");
        assert_eq!(format_date(0), "1970/01/01 00:00:00 +0000");
        assert_eq!(format_date(951_782_400_000), "2000/02/29 00:00:00 +0000");
    }
}
