//! A suspended execution's memory as the pages it changed: read in place
//! from the guest (`memory-image`), compared with the pristine snapshot page
//! by page, and each changed page kept as its XOR with the pristine one, so
//! a page where a few reference counts moved is a page of zeros but for
//! those bytes (it compresses to almost nothing). Restoring writes the
//! pages back into a fresh instance through the guest's `restore-*`.

use wasmtime::Store;
use wasmtime::component::{Instance, WasmList};

use crate::bindings::{MemoryLayout, Sandbox};
use crate::error::Error;

/// The granularity of images (the guest's `restore-pages` page).
pub(crate) const PAGE: usize = 4096;
/// A Wasm page, the unit of memory size.
const WASM_PAGE: usize = 65536;
/// Pages per `restore-pages` call: what the guest's staging area holds.
const PAGES_PER_CHUNK: usize = 15;

/// The pristine snapshot's memory and the regions images leave out.
pub(crate) struct Pristine {
    memory: Box<[u8]>,
    skip: [(usize, usize); 2],
}

impl Pristine {
    /// Reads a fresh instance's memory: what every execution starts from.
    pub(crate) async fn read<T: Send + 'static>(
        store: &mut Store<T>,
        instance: &Instance,
        sandbox: &Sandbox,
    ) -> Result<Self, Error> {
        let layout = sandbox.call_memory_layout(&mut *store).await.map_err(Error::internal)?;
        let memory = view(store, instance, |memory| memory.to_vec().into_boxed_slice()).await?;
        Ok(Pristine { memory, skip: regions(&layout) })
    }

    /// The pristine page `index` (zeros past the snapshot's memory).
    fn page(&self, index: usize) -> Option<&[u8]> {
        self.memory.get(index * PAGE..(index + 1) * PAGE)
    }

    fn skipped(&self, index: usize) -> bool {
        let at = index * PAGE;
        self.skip.iter().any(|&(start, end)| at < end && at + PAGE > start)
    }
}

fn regions(layout: &MemoryLayout) -> [(usize, usize); 2] {
    [
        (layout.stack_start as usize, layout.stack_end as usize),
        (layout.staging_start as usize, layout.staging_end as usize),
    ]
}

/// Calls `f` with the guest's memory, in place.
async fn view<T: Send + 'static, R>(
    store: &mut Store<T>,
    instance: &Instance,
    f: impl FnOnce(&[u8]) -> R,
) -> Result<R, Error> {
    let image = instance.get_typed_func::<(), (WasmList<u8>,)>(&mut *store, "memory-image").map_err(Error::internal)?;
    let (list,) = image.call_async(&mut *store, ()).await.map_err(Error::internal)?;
    Ok(f(list.as_le_slice(&*store)))
}

/// The pages an execution changed, as XOR deltas against the pristine image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Image {
    /// The memory's size in Wasm pages.
    pub(crate) wasm_pages: u32,
    /// The changed pages' indices, ascending.
    pub(crate) indices: Vec<u32>,
    /// `PAGE` bytes per index: the page XOR the pristine page.
    pub(crate) deltas: Vec<u8>,
}

impl Image {
    /// The changed pages of `store`'s guest, at a quiescent point.
    pub(crate) async fn capture<T: Send + 'static>(
        store: &mut Store<T>,
        instance: &Instance,
        pristine: &Pristine,
    ) -> Result<Image, Error> {
        view(store, instance, |memory| Image::diff(memory, pristine)).await
    }

    fn diff(memory: &[u8], pristine: &Pristine) -> Image {
        let zeros = [0u8; PAGE];
        let mut image =
            Image { wasm_pages: (memory.len() / WASM_PAGE) as u32, indices: Vec::new(), deltas: Vec::new() };
        for (index, page) in memory.chunks_exact(PAGE).enumerate() {
            if pristine.skipped(index) {
                continue;
            }
            let base = pristine.page(index).unwrap_or(&zeros);
            if page == base {
                continue;
            }
            image.indices.push(index as u32);
            image.deltas.extend(page.iter().zip(base).map(|(a, b)| a ^ b));
        }
        image
    }

    /// Writes the image into `sandbox`, a fresh instance. `memory-limit`
    /// when the policy's memory limit is below the image's size.
    pub(crate) async fn restore<T: Send + 'static>(
        &self,
        store: &mut Store<T>,
        sandbox: &Sandbox,
        pristine: &Pristine,
        memory_limit: u64,
    ) -> Result<(), Error> {
        if !sandbox.call_restore_begin(&mut *store, self.wasm_pages).await.map_err(Error::internal)? {
            if self.wasm_pages as u64 * WASM_PAGE as u64 > memory_limit {
                return Err(Error::MemoryLimit { limit: memory_limit });
            }
            return Err(Error::internal("the guest refused to start restoring"));
        }
        let zeros = [0u8; PAGE];
        let mut chunk = Vec::with_capacity(PAGES_PER_CHUNK * (4 + PAGE));
        let pages = self.indices.iter().zip(self.deltas.chunks_exact(PAGE));
        for batch in pages.collect::<Vec<_>>().chunks(PAGES_PER_CHUNK) {
            chunk.clear();
            for &(&index, delta) in batch {
                let base = pristine.page(index as usize).unwrap_or(&zeros);
                chunk.extend_from_slice(&index.to_le_bytes());
                chunk.extend(delta.iter().zip(base).map(|(a, b)| a ^ b));
            }
            if !sandbox.call_restore_pages(&mut *store, &chunk).await.map_err(Error::internal)? {
                return Err(Error::internal("the guest refused a page of the image"));
            }
        }
        sandbox.call_restore_end(&mut *store).await.map_err(Error::internal)?;
        Ok(())
    }

    /// The image as bytes: memory size, count, indices, then the deltas.
    pub(crate) fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.wasm_pages.to_le_bytes());
        out.extend_from_slice(&(self.indices.len() as u32).to_le_bytes());
        for index in &self.indices {
            out.extend_from_slice(&index.to_le_bytes());
        }
        out.extend_from_slice(&self.deltas);
    }

    /// Reads what [`encode`](Image::encode) wrote, checking every bound:
    /// pages in ascending order, inside the memory's size.
    pub(crate) fn decode(bytes: &[u8]) -> Option<Image> {
        let word = |at: usize| -> Option<u32> { Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?)) };
        let wasm_pages = word(0)?;
        let count = word(4)? as usize;
        let total_pages = wasm_pages as usize * (WASM_PAGE / PAGE);
        if count > total_pages {
            return None;
        }
        let indices: Vec<u32> = (0..count).map(|i| word(8 + 4 * i)).collect::<Option<_>>()?;
        if indices.windows(2).any(|w| w[0] >= w[1]) || indices.last().is_some_and(|&last| last as usize >= total_pages)
        {
            return None;
        }
        let deltas = bytes.get(8 + 4 * count..)?;
        if deltas.len() != count * PAGE {
            return None;
        }
        Some(Image { wasm_pages, indices, deltas: deltas.to_vec() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pristine(pages: usize) -> Pristine {
        let memory: Vec<u8> = (0..pages * PAGE).map(|i| (i % 251) as u8).collect();
        Pristine { memory: memory.into_boxed_slice(), skip: [(0, PAGE), (3 * PAGE, 4 * PAGE)] }
    }

    #[test]
    fn diff_keeps_changed_pages_outside_the_skipped_regions() {
        let pristine = pristine(32);
        let mut memory = pristine.memory.to_vec();
        memory[5] = 1; // the stack: left out
        memory[3 * PAGE + 9] ^= 0xff; // the staging area: left out
        memory[7 * PAGE + 100] ^= 0x0f;
        memory.extend(std::iter::repeat_n(0u8, WASM_PAGE)); // grown, untouched
        let last = memory.len() - 1;
        memory[last] = 42;
        let image = Image::diff(&memory, &pristine);
        assert_eq!(image.wasm_pages, 3);
        assert_eq!(image.indices, [7, (memory.len() / PAGE - 1) as u32]);
        assert_eq!(image.deltas.iter().filter(|&&b| b != 0).count(), 2);
        let mut bytes = Vec::new();
        image.encode(&mut bytes);
        assert_eq!(Image::decode(&bytes), Some(image));
    }

    #[test]
    fn decode_refuses_out_of_order_out_of_range_and_short_images() {
        let image = Image { wasm_pages: 1, indices: vec![2, 1], deltas: vec![0; 2 * PAGE] };
        let mut bytes = Vec::new();
        image.encode(&mut bytes);
        assert_eq!(Image::decode(&bytes), None);
        let image = Image { wasm_pages: 1, indices: vec![16], deltas: vec![0; PAGE] };
        bytes.clear();
        image.encode(&mut bytes);
        assert_eq!(Image::decode(&bytes), None);
        let image = Image { wasm_pages: 1, indices: vec![3], deltas: vec![0; PAGE] };
        bytes.clear();
        image.encode(&mut bytes);
        assert!(Image::decode(&bytes).is_some());
        assert_eq!(Image::decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(Image::decode(&[1, 0, 0, 0, 255, 255, 255, 255]), None);
        assert_eq!(Image::decode(&[]), None);
    }
}
