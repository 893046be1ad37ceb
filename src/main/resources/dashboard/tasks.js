// The dashboard's task page (#/tasks): open tasks from GET /api/v1/tasks, soonest due first. A
// user sees their own tasks and the ones nobody is assigned to (assignee=me); a workspace key sees
// every open task. Each row shows the instructions as rendered with the person's fields (text
// nodes, never HTML), an outcome field, and Complete / Skip, which POST to /api/v1/tasks/{id}/…
// and move the sequence on. Loaded before app.js; it uses app.js's api(), el(), table(), when(),
// change(), me and atLeast() when it renders, and registers its view in DASHBOARD_VIEWS.
"use strict";

const TASK_CHANNELS = {
  linkedin_connect: "LinkedIn: connect", linkedin_message: "LinkedIn: message", call: "Call",
  manual_email: "Email by hand", other: "Other",
};

async function tasksView() {
  const mine = !!(me && me.user);
  const page = await api("/api/v1/tasks?status=open&limit=100" + (mine ? "&assignee=me" : ""));
  return [
    el("h1", {}, mine ? "My tasks" : "Open tasks"),
    table("tasks", [["Due"], ["Person"], ["Task"], ["Instructions"], ["Campaign"], ["Done"]],
      page.items.map(taskRow), "No open tasks."),
  ];
}

function taskRow(task) {
  const canAct = !!me && atLeast(me.role, "member");
  const outcome = el("input", { type: "text", class: "task-outcome", maxlength: "200",
    placeholder: "outcome (optional)", "aria-label": "Outcome" });
  const complete = el("button", { type: "button", class: "task-complete" }, "Complete");
  const skip = el("button", { type: "button", class: "task-skip" }, "Skip");
  for (const control of [outcome, complete, skip]) control.disabled = !canAct;
  complete.addEventListener("click", () => {
    const text = outcome.value.trim();
    change("/api/v1/tasks/" + task.id + "/complete", "POST", text ? { outcome: text } : {});
  });
  skip.addEventListener("click", () => change("/api/v1/tasks/" + task.id + "/skip", "POST", {}));
  return el("tr", { "data-task": task.id, class: task.overdue ? "overdue" : null },
    el("td", {}, when(task.due_at),
      task.overdue ? el("div", { class: "badge failed" }, "overdue") : null),
    el("td", { class: "person" }, task.person_name || "", el("br"),
      el("span", { class: "muted" }, task.person_email || "")),
    el("td", { class: "channel" }, TASK_CHANNELS[task.channel] || task.channel),
    el("td", { class: "instructions" }, task.instructions),
    el("td", { class: "campaign" }, el("a", { href: "#/campaigns/" + task.campaign_id },
      task.campaign_name)),
    el("td", { class: "task-actions" }, outcome, complete, skip));
}

(window.DASHBOARD_VIEWS = window.DASHBOARD_VIEWS || {})["#/tasks"] = tasksView;
