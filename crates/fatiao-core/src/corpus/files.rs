//! The corpus files' names, in corpus order: written by the importer
//! (crates/fatiao-import), embedded by [`super::BUILTIN_FILES`].

/// Output file names, in the corpus order. The numeric prefix makes a folder
/// listing (and so [`crate::Corpus::load_dir`]) give the built-in order.
pub const CIVIL_CODE_FILE: &str = "01-民法典.txt";
/// The 2025 revision of the PSAPL (in force since 2026-01-01).
pub const PSAPL_2025_FILE: &str = "02-治安管理处罚法-2025.txt";
/// The 2012 text of the PSAPL (superseded).
pub const PSAPL_2012_FILE: &str = "03-治安管理处罚法-2012.txt";
/// The partial NIFA debt-collection convention.
pub const CONVENTION_FILE: &str = "04-催收自律公约.txt";
/// 个人信息保护法 (2021).
pub const PIPL_FILE: &str = "05-个人信息保护法.txt";
/// 刑法, consolidated through 修正案（十二）.
pub const CRIMINAL_LAW_FILE: &str = "06-刑法.txt";
/// 民间借贷规定 (法释〔2020〕17号).
pub const LENDING_FILE: &str = "07-民间借贷规定.txt";
/// The 批复 on the 规定's scope (法释〔2020〕27号).
pub const LENDING_REPLY_FILE: &str = "08-民间借贷批复.txt";
/// 民事诉讼法 (2023).
pub const CIVIL_PROCEDURE_FILE: &str = "09-民事诉讼法.txt";
/// 消费者权益保护法 (2013).
pub const CONSUMER_FILE: &str = "10-消费者权益保护法.txt";
/// 网络安全法 as amended in 2025 (in force since 2026-01-01).
pub const CYBERSECURITY_2025_FILE: &str = "11-网络安全法-2025.txt";
/// 网络安全法 2016 (superseded).
pub const CYBERSECURITY_2016_FILE: &str = "12-网络安全法-2016.txt";
