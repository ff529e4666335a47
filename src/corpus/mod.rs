//! The statutes: the model, the corpus file format, the importer from raw
//! sources, Chinese numerals, and the corpus built into the binary.

pub mod model;
pub mod numerals;

pub use model::{
    Article, ArticleNo, Heading, HeadingLevel, Item, Paragraph, Status, Statute, StatuteMeta,
};

/// All statute versions fatiao searches, in a fixed order.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub statutes: Vec<Statute>,
    /// Hash of the corpus files' names and bytes; the index stores it to know when to rebuild.
    pub fingerprint: String,
}

impl Corpus {
    /// The statute version with this id (`民法典@2020`).
    pub fn get(&self, id: &str) -> Option<&Statute> {
        self.statutes.iter().find(|s| s.id() == id)
    }

    /// Every version of the statute named `name` (full title, short name or alias), newest first.
    pub fn versions_named(&self, name: &str) -> Vec<&Statute> {
        let mut found: Vec<&Statute> = self.statutes.iter().filter(|s| s.is_named(name)).collect();
        found.sort_by(|a, b| b.meta.effective.cmp(&a.meta.effective));
        found
    }

    /// The version of the statute named `name` in force today, if any.
    pub fn in_force_named(&self, name: &str) -> Option<&Statute> {
        self.versions_named(name)
            .into_iter()
            .find(|s| s.meta.status == Status::InForce)
    }
}
