//! The doors a terminal tool has: shell completions, the man page, and the cache in the
//! XDG cache folder (moved there from where earlier versions kept it).

mod common;

use std::path::Path;

fn run(home: &Path, args: &[&str]) -> std::process::Output {
    common::dossier_in(home).args(args).output().unwrap()
}

#[test]
fn completions_are_printed_for_every_shell() {
    let home = tempfile::tempdir().unwrap();
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef dossier"),
        ("fish", "complete -c dossier"),
        ("elvish", "edit:completion:arg-completer[dossier]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = run(home.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {out:?}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(mark), "{shell}: {script}");
        // Subcommands and their options are completed, not only the top level.
        assert!(
            script.contains("kwic") && script.contains("--query"),
            "{shell}"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tcsh"));
}

#[test]
fn the_man_page_is_roff_naming_the_subcommands() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["man"]);
    assert!(out.status.success(), "{out:?}");
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH dossier 1"),
        "{page}"
    );
    for word in ["dossier", "list", "export", "completions", "\\-\\-notebook"] {
        assert!(page.contains(word), "{word} missing from the man page");
    }
}

#[test]
fn completions_and_man_work_with_a_broken_configuration() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/dossier");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.ron"), "Config(nonsense: ").unwrap();
    assert!(!run(home.path(), &["list"]).status.success());
    assert!(run(home.path(), &["completions", "bash"]).status.success());
    assert!(run(home.path(), &["man"]).status.success());
}

#[test]
fn the_cache_lives_in_the_cache_folder_and_an_old_one_is_moved_there() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "The allies met today.\n").unwrap();
    let old = home.path().join("data/dossier/cache");
    std::fs::create_dir_all(old.join("extracted")).unwrap();
    std::fs::write(old.join("extracted/kept.txt"), "kept").unwrap();

    let out = common::dossier_in(home.path())
        .arg("list")
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let new = home.path().join("cache/dossier");
    assert!(!old.exists(), "the old cache folder is gone");
    assert_eq!(
        std::fs::read_to_string(new.join("extracted/kept.txt")).unwrap(),
        "kept",
        "what it held was moved"
    );
    let written = std::fs::read_dir(&new)
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().ends_with(".bin"));
    assert!(
        written,
        "the corpus's metadata cache is written in the new folder"
    );
}
