//! The committed guest (host/prebuilt/) cannot silently drift from its
//! sources: its manifest records the hash of every input, and a change to
//! any of them without `make guest` fails here with the command to run.
//! (`make test` also rebuilds the guest and compares the bytes: see
//! scripts/guest.sh.)

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository root").to_path_buf()
}

#[test]
fn the_committed_guest_matches_its_sources() {
    if let Err(why) = jsbox_tools::check(&repo()) {
        panic!("{why}");
    }
}

/// A copy of what the check reads: the inputs and the artifact.
fn copy_of_the_inputs() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    let mut paths: Vec<&str> = jsbox_tools::INPUTS.to_vec();
    paths.extend(jsbox_tools::ARTIFACTS.iter().map(|artifact| artifact.path));
    paths.push(jsbox_tools::MANIFEST);
    for path in paths {
        copy_tree(&repo().join(path), &copy.path().join(path));
    }
    copy
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        if from.file_name().is_some_and(|n| n == "target") {
            return;
        }
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    }
}

#[test]
fn a_changed_guest_input_fails_the_check_and_names_the_refresh_command() {
    let edits: [(&str, fn(&mut Vec<u8>)); 4] = [
        ("guest/src/js/core.js", |bytes| bytes.extend_from_slice(b"\n// an edit\n")),
        ("guest/Cargo.lock", |bytes| bytes.push(b'\n')),
        ("guest/third_party/rquickjs-sys/quickjs/quickjs.c", |bytes| bytes[100] ^= 1),
        ("wit/jsbox.wit", |bytes| bytes.extend_from_slice(b"\n")),
    ];
    for (file, edit) in edits {
        let copy = copy_of_the_inputs();
        assert_eq!(jsbox_tools::check(copy.path()), Ok(()), "the untouched copy must pass");
        let path = copy.path().join(file);
        let mut bytes = std::fs::read(&path).unwrap();
        edit(&mut bytes);
        std::fs::write(&path, bytes).unwrap();
        let why = jsbox_tools::check(copy.path()).expect_err(file);
        assert!(why.contains("is stale") && why.contains("run `make guest`"), "{file}: {why}");
    }
}

#[test]
fn a_new_guest_source_file_fails_the_check_too() {
    let copy = copy_of_the_inputs();
    std::fs::write(copy.path().join("guest/src/js/extra.js"), "// new\n").unwrap();
    assert!(jsbox_tools::check(copy.path()).unwrap_err().contains("run `make guest`"));
}

#[test]
fn an_artifact_replaced_by_hand_fails_the_check() {
    // jsbox's guest, and each build of the standalone component.
    for artifact in jsbox_tools::ARTIFACTS {
        let copy = copy_of_the_inputs();
        let path = copy.path().join(artifact.path);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.push(0);
        std::fs::write(&path, bytes).unwrap();
        let why = jsbox_tools::check(copy.path()).unwrap_err();
        assert!(why.contains(artifact.path), "{why}");
        assert!(why.contains("not the artifact its manifest records") && why.contains("make guest"), "{why}");
    }
}
