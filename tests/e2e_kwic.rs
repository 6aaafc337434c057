//! The KWIC view end to end in a real terminal: the debug binary in tmux (a private socket,
//! 120×35) on the built-in sample corpus opens `K` on `"hybrid threats"`, marks two hits,
//! tags them, quits, and the notebook has both highlights. Skipped with a notice where
//! tmux is missing.

mod common;

use common::tmux::{Tmux, dossier_command};

#[test]
fn k_on_hybrid_threats_tags_two_hits_into_the_notebook() {
    let home = tempfile::tempdir().unwrap();
    let notebook = home.path().join("notebook.ron");
    let command = dossier_command(home.path(), &format!("--notebook '{}'", notebook.display()));
    let Some(tmux) = Tmux::start("kwic", home.path(), &command, "end-to-end test") else {
        return;
    };
    tmux.wait_for("Documents (2/2)");

    // Without a phrase, K says what it needs.
    tmux.keys(&["K"]);
    tmux.wait_for("needs a phrase query");

    tmux.keys(&["/"]);
    tmux.type_text("\"hybrid threats\"");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Documents (1/2)");
    tmux.keys(&["K"]);
    let screen = tmux.wait_for("5 hits in 1 document");
    assert!(screen.contains("KWIC \"hybrid threats\""), "{screen}");
    assert!(screen.contains("Where the hits fall"), "{screen}");
    for line in screen.lines() {
        assert!(
            dossier::text::width(line) <= 120,
            "line wider than the terminal: {line:?}"
        );
    }

    tmux.keys(&["l"]);
    tmux.wait_for("by the words left");
    tmux.keys(&["Space", "Space"]);
    tmux.wait_for("2 marked");
    tmux.keys(&["t"]);
    tmux.wait_for("Tag 2 hits");
    tmux.type_text("hybrid");
    tmux.keys(&["Enter"]);
    tmux.wait_for("tagged 2 hits +hybrid");
    tmux.wait_for("saved · ? help");

    tmux.keys(&["q"]);
    let bye = tmux.wait_for("this session:");
    assert!(bye.contains("tagged 2"), "{bye}");

    let conf = common::listed(home.path(), &notebook, "002_cbbf25972822090a.txt");
    let highlights = conf["highlights"].as_array().unwrap();
    assert_eq!(highlights.len(), 2, "{conf}");
    for h in highlights {
        assert_eq!(h["quote"], "hybrid threats", "{h}");
        assert_eq!(h["tags"][0], "hybrid", "{h}");
    }
}
