//! Compare mode end to end in a real terminal: two coders tag the sample corpus from the
//! command line, then `dossier --compare` runs in tmux (private socket, 120×35); the
//! status bar shows the document's agreement and `d` moves to a disagreement. Skipped with
//! a notice where tmux is missing.

mod common;

use common::tmux::{Tmux, binary, env_for};
use std::path::Path;

/// `dossier tag` as `coder`, with the config, data and cache folders under `home`.
fn tag_as(home: &Path, coder: &str, notebook: &Path, quote: &str) {
    let out = common::dossier_in(home)
        .env("USER", coder)
        .args([
            "tag",
            "b3f3",
            "--quote",
            quote,
            "--tag",
            "cyber",
            "--notebook",
        ])
        .arg(notebook)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn compare_shows_the_agreement_and_moves_to_a_disagreement() {
    let home = tempfile::tempdir().unwrap();
    let (ana, ben) = (home.path().join("ana.ron"), home.path().join("ben.ron"));
    tag_as(home.path(), "ana", &ana, "considerably enhanced");
    tag_as(home.path(), "ben", &ben, "Cyber Operations Center");
    let command = format!(
        "{} USER=ana '{}' --notebook '{}' --compare '{}'; sleep 60",
        env_for(home.path()),
        binary().display(),
        ana.display(),
        ben.display()
    );
    let Some(tmux) = Tmux::start("compare", home.path(), &command, "end-to-end test") else {
        return;
    };
    // Two short passages, one each: κ is defined (and low).
    let start = tmux.wait_for("vs ben (ben.ron): ");
    let status = start.lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("% · κ "), "{status}");
    assert!(!status.contains("NaN"), "{status}");
    assert!(start.contains("= both < mine > theirs"), "{start}");

    tmux.keys(&["Enter", "d"]);
    let screen = tmux.wait_for("disagreement 1 of 2: only they");
    assert!(
        screen.lines().any(|l| l.contains("┃≠") || l.contains("┃>")),
        "the row of their passage is marked:\n{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("this session:");
}
