// The campaign-engine dashboard: plain JavaScript over the JSON API, with the session cookie set at
// login. Hash routes: #/ (campaigns), #/campaigns/{id}, #/mailboxes, #/audit (audit.js). The view
// refreshes itself every few seconds. Text from the API is only ever set as textContent, never as
// HTML.
"use strict";

const REFRESH_MS = 4000;
const view = document.getElementById("view");
const live = document.getElementById("live");
let timer = null;
let chart = null;

async function api(path, options = {}) {
  const init = { credentials: "same-origin", headers: {}, ...options };
  if (init.method && init.method !== "GET") {
    init.headers["X-Requested-With"] = "campaign-engine-dashboard";
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    window.location.assign("/login");
    throw new Error("logged out");
  }
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || "HTTP " + response.status);
  }
  return body;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "class") node.className = value;
    else if (name === "onclick") node.addEventListener("click", value);
    else if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const pct = (rate) => (rate * 100).toFixed(1) + "%";
const badge = (status) => el("span", { class: "badge " + status }, status);
const when = (iso) => (iso ? new Date(iso).toLocaleString() : "—");

function table(id, headers, rows, empty) {
  const head = el("tr", {}, headers.map(([label, cls]) => el("th", { class: cls || null }, label)));
  const body = rows.length
    ? rows
    : [el("tr", {}, el("td", { colspan: headers.length, class: "muted" }, empty))];
  return el("table", { id }, el("thead", {}, head), el("tbody", {}, body));
}

// A quota bar turns amber at 80 % and red when full; a funnel bar is only a share.
function bar(used, total, quota = true) {
  const share = total > 0 ? Math.min(1, used / total) : 0;
  const cls = !quota ? "bar" : share >= 1 ? "bar full" : share >= 0.8 ? "bar high" : "bar";
  return el("div", { class: cls, title: used + " of " + total },
    el("span", { style: "width:" + (share * 100).toFixed(1) + "%" }));
}

function kpi(label, value, id) {
  return el("div", { class: "card kpi", id }, el("div", { class: "value" }, value),
    el("div", { class: "label" }, label));
}

// ---- views ------------------------------------------------------------------------------------

// Alerts firing now (the alert rules run on the server); none: nothing is shown.
function alertsPanel(alerts) {
  if (!alerts.length) return null;
  return el("div", { class: "card alerts", id: "alerts" },
    el("strong", {}, alerts.length === 1 ? "1 alert firing" : alerts.length + " alerts firing"),
    el("ul", {}, alerts.map((a) => el("li", { "data-alert": a.key },
      el("span", { class: "badge disconnected" }, a.rule), " ", a.message,
      el("span", { class: "muted" }, " since " + when(a.fired_at))))));
}

async function campaignsView() {
  const [campaigns, alerts] = await Promise.all([
    api("/api/v1/campaigns").then((page) => page.items),
    api("/api/v1/alerts?status=firing").then((page) => page.items),
  ]);
  const stats = await Promise.all(
    campaigns.map((c) => api("/api/v1/campaigns/" + c.id + "/stats").catch(() => null)));
  const rows = campaigns.map((c, i) => {
    const s = stats[i] || {};
    return el("tr", { "data-campaign": c.id },
      el("td", {}, el("a", { href: "#/campaigns/" + c.id }, c.name)),
      el("td", {}, badge(c.status)),
      el("td", { class: "num" }, s.enrolled ?? "—"),
      el("td", { class: "num" }, s.active ?? "—"),
      el("td", { class: "num" }, s.sent ?? "—"),
      el("td", { class: "num" }, s.sent === undefined ? "—" : pct(s.open_rate)),
      el("td", { class: "num" }, s.sent === undefined ? "—" : pct(s.click_rate)),
      el("td", { class: "num" }, s.sent === undefined ? "—" : pct(s.reply_rate)),
      el("td", { class: "num" }, s.dead_letters ?? "—"));
  });
  return [
    alertsPanel(alerts),
    el("h1", {}, "Campaigns"),
    table("campaigns", [["Name"], ["Status"], ["Enrolled", "num"], ["Active", "num"],
      ["Sent", "num"], ["Open rate", "num"], ["Click rate", "num"], ["Reply rate", "num"],
      ["Dead letters", "num"]], rows, "No campaigns yet: create one with the API."),
  ];
}

async function campaignView(id) {
  const [campaign, stats, daily, upcoming, dead] = await Promise.all([
    api("/api/v1/campaigns/" + id),
    api("/api/v1/campaigns/" + id + "/stats"),
    api("/api/v1/campaigns/" + id + "/stats/daily?days=14"),
    api("/api/v1/campaigns/" + id + "/upcoming?limit=20"),
    api("/api/v1/executions?status=dead&campaign_id=" + id + "&limit=50"),
  ]);
  const lifecycle = campaign.status === "active" ? "pause"
    : campaign.status === "paused" ? "resume" : null;
  const header = el("h1", {}, campaign.name, badge(campaign.status),
    el("span", { class: "muted version", id: "version" }, "version " + campaign.version),
    lifecycle && el("button", { class: "secondary", id: "lifecycle",
      onclick: () => act("/api/v1/campaigns/" + id + "/" + lifecycle) }, lifecycle));
  const kpis = el("div", { class: "kpis" },
    kpi("enrolled", stats.enrolled, "kpi-enrolled"), kpi("active", stats.active, "kpi-active"),
    kpi("sent", stats.sent, "kpi-sent"), kpi("open rate", pct(stats.open_rate), "kpi-open"),
    kpi("click rate", pct(stats.click_rate), "kpi-click"),
    kpi("reply rate", pct(stats.reply_rate), "kpi-reply"),
    kpi("bounce rate", pct(stats.bounce_rate), "kpi-bounce"),
    kpi("dead letters", stats.dead_letters, "kpi-dead"),
    stats.waiting_for_reply_check ? kpi("waiting for reply check",
      stats.waiting_for_reply_check, "kpi-waiting-reply-check") : null);
  const widest = Math.max(1, stats.enrolled);
  const funnel = stats.steps.map((step) => el("tr", { "data-step": step.key },
    el("td", {}, step.key), el("td", { class: "muted" }, step.type),
    el("td", {}, bar(step.reached, widest, false)),
    el("td", { class: "num reached" }, step.reached),
    el("td", { class: "num sent" }, step.type === "email" ? step.sent : "—"),
    el("td", { class: "num" }, step.type === "email" ? step.opened : "—"),
    el("td", { class: "num" }, step.type === "email" ? step.clicked : "—"),
    el("td", { class: "num" }, step.type === "email" ? step.replied : "—"),
    el("td", { class: "num" }, step.pending), el("td", { class: "num" }, step.dead)));
  // A/B tests: each variant of each email step that has them, the chosen winner marked.
  const variantRows = stats.steps.filter((step) => step.variants).flatMap((step) =>
    step.variants.map((v) => el("tr", { "data-variant": step.key + "/" + v.key },
      el("td", {}, step.key), el("td", {}, v.key, v.winner ? " " : null,
        v.winner ? el("span", { class: "badge active" }, "winner") : null),
      el("td", { class: "num" }, v.weight), el("td", { class: "num sent" }, v.sent),
      el("td", { class: "num" }, pct(v.open_rate)), el("td", { class: "num" }, pct(v.click_rate)),
      el("td", { class: "num" }, pct(v.reply_rate)))));
  const upcomingRows = upcoming.items.map((u) => el("tr", { "data-execution": u.execution_id },
    el("td", {}, when(u.scheduled_at)), el("td", {}, u.step_key), el("td", {}, u.email_address),
    el("td", {}, u.mailbox), el("td", { class: "state" }, u.state === "scheduled" ? "" : u.state),
    el("td", { class: "num" }, u.attempts)));
  const deadRows = dead.items.map((d) => el("tr", { "data-execution": d.id },
    el("td", {}, d.step_key), el("td", {}, d.error_class || ""),
    el("td", { class: "muted" }, d.last_error || ""), el("td", {}, when(d.executed_at)),
    el("td", {}, el("button", { class: "secondary retry",
      onclick: () => act("/api/v1/executions/" + d.id + "/retry") }, "Retry"))));
  const chartBox = el("div", { id: "chart" });
  return {
    nodes: [
      header, kpis,
      el("h2", {}, "Funnel"),
      table("funnel", [["Step"], ["Type"], ["Reached"], ["", "num"], ["Sent", "num"],
        ["Opened", "num"], ["Clicked", "num"], ["Replied", "num"], ["Pending", "num"],
        ["Dead", "num"]], funnel, "No steps."),
      variantRows.length ? el("h2", {}, "A/B tests") : null,
      variantRows.length ? table("variants", [["Step"], ["Variant"], ["Weight", "num"],
        ["Sent", "num"], ["Opened", "num"], ["Clicked", "num"], ["Replied", "num"]], variantRows,
        "") : null,
      el("h2", {}, "Sends and replies per day (" + daily.timezone + ")"), chartBox,
      el("h2", {}, "Upcoming"),
      table("upcoming", [["Due"], ["Step"], ["To"], ["From"], ["Waiting for"], ["Attempts", "num"]], upcomingRows,
        "Nothing scheduled."),
      el("h2", {}, "Dead letters ",
        dead.items.length ? el("button", { class: "secondary", id: "retry-all",
          onclick: () => act("/api/v1/campaigns/" + id + "/dead-letters/retry") }, "Retry all")
          : null),
      table("dead-letters", [["Step"], ["Error"], ["Detail"], ["Failed"], [""]], deadRows,
        "No dead letters."),
    ],
    after: () => drawChart(chartBox, daily),
  };
}

// How a mailbox reads replies: "none" means follow-ups go out without a reply check; otherwise
// the last successful read, and the last error when it is newer than that read.
function replies(m) {
  const detection = m.reply_detection || "none";
  if (detection === "none") {
    return el("td", { class: "replies" }, el("span", { class: "badge none" }, "none"),
      el("div", { class: "muted" }, "follow-ups are sent without a reply check"));
  }
  const inbound = m.inbound || {};
  const read = inbound.last_read_at ? "read " + when(inbound.last_read_at) : "not read yet";
  return el("td", { class: "replies" }, el("span", { class: "badge " + detection }, detection),
    el("div", { class: "muted last-read" }, read),
    inbound.failing ? el("div", { class: "error last-error" },
      inbound.last_error + " (" + when(inbound.last_error_at) + ")") : null,
    inbound.follow_ups_waiting ? el("div", { class: "error follow-ups-waiting" },
      inbound.follow_ups_waiting + " follow-up(s) waiting for a reply check"
        + (inbound.follow_ups_waiting_since ? " since " + when(inbound.follow_ups_waiting_since) : "")
        + (inbound.follow_ups_waiting_reason ? ": " + inbound.follow_ups_waiting_reason : "")) : null);
}

async function mailboxesView() {
  const mailboxes = (await api("/api/v1/stats/mailboxes")).items;
  const rows = mailboxes.map((m) => el("tr", { "data-mailbox": m.id },
    el("td", {}, m.email), el("td", { class: "muted" }, m.provider),
    el("td", {}, badge(m.status), m.status_reason ? el("div", { class: "muted" }, m.status_reason) : null),
    replies(m),
    el("td", {}, bar(m.sent_today, m.daily_limit)),
    el("td", { class: "num quota" }, m.sent_today + " / " + m.daily_limit),
    el("td", { class: "num" }, m.errors_last_24h), el("td", { class: "num" }, m.active_enrollments),
    el("td", {}, m.deferred_until ? when(m.deferred_until) : "—")));
  return [
    el("h1", {}, "Mailboxes"),
    table("mailboxes", [["Mailbox"], ["Provider"], ["Status"], ["Reply detection"], ["Sent today"],
      ["", "num"], ["Errors (24 h)", "num"], ["Active", "num"], ["Deferred until"]], rows,
      "No mailboxes yet."),
  ];
}

function drawChart(box, daily) {
  if (typeof uPlot === "undefined") return;
  const x = daily.days.map((d) => Date.parse(d.day + "T12:00:00Z") / 1000);
  const data = [x, daily.days.map((d) => d.sent), daily.days.map((d) => d.opened),
    daily.days.map((d) => d.replied)];
  const width = Math.max(320, box.clientWidth - 16);
  if (chart) chart.destroy();
  chart = new uPlot({
    width, height: 220,
    scales: { x: { time: true } },
    series: [{}, { label: "sent", stroke: "#3461d1", width: 2 },
      { label: "opened", stroke: "#1f8a4c", width: 2 },
      { label: "replied", stroke: "#c77a00", width: 2 }],
  }, data, box);
}

// ---- actions, routing, refresh ----------------------------------------------------------------

async function act(path) {
  try {
    await api(path, { method: "POST" });
  } catch (e) {
    alert(e.message);
  }
  render();
}

async function render() {
  const hash = window.location.hash || "#/";
  const campaign = hash.match(/^#\/campaigns\/(\d+)$/);
  // Pages kept in their own files (audit.js) register themselves here by their hash.
  const page = (window.DASHBOARD_VIEWS || {})[hash];
  try {
    const result = campaign ? await campaignView(campaign[1]) : page ? await page()
      : hash === "#/mailboxes" ? await mailboxesView() : await campaignsView();
    const nodes = (Array.isArray(result) ? result : result.nodes).filter((n) => n);
    if (chart) { chart.destroy(); chart = null; }
    view.replaceChildren(...nodes);
    if (result.after) result.after();
    live.textContent = "updated " + new Date().toLocaleTimeString();
    live.classList.remove("stale");
  } catch (e) {
    live.textContent = "not updated: " + e.message;
    live.classList.add("stale");
  }
}

function schedule() {
  clearInterval(timer);
  timer = setInterval(render, REFRESH_MS);
}

window.addEventListener("hashchange", () => { render(); schedule(); });
render();
schedule();
