// The dashboard's "API keys" page (#/api-keys): the workspace's keys, a form that creates one and
// shows its secret once, and a Revoke button per key. Uses api, el, table, when and render from
// app.js (loaded after this file); registers itself in window.campaignEnginePages. The page does
// not refresh itself, so that a key just shown, or a form being filled in, stays on the screen.
"use strict";

(() => {
  const pages = (window.campaignEnginePages = window.campaignEnginePages || {});
  let created = null; // the key just made: shown on the next render only

  const nav = document.querySelector("header nav");
  if (nav) {
    const link = document.createElement("a");
    link.href = "#/api-keys";
    link.id = "nav-api-keys";
    link.textContent = "API keys";
    nav.append(link);
  }

  async function createKey(form) {
    const message = form.querySelector(".form-error");
    message.textContent = "";
    const body = { name: form.elements.name.value, role: form.elements.role.value };
    if (form.elements.expires.value) {
      body.expires_at = new Date(form.elements.expires.value + "T00:00:00").toISOString();
    }
    try {
      created = await api("/api/v1/api-keys", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    } catch (e) {
      message.textContent = e.message;
      return;
    }
    render();
  }

  async function revoke(key) {
    if (!window.confirm("Revoke the key \u201c" + key.name + "\u201d (" + key.prefix
      + "\u2026)? Whatever uses it gets 401 from now on.")) return;
    try {
      await api("/api/v1/api-keys/" + key.id, { method: "DELETE" });
    } catch (e) {
      alert(e.message);
    }
    render();
  }

  function shownOnce(key) {
    return el("div", { class: "card new-key", id: "new-key" },
      el("strong", {}, "Key \u201c" + key.name + "\u201d created (" + key.role + ")."),
      " Copy it now: it is shown only this once.",
      el("pre", { id: "new-key-secret" }, key.key));
  }

  function form() {
    const roles = ["viewer", "member", "admin", "owner"];
    const node = el("form", { class: "card key-form", id: "create-key-form" },
      el("label", {}, "Name ", el("input", { name: "name", id: "key-name", required: "required",
        maxlength: "200", placeholder: "e.g. CI deploys" })),
      el("label", {}, "Role ", el("select", { name: "role", id: "key-role" },
        roles.map((r) => el("option", { value: r }, r)))),
      el("label", {}, "Expires ", el("input", { name: "expires", id: "key-expires",
        type: "date" })),
      el("button", { type: "submit", id: "create-key" }, "Create key"),
      el("span", { class: "error form-error", id: "create-key-error" }));
    node.elements.role.value = "member";
    node.addEventListener("submit", (event) => {
      event.preventDefault();
      createKey(node);
    });
    return node;
  }

  async function view() {
    const keys = (await api("/api/v1/api-keys")).api_keys;
    const rows = keys.map((k) => el("tr", { "data-key": k.id },
      el("td", { class: "name" }, k.name),
      el("td", {}, el("span", { class: "badge" }, k.role)),
      el("td", {}, el("code", {}, k.prefix + "\u2026")),
      el("td", { class: "muted" }, k.user_id ? "user " + k.user_id : "service key"),
      el("td", {}, when(k.created_at)),
      el("td", {}, when(k.last_used_at)),
      el("td", {}, k.expires_at ? when(k.expires_at) : "never"),
      el("td", {}, el("button", { class: "secondary revoke", onclick: () => revoke(k) },
        "Revoke"))));
    const just = created;
    created = null;
    return [
      el("h1", {}, "API keys"),
      just ? shownOnce(just) : null,
      form(),
      el("h2", {}, "Keys of this workspace"),
      table("api-keys", [["Name"], ["Role"], ["Prefix"], ["Owner"], ["Created"],
        ["Last used"], ["Expires"], [""]], rows, "No keys."),
    ];
  }

  pages["#/api-keys"] = { view, live: false };
})();
