// The dashboard's audit page (#/audit): who changed what through the API, newest first, from
// GET /api/v1/audit, with an "Older" button that follows the cursor. Loaded before app.js; it uses
// app.js's api(), el(), table() and when() when it renders, and registers its view in
// DASHBOARD_VIEWS, which app.js's router consults.
"use strict";

async function auditView() {
  const page = await api("/api/v1/audit?limit=50");
  const rows = page.items.map(auditRow);
  const older = el("button", { id: "audit-older", class: "link" }, "Older");
  let next = page.next;
  older.hidden = !next;
  older.addEventListener("click", async () => {
    const more = await api("/api/v1/audit?limit=50&after=" + encodeURIComponent(next));
    document.querySelector("#audit tbody").append(...more.items.map(auditRow));
    next = more.next;
    older.hidden = !next;
  });
  return [
    el("h1", {}, "Audit log"),
    table("audit", [["When"], ["Who"], ["Action"], ["Object"], ["Route"]], rows,
      "Nothing changed yet."),
    older,
  ];
}

function auditRow(entry) {
  const object = entry.object_type
    ? entry.object_type + (entry.object_id ? " " + entry.object_id : "") : "—";
  return el("tr", { "data-audit": entry.id },
    el("td", {}, when(entry.occurred_at)), el("td", {}, entry.actor),
    el("td", { class: "action" }, entry.action), el("td", { class: "object" }, object),
    el("td", { class: "muted" }, entry.method + " " + entry.route));
}

(window.DASHBOARD_VIEWS = window.DASHBOARD_VIEWS || {})["#/audit"] = auditView;
