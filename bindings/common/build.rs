// `napi build` writes the TypeScript declarations of every crate using
// napi-derive while compiling it; these two variables make cargo compile
// this crate again when that output is due (as napi-build does for the
// addon's own crate).
fn main() {
    println!("cargo::rerun-if-env-changed=NAPI_TYPE_DEF_TMP_FOLDER");
    println!("cargo::rerun-if-env-changed=NAPI_FORCE_BUILD_JSBOX_BINDINGS");
}
