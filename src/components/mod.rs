//! Pieces shared by the pages.

pub mod command_block;
// The copy button is used by the pages as they move to `view!`.
#[allow(dead_code, unused_imports)]
pub mod copy_button;
pub mod field;
pub mod finding;
pub mod legacy;
pub mod page_header;
pub mod page_link;
pub mod plan_steps;
pub mod read_only_note;
pub mod redrawn;
pub mod report_view;
pub mod test_reading;
pub mod trust_diagram;
pub mod verdict;

pub use command_block::CommandBlock;
#[allow(unused_imports)]
pub use copy_button::CopyButton;
pub use legacy::legacy;
pub use page_header::PageHeader;
pub use page_link::PageLink;
pub use read_only_note::ReadOnlyNote;
pub use redrawn::redrawn;
