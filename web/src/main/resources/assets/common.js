// Helpers shared by the board and the patient page. No innerHTML with data: every value is
// set as text, so nothing from a message can become markup.
"use strict";

const lw = {
  csrf: () => document.querySelector('meta[name="csrf-token"]').content,

  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("data-")) e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  },

  num(v, digits, unit) {
    return v === null || v === undefined ? "–" : v.toFixed(digits) + (unit || "");
  },

  time(iso) {
    return iso ? iso.replace("T", " ").replace(/:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/, " $2") : "–";
  },

  // Session gone (expired or logged out elsewhere): back to the login page.
  async getJson(url) {
    const r = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (r.status === 401) {
      window.location.assign("/login");
      throw new Error("logged out");
    }
    if (r.status === 204) return null;
    if (!r.ok) throw new Error(url + ": HTTP " + r.status);
    return r.json();
  },

  async postJson(url, body) {
    const r = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": lw.csrf() },
      body: JSON.stringify(body),
    });
    if (r.status === 401) {
      window.location.assign("/login");
      throw new Error("logged out");
    }
    const text = await r.text();
    if (!r.ok) throw new Error(text || "HTTP " + r.status);
    return text ? JSON.parse(text) : null;
  },

  typeLabel(type) {
    return type.toLowerCase().replace(/_/g, " ");
  },

  alertTag(a) {
    if (a.snoozedUntil) return "snoozed until " + lw.time(a.snoozedUntil);
    if (a.acknowledged) return "acknowledged";
    return "new";
  },
};
