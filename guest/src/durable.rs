//! What the host needs to suspend an execution and restore it elsewhere: at a
//! quiescent point (between `run`/`resume` calls) the sandbox's state is its
//! linear memory, and this guest's only mutable Wasm global, the shadow stack
//! pointer, is back at its base. The host reads memory in place
//! (`memory-image`) and diffs it against the pristine snapshot; restoring
//! writes the changed pages back into a fresh instance (`restore-*`).
//!
//! Restoring must not allocate: the heap being overwritten is the
//! allocator's own state. So while a restore is under way the canonical
//! ABI's `cabi_realloc` hands out the staging area (a static buffer the image
//! never covers) instead of heap memory, and the two functions whose lists
//! must not be owned by a `Vec` are exported by hand.

use std::cell::UnsafeCell;

use crate::MemoryLayout;

/// The granularity of images: a changed 4 KiB page is copied whole.
const PAGE: usize = 4096;
/// One `restore-pages` entry: the page index (u32 LE), then the page.
const ENTRY: usize = 4 + PAGE;
/// The staging buffer's size: 15 entries.
const STAGING_BYTES: usize = 15 * ENTRY;

/// The staging buffer, the restore flag and the return area of the
/// hand-written exports, on pages of their own: left out of every image.
#[repr(C, align(4096))]
struct Staging {
    buffer: UnsafeCell<[u8; STAGING_BYTES]>,
    restoring: UnsafeCell<bool>,
    return_area: UnsafeCell<[u32; 2]>,
}

/// SAFETY: the guest is single-threaded (wasm32-wasip1 without threads).
unsafe impl Sync for Staging {}

static STAGING: Staging = Staging {
    buffer: UnsafeCell::new([0; STAGING_BYTES]),
    restoring: UnsafeCell::new(false),
    return_area: UnsafeCell::new([0; 2]),
};

unsafe extern "C" {
    /// The shadow stack's bounds, defined by wasm-ld.
    static __stack_low: u8;
    static __stack_high: u8;
}

fn staging_range() -> (usize, usize) {
    let start = &raw const STAGING as usize;
    (start, start + size_of::<Staging>())
}

fn stack_range() -> (usize, usize) {
    // Only the symbols' addresses are taken.
    (&raw const __stack_low as usize, &raw const __stack_high as usize)
}

pub(crate) fn layout() -> MemoryLayout {
    let (stack_start, stack_end) = stack_range();
    let (staging_start, staging_end) = staging_range();
    MemoryLayout {
        stack_start: stack_start as u32,
        stack_end: stack_end as u32,
        staging_start: staging_start as u32,
        staging_end: staging_end as u32,
    }
}

fn memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 65536
}

/// `memory-image`: the list (offset 0, the memory's size) written to the
/// return area; no `cabi_post` export, so nothing ever frees it.
#[unsafe(export_name = "memory-image")]
extern "C" fn memory_image() -> *mut u32 {
    let area = STAGING.return_area.get();
    // SAFETY: single-threaded; the return area is read by the host before
    // the next call into the guest.
    unsafe { *area = [0, memory_bytes() as u32] };
    area.cast()
}

pub(crate) fn restore_begin(pages: u32) -> bool {
    // SAFETY: single-threaded.
    if unsafe { *STAGING.restoring.get() } {
        return false;
    }
    let current = core::arch::wasm32::memory_size(0);
    let wanted = pages as usize;
    if wanted < current || (wanted > current && core::arch::wasm32::memory_grow(0, wanted - current) == usize::MAX) {
        return false;
    }
    unsafe { *STAGING.restoring.get() = true };
    true
}

pub(crate) fn restore_end() {
    unsafe { *STAGING.restoring.get() = false };
}

/// `restore-pages`: copies each (index, page) of the chunk in place.
#[unsafe(export_name = "restore-pages")]
extern "C" fn restore_pages(chunk: *const u8, len: usize) -> u32 {
    let buffer = STAGING.buffer.get() as *const u8;
    // SAFETY: single-threaded.
    if !unsafe { *STAGING.restoring.get() } || chunk != buffer || len > STAGING_BYTES || len % ENTRY != 0 {
        return 0;
    }
    let (stack, staging, end) = (stack_range(), staging_range(), memory_bytes());
    let overlaps = |(start, stop): (usize, usize), at: usize| at < stop && at + PAGE > start;
    for entry in 0..len / ENTRY {
        // SAFETY: within the staging buffer (len checked above).
        let entry = unsafe { chunk.add(entry * ENTRY) };
        let index = u32::from_le_bytes(unsafe { *(entry as *const [u8; 4]) }) as usize;
        let Some(at) = index.checked_mul(PAGE) else { return 0 };
        if at + PAGE > end || overlaps(stack, at) || overlaps(staging, at) {
            return 0;
        }
        // SAFETY: the page is inside memory and outside the live regions
        // (this function's frames are on the shadow stack, its input in the
        // staging area); nothing else is live at a quiescent point.
        unsafe { core::ptr::copy_nonoverlapping(entry.add(4), at as *mut u8, PAGE) };
    }
    1
}

/// The canonical ABI's allocator: the heap, except while restoring, when
/// every list the host lowers goes to the staging area.
#[unsafe(no_mangle)]
unsafe extern "C" fn cabi_realloc(old: *mut u8, old_len: usize, align: usize, new_len: usize) -> *mut u8 {
    // SAFETY: single-threaded.
    if unsafe { *STAGING.restoring.get() } {
        if old_len != 0 || new_len > STAGING_BYTES {
            core::arch::wasm32::unreachable();
        }
        return STAGING.buffer.get().cast();
    }
    unsafe { wit_bindgen::rt::cabi_realloc(old, old_len, align, new_len) }
}
