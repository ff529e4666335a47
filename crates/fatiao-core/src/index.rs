//! The Tantivy index: schema, build, open, and when to rebuild.
//!
//! One document per article per statute version. The index lives in a
//! directory `L` that fatiao owns:
//!
//! ```text
//! L/lock            advisory lock (fs4): one builder at a time
//! L/current/        the index: Tantivy files, vocab.fst, phrase-vocab.fst, fingerprint
//! L/.build-<pid>/   an index being built; renamed to current/ when complete
//! ```
//!
//! `fingerprint` is written last and names the corpus fingerprint, the schema
//! version and the tokenizer version, then every file of the index with its
//! size and BLAKE3 hash (Tantivy's segment files, `meta.json`, both
//! vocabularies). An index whose fingerprint differs, whose files do not match
//! their hashes (a flipped byte, a deleted `.pos`, an edited vocabulary), or
//! that fails to open, is rebuilt. Hashing the whole index costs about a
//! millisecond per megabyte, so it is done on every open (see
//! [`check`]). Readers take no lock and write nothing (a read-only
//! directory wraps Tantivy's, so a valid index on a read-only disk is used as
//! it is): they open `current/`
//! if it is valid, and only when it is not do they take the lock, look again
//! (another process may just have built it) and build. A build goes into a
//! temporary directory beside `current/` and is renamed into place, so no
//! process ever sees a half-written index. If `L` cannot be written, the index
//! is built in memory and [`SearchIndex::notice`] says so.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fs4::fs_std::FileExt;
use tantivy::directory::error::{DeleteError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::tokenizer::segment::Dictionary;
use crate::tokenizer::{
    CHAR_TOKENIZER, CharTokenizer, TOKENIZER_VERSION, Vocabulary, WORD_TOKENIZER, WordTokenizer,
};

/// Bumped whenever the schema or what is indexed changes.
pub const SCHEMA_VERSION: u32 = 2;

const CURRENT_DIR: &str = "current";
const LOCK_FILE: &str = "lock";
const FINGERPRINT_FILE: &str = "fingerprint";
/// The word tokenizers' dictionaries ([`Dictionary`]), read as they are.
const VOCABULARY_FILE: &str = "vocab.fst";
const PHRASE_VOCABULARY_FILE: &str = "phrase-vocab.fst";
/// Name of the lay-phrase word tokenizer in Tantivy's tokenizer manager.
const PHRASE_WORD_TOKENIZER: &str = "fatiao_phrase_words";
/// Tantivy's indexing memory budget; the whole corpus fits in one segment.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

/// Handles of the index fields, built together with the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Where the article is in the corpus: statute index << 32 | article index.
    pub key: Field,
    /// 民法典@2020
    pub statute_id: Field,
    /// Short name: 民法典
    pub law: Field,
    /// "2020"
    pub version: Field,
    pub in_force: Field,
    /// Article number
    pub article: Field,
    /// N of 之N, 0 when absent
    pub suffix: Field,
    /// 第一千零三十二条, as one term
    pub label: Field,
    /// Heading titles, jieba words
    pub path: Field,
    /// Heading titles, single characters (phrases)
    pub path_chars: Field,
    /// Article text, jieba words
    pub text: Field,
    /// Article text, single characters (phrases)
    pub text_chars: Field,
    /// The article's lay phrases ([`crate::corpus::phrases`]), in words.
    pub phrases: Field,
}

impl Fields {
    /// The schema and its field handles.
    pub fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let words = |stored: bool| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(WORD_TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            if stored {
                options.set_stored()
            } else {
                options
            }
        };
        let chars = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(CHAR_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            key: builder.add_u64_field("key", FAST | STORED),
            statute_id: builder.add_text_field("statute_id", STRING),
            law: builder.add_text_field("law", STRING),
            version: builder.add_text_field("version", STRING),
            in_force: builder.add_bool_field("in_force", INDEXED),
            article: builder.add_u64_field("article", INDEXED),
            suffix: builder.add_u64_field("suffix", INDEXED),
            label: builder.add_text_field("label", STRING),
            path: builder.add_text_field("path", words(false)),
            path_chars: builder.add_text_field("path_chars", chars.clone()),
            text: builder.add_text_field("text", words(false)),
            text_chars: builder.add_text_field("text_chars", chars),
            // Sought word by word, never as a phrase: no positions.
            phrases: builder.add_text_field(
                "phrases",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(PHRASE_WORD_TOKENIZER)
                        .set_index_option(IndexRecordOption::WithFreqs),
                ),
            ),
        };
        (builder.build(), fields)
    }

    /// Field handles of an index opened from disk; fails if its schema is not ours.
    fn from_index(index: &Index) -> Result<Fields> {
        let (expected, fields) = Fields::schema();
        let actual = index.schema();
        let same = expected.fields().count() == actual.fields().count()
            && expected.fields().all(|(field, entry)| {
                actual.get_field(entry.name()).ok() == Some(field)
                    && actual.get_field_entry(field) == entry
            });
        if same {
            Ok(fields)
        } else {
            Err(Error::Index {
                path: PathBuf::new(),
                message: "schema differs from this version of fatiao".to_string(),
            })
        }
    }
}

/// Pack a statute index and an article index into the `key` field.
pub fn article_key(statute: usize, article: usize) -> u64 {
    ((statute as u64) << 32) | article as u64
}

/// Unpack a `key` into (statute index, article index).
pub fn split_key(key: u64) -> (usize, usize) {
    ((key >> 32) as usize, (key & 0xFFFF_FFFF) as usize)
}

/// Where the index should live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexLocation {
    /// A directory fatiao owns (created if missing).
    Dir(PathBuf),
    /// In memory, rebuilt every run.
    InMemory,
}

/// What a build did, for `fatiao index`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// Statute versions indexed.
    pub statutes: usize,
    /// Articles indexed (every article but the deleted ones).
    pub articles: usize,
    /// Words in the saved tokenizer vocabulary.
    pub vocabulary: usize,
    /// Articles indexed with lay phrases ([`crate::corpus::phrases`]).
    pub with_phrases: usize,
    pub elapsed: Duration,
}

/// An opened index with its reader and the tokenizer it was built with.
pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// The word tokenizer, for queries; the same one indexed the text.
    pub words: WordTokenizer,
    /// The lay phrases' word tokenizer: a vocabulary of their own, so that
    /// the statutes' segmentation stays as it is without them.
    phrase_words: WordTokenizer,
    /// Where the index actually is (`InMemory` after a fallback).
    pub location: IndexLocation,
    /// Set when the requested location could not be used; print it once.
    pub notice: Option<String>,
    /// Set when this call built the index.
    pub built: Option<BuildReport>,
}

impl SearchIndex {
    /// The word tokenizer of the lay phrases, for queries.
    pub fn phrase_words(&self) -> &WordTokenizer {
        &self.phrase_words
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("location", &self.location)
            .field("notice", &self.notice)
            .field("built", &self.built)
            .finish_non_exhaustive()
    }
}

/// The fingerprint an index of `corpus` must carry to be reused.
pub fn expected_fingerprint(corpus: &Corpus) -> String {
    format!(
        "corpus {}\nphrases {}\nschema {SCHEMA_VERSION}\ntokenizer {TOKENIZER_VERSION}\ntantivy {}\n",
        corpus.fingerprint,
        corpus.phrases.fingerprint(),
        tantivy::version_string()
    )
}

/// Open the index of `corpus` at `location`, building it first if it is
/// missing, stale or corrupt (always, with `rebuild`). Falls back to memory
/// when the location cannot be written.
pub fn open_or_build(
    corpus: &Corpus,
    location: &IndexLocation,
    rebuild: bool,
) -> Result<SearchIndex> {
    let dir = match location {
        IndexLocation::InMemory => return build_in_memory(corpus, None),
        IndexLocation::Dir(dir) => dir,
    };
    // Why the index at hand cannot be used, when it is damaged rather than
    // missing or built for another corpus: said before the rebuild.
    let mut damage = None;
    if !rebuild {
        match open_current(corpus, dir) {
            Ok(opened) => {
                remove_leftovers_if_idle(dir);
                return Ok(opened);
            }
            Err(err) if dir.join(CURRENT_DIR).exists() && !err.to_string().contains(STALE) => {
                damage = Some(format!("索引已损坏（{err}），正在重建"));
            }
            Err(_) => {}
        }
    }
    match build_on_disk(corpus, dir, rebuild) {
        Ok(mut opened) => {
            if opened.built.is_some() {
                opened.notice = damage;
            }
            Ok(opened)
        }
        Err(err) => {
            // A corpus that cannot be indexed fails again in memory and that
            // error is returned; anything else is the location's fault.
            let notice = format!(
                "无法在 {} 建立索引（{err}），本次在内存中建立；可用 --index DIR 或 FATIAO_INDEX 指定可写的位置",
                dir.display()
            );
            build_in_memory(corpus, Some(notice))
        }
    }
}

/// Why an index of another corpus or fatiao version is not used: not damage.
const STALE: &str = "built from another corpus or version";

/// The first word of every file entry in the fingerprint.
const FILE_ENTRY: &str = "file ";

/// Open `dir/current` if it is a complete, undamaged index of this corpus.
fn open_current(corpus: &Corpus, dir: &Path) -> Result<SearchIndex> {
    let current = dir.join(CURRENT_DIR);
    let corrupt = |message: String| Error::Index {
        path: current.clone(),
        message,
    };
    verify_files(corpus, &current)?;
    // Both dictionaries are read as they are (a file read and a checksum).
    let words = WordTokenizer::with_dictionary(Dictionary::load(&current.join(VOCABULARY_FILE))?);
    let phrase_words =
        WordTokenizer::with_dictionary(Dictionary::load(&current.join(PHRASE_VOCABULARY_FILE))?);
    let directory = ReadOnlyDirectory::open(&current)?;
    let index = Index::open(directory)?;
    let fields = Fields::from_index(&index).map_err(|e| corrupt(e.to_string()))?;
    // Searching never tokenises through Tantivy; the tokenizers are
    // registered for indexing, and the word one for completeness.
    index.tokenizers().register(WORD_TOKENIZER, words.clone());
    let reader = open_reader(&index)?;
    let expected_docs = corpus.indexed_article_count();
    let docs = reader.searcher().num_docs();
    if docs != expected_docs as u64 {
        return Err(corrupt(format!(
            "holds {docs} articles, the corpus {expected_docs}"
        )));
    }
    Ok(SearchIndex {
        index,
        reader,
        fields,
        words,
        phrase_words,
        location: IndexLocation::Dir(dir.to_path_buf()),
        notice: None,
        built: None,
    })
}

/// Read a file fatiao owns in the index directory, refusing anything but a
/// regular file: a FIFO named `fingerprint` would block the read forever.
fn read_regular(path: &Path) -> Result<Vec<u8>> {
    let meta = fs::symlink_metadata(path)?;
    if !meta.is_file() {
        return Err(Error::Index {
            path: path.to_path_buf(),
            message: "not a regular file".to_string(),
        });
    }
    Ok(fs::read(path)?)
}

/// The fingerprint's file lines for the files of `dir`: name, size, BLAKE3.
/// Lock files (empty, and absent on a read-only copy) are left out.
fn file_entries(dir: &Path) -> Result<String> {
    let mut names: Vec<String> = fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<std::io::Result<_>>()?;
    names.retain(|name| name != FINGERPRINT_FILE && !name.ends_with(".lock"));
    names.sort();
    let mut entries = String::new();
    for name in names {
        let bytes = read_regular(&dir.join(&name))?;
        entries.push_str(&format!(
            "{FILE_ENTRY}{name} {} {}\n",
            bytes.len(),
            blake3::hash(&bytes).to_hex()
        ));
    }
    Ok(entries)
}

/// What is wrong with an index directory, one line per problem; empty when
/// the fingerprint matches `corpus` and every file matches its hash.
fn damaged_files(corpus: &Corpus, current: &Path) -> Result<Vec<String>> {
    let fingerprint = read_regular(&current.join(FINGERPRINT_FILE))?;
    let fingerprint = String::from_utf8_lossy(&fingerprint);
    let expected = expected_fingerprint(corpus);
    let Some(entries) = fingerprint.strip_prefix(&expected) else {
        return Ok(vec![STALE.to_string()]);
    };
    let mut problems = Vec::new();
    let mut listed = 0;
    for line in entries.lines() {
        let mut parts = line.strip_prefix(FILE_ENTRY).unwrap_or("").split(' ');
        let (Some(name), Some(size), Some(hash), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            problems.push(format!("fingerprint line {line:?} is malformed"));
            continue;
        };
        listed += 1;
        // Only plain names: a fingerprint must not send fatiao elsewhere.
        if name.is_empty() || name.contains('/') || name.contains('\\') || name == ".." {
            problems.push(format!("fingerprint names {name:?}"));
            continue;
        }
        match read_regular(&current.join(name)) {
            Err(err) => problems.push(format!("{name}: {err}")),
            Ok(bytes) if bytes.len().to_string() != size => {
                problems.push(format!("{name}: {} bytes, {size} when built", bytes.len()))
            }
            Ok(bytes) if blake3::hash(&bytes).to_hex().as_str() != hash => {
                problems.push(format!("{name}: contents differ from when it was built"))
            }
            Ok(_) => {}
        }
    }
    if listed == 0 {
        problems.push("fingerprint lists no files".to_string());
    }
    Ok(problems)
}

/// Fails unless every file of `current` is as it was built.
fn verify_files(corpus: &Corpus, current: &Path) -> Result<()> {
    let problems = damaged_files(corpus, current)?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Index {
            path: current.to_path_buf(),
            message: problems.join("; "),
        })
    }
}

/// Why the files of an opened on-disk index no longer match their hashes
/// (changed under a running process), or `None` when they do or the index
/// is in memory. Costs about a millisecond per megabyte.
pub fn damage_since_open(corpus: &Corpus, index: &SearchIndex) -> Option<String> {
    let IndexLocation::Dir(dir) = &index.location else {
        return None;
    };
    verify_files(corpus, &dir.join(CURRENT_DIR))
        .err()
        .map(|err| err.to_string())
}

/// What `fatiao index --check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// The index directory checked (`L/current`).
    pub path: PathBuf,
    /// Problems found, one per line; empty for a sound index.
    pub problems: Vec<String>,
    /// Files whose hashes were compared.
    pub files: usize,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Check the index of `corpus` in `dir` without changing anything: the
/// fingerprint, every file's hash, Tantivy's own per-file checksums, that it
/// opens, and that it holds every article.
pub fn check(corpus: &Corpus, dir: &Path) -> CheckReport {
    let current = dir.join(CURRENT_DIR);
    let mut report = CheckReport {
        path: current.clone(),
        problems: Vec::new(),
        files: 0,
    };
    match damaged_files(corpus, &current) {
        Ok(problems) => report.problems.extend(problems),
        Err(err) => report.problems.push(format!("fingerprint: {err}")),
    }
    if let Ok(text) = fs::read_to_string(current.join(FINGERPRINT_FILE)) {
        report.files = text.lines().filter(|l| l.starts_with(FILE_ENTRY)).count();
    }
    match ReadOnlyDirectory::open(&current).and_then(|d| Ok(Index::open(d)?)) {
        Ok(index) => match index.validate_checksum() {
            Ok(damaged) => {
                let mut damaged: Vec<String> =
                    damaged.iter().map(|p| p.display().to_string()).collect();
                damaged.sort();
                for file in damaged {
                    report
                        .problems
                        .push(format!("{file}: tantivy checksum fails"));
                }
            }
            Err(err) => report.problems.push(format!("tantivy checksums: {err}")),
        },
        Err(err) => report
            .problems
            .push(format!("tantivy cannot open it: {err}")),
    }
    if report.problems.is_empty()
        && let Err(err) = open_current(corpus, dir)
    {
        report.problems.push(err.to_string());
    }
    report
}

/// Tantivy's memory-mapped directory, read only: no lock files, no writes.
///
/// Tantivy's reader takes `.tantivy-meta.lock` while it opens the segments,
/// which fails with EROFS on a read-only disk. fatiao never writes into
/// `current/` after a build (a new build goes beside it and is renamed into
/// place), so the lock protects nothing here and a no-op lock is safe.
#[derive(Debug, Clone)]
struct ReadOnlyDirectory(MmapDirectory);

impl ReadOnlyDirectory {
    fn open(path: &Path) -> Result<ReadOnlyDirectory> {
        MmapDirectory::open(path)
            .map(ReadOnlyDirectory)
            .map_err(|err| Error::Index {
                path: path.to_path_buf(),
                message: err.to_string(),
            })
    }
}

fn read_only(path: &Path) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::PermissionDenied,
        format!("{} is opened read-only", path.display()),
    )
}

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> std::result::Result<std::sync::Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> std::result::Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: std::sync::Arc::new(read_only(path)),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> std::result::Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> std::result::Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: std::sync::Arc::new(read_only(path)),
            filepath: path.to_path_buf(),
        })
    }

    fn atomic_read(&self, path: &Path) -> std::result::Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(read_only(path))
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    fn acquire_lock(
        &self,
        _lock: &Lock,
    ) -> std::result::Result<DirectoryLock, tantivy::directory::error::LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(callback)
    }
}

/// Take the lock, look again, and build into `dir/current` if still needed.
fn build_on_disk(corpus: &Corpus, dir: &Path, rebuild: bool) -> Result<SearchIndex> {
    fs::create_dir_all(dir)?;
    let lock_path = dir.join(LOCK_FILE);
    // Opening a FIFO for writing blocks until someone reads it.
    if let Ok(meta) = fs::symlink_metadata(&lock_path)
        && !meta.is_file()
    {
        return Err(Error::Index {
            path: lock_path,
            message: "the lock is not a regular file; remove it".to_string(),
        });
    }
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)?;
    lock.lock_exclusive()?;
    // Another process may have built it while we waited for the lock.
    if !rebuild && let Ok(opened) = open_current(corpus, dir) {
        return Ok(opened);
    }
    remove_leftovers(dir);
    let building = dir.join(format!(".build-{}", std::process::id()));
    if building.exists() {
        fs::remove_dir_all(&building)?;
    }
    fs::create_dir_all(&building)?;
    let report = match write_index(corpus, &building) {
        Ok(report) => report,
        Err(err) => {
            let _ = fs::remove_dir_all(&building);
            return Err(err);
        }
    };
    let current = dir.join(CURRENT_DIR);
    if current.exists() {
        let old = dir.join(format!(".old-{}", std::process::id()));
        fs::rename(&current, &old)?;
        fs::rename(&building, &current)?;
        // Readers that still map the old files keep them alive; failing to
        // delete here only leaves garbage that the next build removes.
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(&building, &current)?;
    }
    let mut opened = open_current(corpus, dir)?;
    opened.built = Some(report);
    // Dropping the file releases the lock; say so explicitly for the reader.
    let _ = FileExt::unlock(&lock);
    Ok(opened)
}

/// Remove what a killed build left beside a valid index, when no build is
/// running (the lock is free). Costs one directory listing when there is
/// nothing to remove, and writes nothing then.
fn remove_leftovers_if_idle(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let leftover = entries.flatten().any(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        name.starts_with(".build-") || name.starts_with(".old-")
    });
    let lock_path = dir.join(LOCK_FILE);
    if !leftover || !fs::symlink_metadata(&lock_path).is_ok_and(|m| m.is_file()) {
        return;
    }
    let Ok(lock) = fs::OpenOptions::new().write(true).open(&lock_path) else {
        return;
    };
    // fs4 answers Ok(false), not an error, when another process holds the lock.
    if matches!(lock.try_lock_exclusive(), Ok(true)) {
        remove_leftovers(dir);
        let _ = FileExt::unlock(&lock);
    }
}

/// Remove directories left by builds that crashed. Only called under the lock,
/// so no live build is removed.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".build-") || name.starts_with(".old-") {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Build the whole index into the empty directory `target`, fingerprint last.
fn write_index(corpus: &Corpus, target: &Path) -> Result<BuildReport> {
    let started = Instant::now();
    let (schema, fields) = Fields::schema();
    let index = Index::create_in_dir(target, schema)?;
    let (vocabulary, phrase_vocabulary) = vocabularies(corpus);
    let words = WordTokenizer::new(&vocabulary);
    let phrase_words = WordTokenizer::new(&phrase_vocabulary);
    register_tokenizers(&index, &words, &phrase_words);
    let articles = add_documents(corpus, &index, &fields)?;
    words.dictionary().save(&target.join(VOCABULARY_FILE))?;
    phrase_words
        .dictionary()
        .save(&target.join(PHRASE_VOCABULARY_FILE))?;
    // What was written is read back and checked before it is trusted.
    let damaged = index.validate_checksum()?;
    if !damaged.is_empty() {
        return Err(Error::Index {
            path: target.to_path_buf(),
            message: format!("files damaged while being written: {damaged:?}"),
        });
    }
    drop(index);
    let mut fingerprint = expected_fingerprint(corpus);
    fingerprint.push_str(&file_entries(target)?);
    let mut file = fs::File::create(target.join(FINGERPRINT_FILE))?;
    file.write_all(fingerprint.as_bytes())?;
    file.sync_all()?;
    Ok(BuildReport {
        statutes: corpus.statutes.len(),
        articles,
        vocabulary: vocabulary.len(),
        with_phrases: corpus.phrases.article_count(&corpus.statutes),
        elapsed: started.elapsed(),
    })
}

fn build_in_memory(corpus: &Corpus, notice: Option<String>) -> Result<SearchIndex> {
    let started = Instant::now();
    let (schema, fields) = Fields::schema();
    let index = Index::create_in_ram(schema);
    let (vocabulary, phrase_vocabulary) = vocabularies(corpus);
    let words = WordTokenizer::new(&vocabulary);
    let phrase_words = WordTokenizer::new(&phrase_vocabulary);
    register_tokenizers(&index, &words, &phrase_words);
    let articles = add_documents(corpus, &index, &fields)?;
    let reader = open_reader(&index)?;
    Ok(SearchIndex {
        index,
        reader,
        fields,
        words,
        phrase_words,
        location: IndexLocation::InMemory,
        notice,
        built: Some(BuildReport {
            statutes: corpus.statutes.len(),
            articles,
            vocabulary: vocabulary.len(),
            with_phrases: corpus.phrases.article_count(&corpus.statutes),
            elapsed: started.elapsed(),
        }),
    })
}

/// The vocabularies of the two word tokenizers: the statutes' (every text
/// the text and heading fields hold) and the lay phrases' (房东, 押金,
/// 爆通讯录…), kept apart so that the phrases never change how the statutes
/// are segmented.
fn vocabularies(corpus: &Corpus) -> (Vocabulary, Vocabulary) {
    let articles = corpus
        .statutes
        .iter()
        .flat_map(|s| s.articles.iter().map(|a| a.text()));
    let headings = corpus
        .statutes
        .iter()
        .flat_map(|s| s.headings.iter().map(|h| h.title.clone()));
    let statute_texts: Vec<String> = articles.chain(headings).collect();
    let phrase_texts: Vec<String> = corpus
        .statutes
        .iter()
        .enumerate()
        .flat_map(|(s, statute)| {
            (0..statute.articles.len()).map(move |a| corpus.phrases_of(s, a).join("\n"))
        })
        .collect();
    let mut built = Vocabulary::from_text_groups(vec![
        statute_texts.iter().map(String::as_str).collect::<Vec<_>>(),
        phrase_texts.iter().map(String::as_str).collect(),
    ])
    .into_iter();
    let statutes = built.next().unwrap_or_default();
    let phrases = built.next().unwrap_or_default();
    (statutes, phrases)
}

/// The text indexed in the `path` fields of an article.
pub fn path_text(titles: &[&str]) -> String {
    titles.join("\n")
}

fn add_documents(corpus: &Corpus, index: &Index, fields: &Fields) -> Result<usize> {
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY)?;
    let mut count = 0;
    for (s, statute) in corpus.statutes.iter().enumerate() {
        let id = statute.id();
        let in_force = !statute.meta.status.is_superseded();
        for (a, article) in statute.articles.iter().enumerate() {
            // A deleted article (「（删去）」) exists for references and
            // citations, but there is nothing in it to find.
            if article.is_deleted() {
                continue;
            }
            let text = article.text();
            let path = path_text(&statute.path_titles(article));
            let mut doc = TantivyDocument::default();
            doc.add_u64(fields.key, article_key(s, a));
            doc.add_text(fields.statute_id, &id);
            doc.add_text(fields.law, &statute.meta.short_name);
            doc.add_text(fields.version, &statute.meta.version);
            doc.add_bool(fields.in_force, in_force);
            doc.add_u64(fields.article, u64::from(article.no.number));
            doc.add_u64(fields.suffix, u64::from(article.no.suffix));
            doc.add_text(fields.label, &article.label);
            doc.add_text(fields.path, &path);
            doc.add_text(fields.path_chars, &path);
            doc.add_text(fields.text, &text);
            doc.add_text(fields.text_chars, &text);
            doc.add_text(fields.phrases, corpus.phrases_of(s, a).join("\n"));
            writer.add_document(doc)?;
            count += 1;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(count)
}

fn register_tokenizers(index: &Index, words: &WordTokenizer, phrase_words: &WordTokenizer) {
    index.tokenizers().register(WORD_TOKENIZER, words.clone());
    index
        .tokenizers()
        .register(PHRASE_WORD_TOKENIZER, phrase_words.clone());
    index.tokenizers().register(CHAR_TOKENIZER, CharTokenizer);
}

fn open_reader(index: &Index) -> Result<IndexReader> {
    Ok(index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::testing;
    use tantivy::Term;

    fn article_count(corpus: &Corpus) -> usize {
        corpus.indexed_article_count()
    }

    #[test]
    fn builds_once_then_reopens() {
        let corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().join("index"));
        let first = open_or_build(&corpus, &location, false).expect("first open builds");
        let report = first.built.clone().expect("first open should build");
        assert_eq!(
            report.articles,
            article_count(&corpus),
            "articles indexed: {report:?}"
        );
        assert_eq!(report.statutes, 3, "statutes indexed: {report:?}");
        assert_eq!(first.location, location, "index should be on disk");
        drop(first);
        let second = open_or_build(&corpus, &location, false).expect("second open");
        assert!(
            second.built.is_none(),
            "an up-to-date index must not be rebuilt"
        );
        assert!(
            second.notice.is_none(),
            "no notice expected: {:?}",
            second.notice
        );
        let forced = open_or_build(&corpus, &location, true).expect("forced rebuild");
        assert!(forced.built.is_some(), "rebuild=true must rebuild");
    }

    #[test]
    fn a_changed_corpus_fingerprint_rebuilds() {
        let mut corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().to_path_buf());
        open_or_build(&corpus, &location, false).expect("build");
        corpus.fingerprint.push_str("-changed");
        let reopened = open_or_build(&corpus, &location, false).expect("reopen");
        assert!(
            reopened.built.is_some(),
            "a new corpus fingerprint must trigger a rebuild"
        );
    }

    #[test]
    fn lay_phrases_are_indexed_apart_and_changing_them_rebuilds() {
        let mut corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().to_path_buf());
        let without = open_or_build(&corpus, &location, false).expect("build");
        let statute = &corpus.statutes[0];
        let text = format!(
            "{}\t{}\t1\t房东不退押金\n",
            statute.meta.short_name, statute.meta.version
        );
        corpus.phrases = crate::corpus::ArticlePhrases::parse("p.tsv", &text, &corpus.statutes)
            .expect("phrases");
        let with = open_or_build(&corpus, &location, false).expect("reopen");
        assert!(
            with.built.is_some(),
            "new lay phrases must trigger a rebuild"
        );
        // The phrases' words are a vocabulary of their own: the statutes'
        // segmentation (and so their ranking) is the same with or without them.
        assert_eq!(
            with.words.words("房东不退押金"),
            without.words.words("房东不退押金")
        );
        let phrase_words: Vec<String> = with
            .phrase_words()
            .words("房东不退押金")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert!(
            phrase_words.contains(&"房东".to_string()),
            "{phrase_words:?}"
        );
        let searcher = with.reader.searcher();
        let found = searcher
            .doc_freq(&Term::from_field_text(with.fields.phrases, "房东"))
            .expect("doc freq");
        assert_eq!(found, 1, "the phrase is indexed for its one article");
        let in_text = searcher
            .doc_freq(&Term::from_field_text(with.fields.text, "房东"))
            .expect("doc freq");
        assert_eq!(in_text, 0, "and never as statute text");
    }

    #[test]
    fn a_corrupt_index_is_rebuilt() {
        let corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().to_path_buf());
        open_or_build(&corpus, &location, false).expect("build");
        let current = dir.path().join(CURRENT_DIR);
        for damage in ["meta.json", VOCABULARY_FILE, PHRASE_VOCABULARY_FILE] {
            fs::write(current.join(damage), "garbage").expect("damage the index");
            let reopened = open_or_build(&corpus, &location, false).expect("reopen");
            assert!(
                reopened.built.is_some(),
                "damaged {damage} must trigger a rebuild"
            );
            assert_eq!(
                reopened.reader.searcher().num_docs() as usize,
                article_count(&corpus),
                "rebuilt index after damaging {damage} is incomplete"
            );
        }
    }

    /// The files of `current/` with the given extension (or name).
    fn files_named(current: &Path, ending: &str) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(current)
            .expect("read current")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(ending))
            .collect();
        files.sort();
        files
    }

    /// Overwrite `len` bytes at `at` (wrapped into the file) with their complement.
    fn flip(path: &Path, at: usize, len: usize) {
        let mut bytes = fs::read(path).expect("read file");
        if bytes.is_empty() {
            bytes.push(0);
        }
        let n = bytes.len();
        for i in 0..len {
            let j = (at + i) % n;
            bytes[j] = !bytes[j];
        }
        fs::write(path, bytes).expect("write file");
    }

    #[test]
    fn byte_flips_in_every_kind_of_index_file_are_found_and_repaired() {
        let corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().to_path_buf());
        open_or_build(&corpus, &location, false).expect("build");
        let current = dir.path().join(CURRENT_DIR);
        let kinds = [
            ".idx",
            ".pos",
            ".term",
            ".store",
            ".fast",
            ".fieldnorm",
            "meta.json",
            ".managed.json",
            VOCABULARY_FILE,
            PHRASE_VOCABULARY_FILE,
        ];
        let mut tried = 0;
        for kind in kinds {
            for (at, len) in [(0, 1), (10, 1), (usize::MAX / 2, 7), (3, 512)] {
                let files = files_named(&current, kind);
                assert!(!files.is_empty(), "no {kind} file in the index");
                flip(&files[0], at, len);
                tried += 1;
                let report = check(&corpus, dir.path());
                assert!(
                    !report.is_sound(),
                    "index --check must see a flip in {kind} at {at} ({len} bytes)"
                );
                let reopened = open_or_build(&corpus, &location, false).expect("reopen");
                assert!(
                    reopened.built.is_some(),
                    "a flip in {kind} at {at} must trigger a rebuild"
                );
                let notice = reopened.notice.clone().unwrap_or_default();
                assert!(
                    notice.contains("索引已损坏"),
                    "notice for {kind}: {notice:?}"
                );
                assert_eq!(
                    reopened.reader.searcher().num_docs() as usize,
                    article_count(&corpus)
                );
                assert!(
                    check(&corpus, dir.path()).is_sound(),
                    "rebuilt after {kind}"
                );
            }
        }
        assert_eq!(tried, 40);
    }

    #[test]
    fn a_deleted_positions_file_or_an_edited_vocabulary_rebuilds() {
        let corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().to_path_buf());
        open_or_build(&corpus, &location, false).expect("build");
        let current = dir.path().join(CURRENT_DIR);
        fs::remove_file(&files_named(&current, ".pos")[0]).expect("delete .pos");
        let reopened = open_or_build(&corpus, &location, false).expect("reopen");
        assert!(
            reopened.built.is_some(),
            "a missing .pos must trigger a rebuild"
        );
        // Still loads, but is not what was built: another valid dictionary.
        let vocab = current.join(VOCABULARY_FILE);
        Dictionary::new([("隐私", 364)], 0)
            .save(&vocab)
            .expect("write another dictionary");
        assert!(
            Dictionary::load(&vocab).is_ok(),
            "the other dictionary still loads"
        );
        let reopened = open_or_build(&corpus, &location, false).expect("reopen");
        assert!(
            reopened.built.is_some(),
            "an edited vocabulary must trigger a rebuild"
        );
    }

    #[test]
    fn a_valid_index_is_opened_without_writing_anything() {
        let corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().to_path_buf());
        open_or_build(&corpus, &location, false).expect("build");
        let current = dir.path().join(CURRENT_DIR);
        for lock in files_named(&current, ".lock") {
            fs::remove_file(lock).expect("remove tantivy lock");
        }
        let listing = |d: &Path| -> Vec<String> {
            let mut names: Vec<String> = fs::read_dir(d)
                .expect("list")
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let (before, before_top) = (listing(&current), listing(dir.path()));
        let reopened = open_or_build(&corpus, &location, false).expect("reopen");
        assert!(reopened.built.is_none(), "a valid index is used as it is");
        let searcher = reopened.reader.searcher();
        assert_eq!(searcher.num_docs() as usize, article_count(&corpus));
        assert_eq!(
            listing(&current),
            before,
            "opening must create no file in current/"
        );
        assert_eq!(listing(dir.path()), before_top, "nor beside it");
    }

    #[test]
    fn a_fifo_in_the_index_directory_does_not_hang() {
        let corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().to_path_buf());
        open_or_build(&corpus, &location, false).expect("build");
        let current = dir.path().join(CURRENT_DIR);
        fs::remove_file(current.join(FINGERPRINT_FILE)).expect("remove fingerprint");
        let made = std::process::Command::new("mkfifo")
            .arg(current.join(FINGERPRINT_FILE))
            .status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo not available");
            return;
        }
        fs::remove_file(dir.path().join(LOCK_FILE)).expect("remove lock");
        std::process::Command::new("mkfifo")
            .arg(dir.path().join(LOCK_FILE))
            .status()
            .expect("mkfifo lock");
        // Neither blocks: the fingerprint is refused, the build cannot lock
        // and falls back to memory with a notice.
        let opened = open_or_build(&corpus, &location, false).expect("open");
        assert_eq!(opened.location, IndexLocation::InMemory);
        assert!(opened.notice.is_some());
    }

    #[test]
    fn leftovers_of_a_killed_build_are_removed_beside_a_valid_index() {
        let corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().to_path_buf());
        open_or_build(&corpus, &location, false).expect("build");
        let leftover = dir.path().join(".build-999999");
        fs::create_dir_all(&leftover).expect("leftover");
        fs::write(leftover.join("x.idx"), "half").expect("leftover file");
        let reopened = open_or_build(&corpus, &location, false).expect("reopen");
        assert!(reopened.built.is_none());
        assert!(!leftover.exists(), "the killed build's directory must go");
    }

    #[test]
    fn an_unwritable_location_falls_back_to_memory() {
        let corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("file.txt");
        fs::write(&file, "not a directory").expect("write file");
        // Even root cannot create a directory under a regular file.
        let location = IndexLocation::Dir(file.join("index"));
        let opened = open_or_build(&corpus, &location, false).expect("memory fallback");
        assert_eq!(
            opened.location,
            IndexLocation::InMemory,
            "should fall back to memory"
        );
        let notice = opened.notice.expect("the fallback must come with a notice");
        assert!(
            notice.contains("内存"),
            "notice should say the index is in memory: {notice}"
        );
    }

    #[test]
    fn concurrent_opens_agree_and_leave_a_valid_index() {
        let corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().to_path_buf());
        let builds: Vec<bool> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..3)
                .map(|_| scope.spawn(|| open_or_build(&corpus, &location, false)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .expect("thread panicked")
                        .expect("concurrent open failed")
                        .built
                        .is_some()
                })
                .collect()
        });
        assert_eq!(
            builds.iter().filter(|&&b| b).count(),
            1,
            "exactly one of the concurrent opens should build: {builds:?}"
        );
        let entries: Vec<String> = fs::read_dir(dir.path())
            .expect("read index dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            entries.iter().all(|e| e == CURRENT_DIR || e == LOCK_FILE),
            "leftover build directories: {entries:?}"
        );
    }

    /// Index-time and query-time tokenisation agree: the terms the index holds
    /// for the text field are exactly the words the query tokenizer (loaded
    /// from the saved vocabulary) produces for the same texts.
    #[test]
    fn indexed_terms_equal_query_tokenizer_output() {
        let corpus = testing::search_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let location = IndexLocation::Dir(dir.path().to_path_buf());
        open_or_build(&corpus, &location, false).expect("build");
        // Reopen, so the tokenizer comes from vocab.fst, as in a new process.
        let opened = open_or_build(&corpus, &location, false).expect("reopen");
        assert!(opened.built.is_none(), "expected a reopen, not a build");
        let expected: BTreeSet<String> = corpus
            .statutes
            .iter()
            .flat_map(|s| s.articles.iter())
            .flat_map(|a| opened.words.words(&a.text()))
            .map(|t| t.text)
            .collect();
        let searcher = opened.reader.searcher();
        let mut indexed = BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(opened.fields.text)
                .expect("text field");
            let mut stream = inverted.terms().stream().expect("term stream");
            while stream.advance() {
                indexed.insert(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        assert!(!indexed.is_empty(), "no terms indexed");
        assert_eq!(
            indexed, expected,
            "indexed terms differ from query-time tokens"
        );
    }
}
