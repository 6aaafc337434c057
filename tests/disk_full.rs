//! A full disk loses nothing: a save that cannot be written fails with one line, leaves the
//! notebook as it was and no temporary file behind. The notebook sits on a tiny tmpfs,
//! filled up, in a mount namespace of its own (`unshare -rm`: no root needed); skipped
//! with a notice where that is not allowed.

mod common;

use std::process::Command;

#[test]
fn a_save_on_a_full_disk_fails_cleanly_and_the_notebook_is_whole() {
    let probe = Command::new("unshare")
        .args(["-rm", "sh", "-c", "mount -t tmpfs -o size=64k none /mnt"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("notice: unshare cannot mount here; disk-full test skipped");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "Statement\n\nThe Allies agreed to raise defence spending.\n",
    )
    .unwrap();
    let original = home.path().join("nb.ron");
    let tagged = common::dossier_in(home.path())
        .arg("-C")
        .arg(&corpus)
        .arg("--notebook")
        .arg(&original)
        .args(["tag", "a.txt", "--tag", "budget"])
        .output()
        .unwrap();
    assert!(tagged.status.success());
    let disk = home.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let bin = env!("CARGO_BIN_EXE_dossier");
    let h = home.path().display();
    // Inside the namespace: mount, copy the notebook in, fill the disk, try a change
    // whose save needs room, then show what is left.
    let script = format!(
        "set -u; mount -t tmpfs -o size=64k none '{d}' || exit 9; \
         cp '{h}/nb.ron' '{d}/nb.ron'; \
         dd if=/dev/zero of='{d}/fill' bs=1k count=1000 2>/dev/null; \
         XDG_CONFIG_HOME='{h}/config' XDG_DATA_HOME='{h}/data' XDG_CACHE_HOME='{h}/cache' HOME='{h}' \
         '{bin}' -C '{c}' --notebook '{d}/nb.ron' note a.txt --text \"$(head -c 20000 /dev/zero | tr '\\0' x)\"; \
         echo \"rc=$?\"; \
         cmp -s '{h}/nb.ron' '{d}/nb.ron' && echo same; \
         ls -a '{d}'",
        d = disk.display(),
        c = corpus.display(),
    );
    let out = Command::new("unshare")
        .args(["-rm", "sh", "-c", &script])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("rc=1"),
        "the change fails: {stdout} {stderr}"
    );
    assert!(
        stderr.contains("cannot save the notebook") && stderr.contains("No space left"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stdout.contains("\nsame\n"),
        "the notebook is as it was: {stdout}"
    );
    assert!(
        !stdout.contains(".tmp"),
        "no temporary file is left: {stdout}"
    );
}
