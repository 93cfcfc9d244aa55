//! Where the command plan's steps are on the page (the plan itself is
//! [`crate::components::plan_steps`]): findings link to them.

use s2s_core::commands::Plan;

/// Each step's anchor on the page, in plan order: `step-<id>`, and for a
/// kind that comes more than once (`exchange-iisreset`, one per server)
/// `step-<id>-2`, `-3`…, so every anchor is unique and a link to the kind
/// lands on its first step.
pub fn anchors(plan: &Plan) -> Vec<String> {
    super::unique_anchors(
        plan.steps
            .iter()
            .map(|s| format!("step-{}", s.id))
            .collect(),
    )
}
