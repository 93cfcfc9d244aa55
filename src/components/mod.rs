//! Pieces shared by the pages.

// The copy button is used by the pages as they move to `view!`.
#[allow(dead_code, unused_imports)]
pub mod copy_button;
pub mod legacy;
pub mod page_link;
pub mod report_view;
pub mod test_reading;

#[allow(unused_imports)]
pub use copy_button::CopyButton;
pub use legacy::legacy;
pub use page_link::PageLink;
