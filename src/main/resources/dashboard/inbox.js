// The dashboard's inbox page (#/inbox): the workspace's replies from GET /api/v1/replies,
// unhandled first, newest first, each with its sender, campaign, category (a select that PATCHes
// /api/v1/replies/{id}) and a "handled" toggle. What a person wrote is shown as text only (text
// nodes, never HTML). Loaded before app.js; it uses app.js's api(), el(), table(), when(),
// change(), me and atLeast() when it renders, and registers its view in DASHBOARD_VIEWS.
"use strict";

const REPLY_CATEGORIES = ["interested", "not_interested", "not_now", "referral", "wrong_person",
  "unsubscribe_request", "auto_reply", "other"];

async function inboxView() {
  const page = await api("/api/v1/replies?limit=100");
  return [
    el("h1", {}, "Inbox"),
    table("inbox", [["Received"], ["From"], ["Campaign"], ["Category"], ["Handled"], ["Reply"]],
      page.items.map(inboxRow), "No replies yet."),
  ];
}

function inboxRow(reply) {
  const canEdit = !!me && atLeast(me.role, "member");
  const category = el("select", { class: "reply-category", "aria-label": "Category" },
    reply.category ? null : el("option", { value: "" }, "—"),
    REPLY_CATEGORIES.map((c) => el("option", { value: c }, c.replace(/_/g, " "))));
  category.value = reply.category || "";
  category.disabled = !canEdit;
  category.addEventListener("change", () =>
    change("/api/v1/replies/" + reply.id, "PATCH", { category: category.value }));
  const handled = el("input", { type: "checkbox", class: "reply-handled", "aria-label": "Handled" });
  handled.checked = reply.handled;
  handled.disabled = !canEdit;
  handled.addEventListener("change", () =>
    change("/api/v1/replies/" + reply.id, "PATCH", { handled: handled.checked }));
  const setBy = reply.category_set_by ? "by " + reply.category_set_by : null;
  return el("tr", { "data-reply": reply.id, class: reply.handled ? "handled muted" : null },
    el("td", {}, when(reply.received_at)),
    el("td", { class: "from" }, reply.person_name || "", el("br"),
      el("span", { class: "muted" }, reply.from_address)),
    el("td", { class: "campaign" }, el("a", { href: "#/campaigns/" + reply.campaign_id },
      reply.campaign_name)),
    el("td", {}, category, setBy ? el("div", { class: "muted set-by" }, setBy) : null),
    el("td", {}, handled),
    el("td", {}, el("div", { class: "subject" }, reply.subject || ""),
      el("div", { class: "reply-body" }, reply.body)));
}

(window.DASHBOARD_VIEWS = window.DASHBOARD_VIEWS || {})["#/inbox"] = inboxView;
