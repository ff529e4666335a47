//! The date whose law applies: typed as people write dates in China
//! (2026年1月1日, 2026-1-1, 2026-01-01, 2026/1/1, 2026.1.1), checked against
//! the calendar (2026-02-31 is refused), and "today" in Beijing time.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};

use crate::error::{Error, Result};

/// The earliest year accepted: the law fatiao holds is far younger.
const FIRST_YEAR: i16 = 1949;

/// Reads a date in any of the usual forms and returns it as `YYYY-MM-DD`;
/// a date that is not on the calendar is an error that says why.
///
/// ```
/// use fatiao_core::verify::parse_date;
/// assert_eq!(parse_date("2026年1月1日").unwrap(), "2026-01-01");
/// assert_eq!(parse_date("2026-1-1").unwrap(), "2026-01-01");
/// assert!(parse_date("2026-02-31").is_err());
/// ```
pub fn parse_date(date: &str) -> Result<String> {
    let typed = date.trim();
    let bad = || {
        Error::BadQuery(format!(
            "日期“{typed}”的格式不对；请写成 2026-01-01、2026-1-1 或 2026年1月1日"
        ))
    };
    let normalized: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '／' | '．' => '-',
            _ => c,
        })
        .collect();
    let parts: Vec<&str> = match normalized.strip_suffix(['日', '号']) {
        // 2026年1月1日
        Some(rest) => {
            let (year, rest) = rest.split_once('年').ok_or_else(bad)?;
            let (month, day) = rest.split_once('月').ok_or_else(bad)?;
            vec![year, month, day]
        }
        None => normalized.split(['-', '/', '.']).collect(),
    };
    let [year, month, day] = parts.as_slice() else {
        return Err(bad());
    };
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then_some(())
    };
    digits(year, 4..=4).ok_or_else(bad)?;
    digits(month, 1..=2).ok_or_else(bad)?;
    digits(day, 1..=2).ok_or_else(bad)?;
    let (y, m, d): (i16, i8, i8) = (
        year.parse().map_err(|_| bad())?,
        month.parse().map_err(|_| bad())?,
        day.parse().map_err(|_| bad())?,
    );
    if y < FIRST_YEAR {
        return Err(Error::BadQuery(format!(
            "日期“{typed}”太早：请写 {FIRST_YEAR} 年以后的日期"
        )));
    }
    if !(1..=12).contains(&m) {
        return Err(Error::BadQuery(format!(
            "日期“{typed}”不存在：月份应在 1 到 12 之间"
        )));
    }
    let first = Date::new(y, m, 1).map_err(|_| bad())?;
    let days = first.days_in_month();
    if d < 1 {
        return Err(Error::BadQuery(format!(
            "日期“{typed}”不存在：日应在 1 到 {days} 之间"
        )));
    }
    if d > days {
        return Err(Error::BadQuery(format!(
            "日期“{typed}”不存在：{y}年{m}月只有{days}天"
        )));
    }
    let date = Date::new(y, m, d).map_err(|_| bad())?;
    Ok(date.strftime("%Y-%m-%d").to_string())
}

/// China's time zone. Asia/Shanghai from the tz database bundled into the
/// binary (so it works offline); should that ever be missing, the fixed
/// offset UTC+8 is the same thing, China having kept it without daylight
/// saving since 1991.
fn china() -> TimeZone {
    TimeZone::get("Asia/Shanghai").unwrap_or_else(|_| TimeZone::fixed(Offset::constant(8)))
}

/// The date in China at `instant`, `YYYY-MM-DD`.
pub fn date_in_china(instant: Timestamp) -> String {
    china()
        .to_datetime(instant)
        .date()
        .strftime("%Y-%m-%d")
        .to_string()
}

/// Today's date in China (Asia/Shanghai), `YYYY-MM-DD`: the date a letter
/// written today is written on, also before 08:00 when UTC is a day behind.
pub fn today() -> String {
    date_in_china(Timestamp::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_people_write_them() {
        const GOOD: &[(&str, &str)] = &[
            ("2026-01-01", "2026-01-01"),
            ("2026-1-1", "2026-01-01"),
            ("2026/1/1", "2026-01-01"),
            ("2026.1.1", "2026-01-01"),
            ("2026年1月1日", "2026-01-01"),
            ("2026年01月01日", "2026-01-01"),
            ("2026年1月1号", "2026-01-01"),
            (" 2026 年 12 月 31 日 ", "2026-12-31"),
            ("２０２６年１月１日", "2026-01-01"),
            ("2024-02-29", "2024-02-29"),
        ];
        for (typed, iso) in GOOD {
            assert_eq!(parse_date(typed).ok().as_deref(), Some(*iso), "{typed:?}");
        }
    }

    #[test]
    fn impossible_and_malformed_dates_are_refused_with_the_reason() {
        const BAD: &[(&str, &str)] = &[
            ("2026-02-31", "2026年2月只有28天"),
            ("2025-02-29", "2025年2月只有28天"),
            ("2026-04-31", "只有30天"),
            ("2026-13-01", "月份"),
            ("2026-00-10", "月份"),
            ("2026-01-00", "1 到 31"),
            ("1900-01-01", "太早"),
            ("20260101", "格式"),
            ("yesterday", "格式"),
            ("", "格式"),
            ("2026年1月", "格式"),
            ("26-1-1", "格式"),
        ];
        for (typed, reason) in BAD {
            match parse_date(typed) {
                Ok(date) => panic!("{typed:?} should be refused, got {date}"),
                Err(e) => assert!(
                    e.to_string().contains(reason),
                    "{typed:?}: the message should say {reason:?}: {e}"
                ),
            }
        }
    }

    #[test]
    fn today_is_taken_in_beijing_time() {
        // 2025-12-31 17:30 UTC is 2026-01-01 01:30 in Beijing.
        let instant: Timestamp = "2025-12-31T17:30:00Z".parse().expect("timestamp");
        assert_eq!(date_in_china(instant), "2026-01-01");
        let instant: Timestamp = "2025-12-31T15:59:59Z".parse().expect("timestamp");
        assert_eq!(date_in_china(instant), "2025-12-31");
        assert!(
            TimeZone::get("Asia/Shanghai").is_ok(),
            "the bundled tz database has Asia/Shanghai"
        );
        assert!(parse_date(&today()).is_ok(), "today is a valid date");
    }
}
