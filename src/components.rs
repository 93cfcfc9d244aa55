//! Pieces shared by the pages.

pub mod certificate_card;
pub mod command_block;
pub mod copy_button;
pub mod fetch_steps;
pub mod field;
pub mod finding;
pub mod metadata_side;
pub mod page_header;
pub mod page_link;
pub mod pair;
pub mod plan_steps;
pub mod read_only_note;
pub mod report_view;
pub mod test_reading;
pub mod trust_diagram;
pub mod verdict;
pub mod watched_deployments;

pub use command_block::CommandBlock;
pub use copy_button::CopyButton;
pub use page_header::PageHeader;
pub use page_link::PageLink;
pub use read_only_note::ReadOnlyNote;
