//! Pieces shared by the pages.

pub mod certificate_card;
// The copy button is used by the pages as they move to `view!`.
#[allow(dead_code, unused_imports)]
pub mod copy_button;
pub mod fetch_steps;
pub mod legacy;
pub mod metadata_side;
pub mod page_link;
pub mod pair;
pub mod read_only_note;

#[allow(unused_imports)]
pub use copy_button::CopyButton;
pub use legacy::legacy;
pub use page_link::PageLink;
