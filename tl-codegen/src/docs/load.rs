//! Reading docs roots from disk: folders walked, files read within their size limit and
//! parsed on several threads, then added to a [`DocsSet`] in order.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::files::read_text;
use super::mtcute::{is_mtcute_file, read_mtcute_dir, read_mtcute_file};
use super::page::parse_page;
use super::set::{DocsSet, DocsWarning, Page};
use crate::parallel::map_ordered;

/// Files larger than this are skipped with a warning.
pub const MAX_PAGE_BYTES: u64 = 4 * 1024 * 1024;

/// Folders deeper than this below a root are not entered.
const MAX_DEPTH: usize = 32;

impl DocsSet {
    /// Reads one file into the set (mtcute's `raw-errors.json` and `api-schema.json` by
    /// name, see [`read_mtcute_file`]). Problems become warnings; nothing fails.
    pub fn add_file(&mut self, path: &Path) {
        if is_mtcute_file(path) {
            self.merge(read_mtcute_file(path).docs);
            return;
        }
        self.add_read(read_file(path));
    }

    /// Adds what [`read_file`] found in one file.
    fn add_read(&mut self, read: FileRead) {
        self.warnings.extend(read.warnings);
        match read.page {
            Some(page) => self.add_page(page),
            None if read.parsed => self.skipped.push(read.path),
            None => {}
        }
    }
}

/// What one file holds, read and parsed without touching a [`DocsSet`] (so that files can be
/// parsed on several threads and then added in order).
struct FileRead {
    path: PathBuf,
    /// Whether the file could be read (and was parsed); a file that parses into no page is
    /// listed in [`DocsSet::skipped`].
    parsed: bool,
    page: Option<Page>,
    warnings: Vec<DocsWarning>,
}

/// Reads and parses one file. Problems become warnings; nothing fails.
fn read_file(path: &Path) -> FileRead {
    let mut read = FileRead {
        path: path.to_path_buf(),
        parsed: false,
        page: None,
        warnings: Vec::new(),
    };
    let Some(text) = read_text(path, MAX_PAGE_BYTES, &mut read.warnings) else {
        return read;
    };
    let parsed = parse_page(&text, path);
    read.parsed = true;
    read.warnings.extend(parsed.warnings);
    read.page = parsed.page;
    read
}

/// Reads and parses `files` on up to as many threads as there are cores (a full docs corpus
/// is thousands of pages, most of a build script's docs time), returned in the order given.
fn read_files(files: &[PathBuf]) -> Vec<FileRead> {
    // Below a few hundred pages, starting threads costs more than it saves.
    map_ordered(files, 256, || (), |_, f| read_file(f))
}

/// Collects the `.md` files below `dir` (or `dir` itself if it is a file), sorted.
fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>, warnings: &mut Vec<DocsWarning>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            warnings.push(DocsWarning {
                file: dir.to_path_buf(),
                line: None,
                message: format!("cannot list folder: {e}"),
            });
            return;
        }
    };
    let mut paths: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => paths.push((path, true)),
            Ok(t) if t.is_file() || t.is_symlink() => paths.push((path, false)),
            _ => {}
        }
    }
    paths.sort();
    for (path, is_dir) in paths {
        if is_dir {
            if depth < MAX_DEPTH {
                walk(&path, depth + 1, files, warnings);
            }
        } else if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            files.push(path);
        }
    }
}

/// Reads one root: a folder (walked recursively: `methods/`, `constructors/`, `types/` and
/// loose `.md` files, in sorted order) or a single `.md` file. A folder holding mtcute's
/// `raw-errors.json` and/or `api-schema.json` (see [`read_mtcute_dir`]) has them read after
/// its pages, and either file can be a root of its own.
///
/// Fails only if the root itself does not exist or cannot be read.
pub fn load_root(root: &Path) -> io::Result<DocsSet> {
    let meta = fs::metadata(root)?;
    let mut set = DocsSet::new();
    if meta.is_file() {
        set.add_file(root);
        return Ok(set);
    }
    // Fail early if the root folder cannot be listed.
    fs::read_dir(root)?;
    let mut files = Vec::new();
    walk(root, 0, &mut files, &mut set.warnings);
    for read in read_files(&files) {
        set.add_read(read);
    }
    if let Some(mtcute) = read_mtcute_dir(root)? {
        set.merge(mtcute.docs);
    }
    Ok(set)
}

/// Reads several roots and merges them: prose (descriptions, parameters, return type, the
/// users/bots flags) comes from the first root that has it, errors are the union over all
/// roots (by code and name, in order of first appearance).
///
/// Fails only for a root that does not exist or cannot be listed.
pub fn load_roots<P: AsRef<Path>>(roots: &[P]) -> io::Result<DocsSet> {
    let sets = roots
        .iter()
        .map(|root| {
            load_root(root.as_ref()).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("docs root {}: {e}", root.as_ref().display()),
                )
            })
        })
        .collect::<io::Result<Vec<_>>>()?;
    Ok(DocsSet::merged(sets).unwrap_or_default())
}
