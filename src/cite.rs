//! Citation styles: how fatiao writes a reference for a letter or a filing.

use crate::corpus::{Status, StatuteMeta};

/// The full citation of an article: 《中华人民共和国民法典》第一千零三十二条.
///
/// A superseded version names itself, so a citation can never be mistaken for
/// the law in force: 《中华人民共和国治安管理处罚法》（2012年修正）第四十二条.
pub fn full_article(meta: &StatuteMeta, label: &str) -> String {
    format!("{}{}", full_title(meta), label)
}

/// 《title》, followed by （version label） for a superseded version.
pub fn full_title(meta: &StatuteMeta) -> String {
    if meta.status == Status::Superseded && !meta.version_label.is_empty() {
        format!("《{}》（{}）", meta.title, meta.version_label)
    } else {
        format!("《{}》", meta.title)
    }
}
