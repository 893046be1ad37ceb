// The campaign-engine dashboard: plain JavaScript over the JSON API, with the session cookie set at
// login. Hash routes: #/ (campaigns), #/campaigns/{id}, #/mailboxes, #/users (admins), #/api-keys
// (api-keys.js), #/audit (audit.js). The view refreshes itself every few seconds (not the users
// page: its forms would be reset). Text from the API is only ever set as textContent, never as
// HTML.
"use strict";

const REFRESH_MS = 4000;
const view = document.getElementById("view");
const live = document.getElementById("live");
let timer = null;
let chart = null;
// Pages other scripts add, by hash: { view: async () => nodes, live: refreshed by the timer? }.
const extraPages = (window.campaignEnginePages = window.campaignEnginePages || {});

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
  const body = response.status === 204 ? {} : await response.json();
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

// "Connect Gmail" / "Connect Microsoft 365": plain links, so the browser follows the API's redirect
// to the provider's consent page with the session cookie; the provider sends it back to
// /oauth/{provider}/callback. Offered to a logged-in user (a mailbox is its connecting user's) who
// may create mailboxes, for the providers whose OAuth client the server has.
const CONNECT = { google: ["gmail", "Connect Gmail"], microsoft: ["microsoft", "Connect Microsoft 365"] };

function connectButtons(providers) {
  if (!me || !me.user || !atLeast(me.role, "member")) return null;
  const links = providers.filter((p) => CONNECT[p]).map((p) => el("a",
    { class: "button", id: "connect-" + p, href: "/api/v1/mailboxes/connect/" + p }, CONNECT[p][1]));
  return links.length ? el("div", { class: "actions connect" }, links) : null;
}

// A disconnected mailbox of a provider the server connects: a new consent for the same account.
function reconnectButton(m, providers) {
  if (m.status !== "disconnected" || !me || !me.user || !atLeast(me.role, "member")) return null;
  const provider = providers.find((p) => CONNECT[p] && CONNECT[p][0] === m.provider);
  return provider ? el("a", { class: "button reconnect", "data-reconnect": m.id,
    href: "/api/v1/mailboxes/connect/" + provider + "?mailbox_id=" + encodeURIComponent(m.id) },
  "Reconnect") : null;
}

async function mailboxesView() {
  const [mailboxes, providers] = await Promise.all([
    api("/api/v1/stats/mailboxes").then((page) => page.items),
    api("/api/v1/mailboxes/connect").then((body) => body.providers).catch(() => []),
  ]);
  const rows = mailboxes.map((m) => el("tr", { "data-mailbox": m.id },
    el("td", {}, m.email), el("td", { class: "muted" }, m.provider),
    el("td", {}, badge(m.status), m.status_reason ? el("div", { class: "muted" }, m.status_reason) : null,
      reconnectButton(m, providers)),
    replies(m),
    el("td", {}, bar(m.sent_today, m.daily_limit)),
    el("td", { class: "num quota" }, m.sent_today + " / " + m.daily_limit),
    el("td", { class: "num" }, m.errors_last_24h), el("td", { class: "num" }, m.active_enrollments),
    el("td", {}, m.deferred_until ? when(m.deferred_until) : "—")));
  return [
    el("h1", {}, "Mailboxes"),
    connectButtons(providers),
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

// ---- who is logged in, and the users page (admins) -------------------------------------------

const ROLES = ["viewer", "member", "admin", "owner"];
const atLeast = (role, needed) => ROLES.indexOf(role) >= ROLES.indexOf(needed);
let me = null;
let lastInvite = null; // { email, url, expires }: shown until the next invite

async function whoAmI() {
  me = await api("/api/v1/me");
  const who = me.user ? me.user.name + " (" + me.user.email + ")" : "key: " + (me.key ? me.key.name : "?");
  document.getElementById("whoami").textContent = who + " · " + me.role;
  document.getElementById("nav-users").hidden = !atLeast(me.role, "admin");
  // Keys are listed for everyone who reads the workspace, but only admins manage them.
  const keys = document.getElementById("nav-api-keys");
  if (keys) keys.hidden = !atLeast(me.role, "admin");
}

async function change(path, method, body) {
  try {
    await api(path, { method, headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body) });
    return true;
  } catch (e) {
    alert(e.message);
    return false;
  } finally {
    render();
  }
}

async function invite(event) {
  event.preventDefault();
  const form = event.target;
  try {
    const made = await api("/api/v1/users", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: form.email.value, name: form.name.value, role: form.role.value }) });
    lastInvite = { email: made.email, url: made.invite_url, expires: made.invite_expires_at };
    form.reset();
  } catch (e) {
    alert(e.message);
  }
  render();
}

async function reinvite(user) {
  try {
    const made = await api("/api/v1/users/" + user.id + "/invite", { method: "POST" });
    lastInvite = { email: user.email, url: made.invite_url, expires: made.invite_expires_at };
  } catch (e) {
    alert(e.message);
  }
  render();
}

function roleSelect(attrs, selected, allowed) {
  return el("select", attrs, ROLES.filter((r) => allowed || r !== "owner" || r === selected)
    .map((r) => el("option", r === selected ? { value: r, selected: "" } : { value: r }, r)));
}

async function usersView() {
  const users = (await api("/api/v1/users")).users;
  const admin = me && atLeast(me.role, "admin");
  const owner = me && me.role === "owner";
  const rows = users.map((u) => {
    const select = roleSelect({ "data-role-of": u.id, disabled: admin ? null : "" }, u.role, owner);
    select.addEventListener("change", () => change("/api/v1/users/" + u.id, "PATCH", { role: select.value }));
    return el("tr", { "data-user": u.id },
      el("td", {}, u.name), el("td", {}, u.email), el("td", {}, select),
      el("td", {}, u.has_password ? "set" : el("span", { class: "muted" }, "invited")),
      el("td", {}, when(u.created_at)),
      el("td", { class: "actions" }, admin ? [
        el("button", { class: "secondary", "data-reinvite": u.id, onclick: () => reinvite(u) }, "New link"),
        el("button", { class: "secondary", "data-remove": u.id, onclick: () => {
          if (confirm("Remove " + u.email + "?")) change("/api/v1/users/" + u.id, "DELETE");
        } }, "Remove")] : null));
  });
  const form = admin ? el("form", { id: "invite-form", class: "card actions" },
    el("input", { name: "email", id: "invite-email", type: "email", placeholder: "email", required: "" }),
    el("input", { name: "name", id: "invite-name", placeholder: "name", required: "" }),
    roleSelect({ name: "role", id: "invite-role" }, "member", owner),
    el("button", { type: "submit", id: "invite-submit" }, "Invite")) : null;
  if (form) form.addEventListener("submit", invite);
  const link = lastInvite ? el("div", { class: "card", id: "invite-result" },
    "Send this link to " + lastInvite.email + " (it works once, until " + when(lastInvite.expires) + "):",
    el("div", { class: "invite-link", id: "invite-link" }, lastInvite.url)) : null;
  return [
    el("h1", {}, "Users"),
    form, link,
    table("users", [["Name"], ["Email"], ["Role"], ["Password"], ["Invited"], [""]], rows,
      "No users yet: invite one."),
  ];
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

// Renders overlap (a tick, a hash change, a click): only the latest one may draw, or a slow answer
// for the page just left would replace the page just opened.
let renders = 0;

async function render(tick = false) {
  const mine = ++renders;
  const hash = window.location.hash || "#/";
  const campaign = hash.match(/^#\/campaigns\/(\d+)$/);
  const extra = extraPages[hash];
  if (tick && extra && !extra.live) return;
  // Pages kept in their own files (audit.js) register themselves here by their hash.
  const page = (window.DASHBOARD_VIEWS || {})[hash];
  try {
    const result = extra ? await extra.view() : campaign ? await campaignView(campaign[1])
      : page ? await page()
      : hash === "#/mailboxes" ? await mailboxesView()
      : hash === "#/users" ? await usersView() : await campaignsView();
    if (mine !== renders) return;
    const nodes = (Array.isArray(result) ? result : result.nodes).filter((n) => n);
    if (chart) { chart.destroy(); chart = null; }
    view.replaceChildren(...nodes);
    if (result.after) result.after();
    live.textContent = "updated " + new Date().toLocaleTimeString();
    live.classList.remove("stale");
  } catch (e) {
    if (mine !== renders) return;
    live.textContent = "not updated: " + e.message;
    live.classList.add("stale");
  }
}

function schedule() {
  clearInterval(timer);
  // The users page holds forms (an invite link shown once) and the task page an outcome being
  // typed: neither is redrawn under the user.
  const still = ["#/users", "#/tasks"];
  timer = setInterval(() => { if (!still.includes(window.location.hash)) render(true); },
    REFRESH_MS);
}

window.addEventListener("hashchange", () => { render(); schedule(); });
whoAmI().catch(() => {}).finally(render);
schedule();
