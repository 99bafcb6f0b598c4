// The patient page: four uPlot plots from the store's history, the alert history with evidence
// and actions, the audit trail. The uPlot instances are on window.lymphwatchPlots.
"use strict";

(function () {
  const main = document.getElementById("patient");
  const patientId = main.dataset.patient;
  const api = "/api/patients/" + encodeURIComponent(patientId);
  const POLL_MS = 2000;
  const plots = {};
  window.lymphwatchPlots = plots;
  let history = null;
  let detail = null;
  let detailJson = "";
  // What this page did to each alert: alertId -> {kind, phase: sending|sent|applied|failed, error}.
  // Kept outside the DOM because every poll that changes the detail redraws the alert forms, which
  // may happen while a request is still on its way.
  const actions = new Map();

  function actionText(state) {
    switch (state.phase) {
      case "sending": return "sending…";
      case "sent": return "sent (" + state.kind + "); waiting for the monitoring job…";
      case "applied": return "sent (" + state.kind + "); applied by the monitoring job";
      default: return "not sent: " + state.error;
    }
  }

  // Whether the job's published state shows the action done (a closed alert has taken them all).
  function applied(kind, a) {
    if (!a.open) return true;
    if (kind === "acknowledge") return a.acknowledged;
    if (kind === "snooze") return !!a.snoozedUntil;
    return false;
  }

  // A form waits while its action is on its way or not yet applied, so it is not sent twice.
  function showAction(form, state) {
    form.querySelector(".result").textContent = state ? actionText(state) : "";
    form.querySelector("button[type=submit]").disabled = !!state && (state.phase === "sending" || state.phase === "sent");
  }

  function setAction(alertId, state) {
    actions.set(alertId, state);
    for (const article of document.querySelectorAll("article.alert-episode")) {
      const form = article.querySelector("form.alert-action");
      if (article.dataset.alert === alertId && form) showAction(form, state);
    }
  }

  // One x axis for several series measured at different times: the union of times, null where a
  // series has no value at that time (uPlot leaves a gap or, with spanGaps, joins across it).
  function align(series) {
    const xs = [...new Set(series.flatMap((s) => s.t))].sort((a, b) => a - b);
    const index = new Map(xs.map((x, i) => [x, i]));
    const data = [xs];
    for (const s of series) {
      const ys = new Array(xs.length).fill(null);
      s.t.forEach((t, i) => (ys[index.get(t)] = s.v[i]));
      data.push(ys);
    }
    return data;
  }

  function constant(xs, value) {
    return { t: xs, v: xs.map(() => value) };
  }

  function pick(cols, keep) {
    const t = [], v = [];
    cols.t.forEach((x, i) => {
      const y = keep(i);
      if (y !== null && y !== undefined) {
        t.push(x);
        v.push(y);
      }
    });
    return { t, v };
  }

  function width(div) {
    return Math.max(480, div.clientWidth || 900);
  }

  function draw(name, divId, series, data, bands, yRange) {
    const div = document.getElementById(divId);
    if (plots[name]) plots[name].destroy();
    div.replaceChildren();
    plots[name] = new uPlot(
      { width: width(div), height: 260, series: [{}].concat(series), bands: bands || [], scales: { x: { time: true }, y: yRange ? { range: yRange } : {} } },
      data,
      div
    );
  }

  const line = (label, stroke, extra) => Object.assign({ label, stroke, width: 2, spanGaps: true }, extra || {});
  const dashed = (label, stroke) => ({ label, stroke, width: 1, dash: [6, 4], spanGaps: true, points: { show: false } });
  const marks = (label, stroke) => ({ label, stroke, width: 0, paths: () => null, points: { show: true, size: 9, stroke, fill: stroke } });

  function drawVolumes() {
    const v = history.volumes;
    const side = (s) => pick(v, (i) => (v.side[i] === s ? v.volumeMl[i] : null));
    const atRisk = detail.status.atRiskSide;
    const label = (s) => s.charAt(0) + s.slice(1).toLowerCase() + " " + detail.status.limb.toLowerCase() + (s === atRisk ? " (at risk)" : "");
    draw("volumes", "plot-volumes", [line(label("LEFT"), "#c0392b"), line(label("RIGHT"), "#2471a3")], align([side("LEFT"), side("RIGHT")]));
  }

  function drawSwelling() {
    const s = history.swelling;
    const useRvc = s.rvcPct.some((x) => x !== null);
    const metric = pick(s, (i) => (useRvc ? s.rvcPct[i] : s.ilvdPct[i]));
    const xs = metric.t.length ? [metric.t[0], metric.t[metric.t.length - 1]] : [];
    const valueAt = (t) => {
      let best = null;
      metric.t.forEach((x, i) => { if (x <= t) best = metric.v[i]; });
      return best === null ? 0 : best;
    };
    const alertTimes = detail.alerts.flatMap((a) => a.events.filter((e) => e.state !== "RESOLVED").map((e) => Date.parse(e.at) / 1000));
    const alerts = { t: alertTimes, v: alertTimes.map(valueAt) };
    const c = history.context;
    const flag = (name) => pick(c, (i) => (c[name][i] ? 0 : null));
    draw(
      "rvc",
      "plot-rvc",
      [
        line(useRvc ? "RVC %" : "ILVD %", "#6c3483"),
        dashed("5 % subclinical", "#d4ac0d"),
        dashed("10 % lymphedema", "#c0392b"),
        marks("Alerts", "#e67e22"),
        marks("Massage", "#16a085"),
        marks("Fever", "#922b21"),
        marks("Redness", "#ec7063"),
      ],
      align([metric, constant(xs, 5), constant(xs, 10), alerts, flag("massage"), flag("fever"), flag("redness")])
    );
  }

  function drawLdex() {
    const b = history.bioimpedance;
    const ldex = pick(b, (i) => b.lDex[i]);
    const xs = ldex.t.length ? [ldex.t[0], ldex.t[ldex.t.length - 1]] : [];
    const st = detail.status;
    const series = [line("L-Dex", "#1e8449"), dashed("+10", "#c0392b"), dashed("−10", "#7f8c8d")];
    const columns = [ldex, constant(xs, 10), constant(xs, -10)];
    if (st.lDex !== null && st.lDexDelta !== null) {
      series.push(dashed("baseline + 6.5", "#d4ac0d"));
      columns.push(constant(xs, st.lDex - st.lDexDelta + 6.5));
    }
    draw("ldex", "plot-ldex", series, align(columns));
  }

  function drawTrend() {
    const s = history.swelling;
    const slope = pick(s, (i) => s.slope[i]);
    const low = pick(s, (i) => (s.slope[i] === null ? null : s.ciLow[i]));
    const high = pick(s, (i) => (s.slope[i] === null ? null : s.ciHigh[i]));
    draw(
      "trend",
      "plot-trend",
      [line("Trend %/week", "#34495e"), line("95 % CI low", "#aab7b8", { width: 1 }), line("95 % CI high", "#aab7b8", { width: 1 })],
      align([slope, low, high]),
      [{ series: [3, 2], fill: "rgba(52, 73, 94, 0.15)" }],
      // The first weeks' intervals are huge (few points); clip so later trends stay readable.
      (u, min, max) => [Math.max(min, -5), Math.min(max, 5)]
    );
  }

  // readingId -> what it measured, for the alerts' evidence lists.
  function readings() {
    const byId = new Map();
    const v = history.volumes, b = history.bioimpedance, c = history.context;
    v.t.forEach((t, i) => byId.set(v.readingId[i], v.side[i].toLowerCase() + " " + lw.num(v.volumeMl[i], 0, " mL") + " at " + new Date(t * 1000).toISOString().slice(0, 16).replace("T", " ")));
    b.t.forEach((t, i) => byId.set(b.readingId[i], "L-Dex " + lw.num(b.lDex[i], 1) + " at " + new Date(t * 1000).toISOString().slice(0, 16).replace("T", " ")));
    c.t.forEach((t, i) => byId.set(c.readingId[i], ["massage", "fever", "redness"].filter((k) => c[k][i]).join(", ") + " reported at " + new Date(t * 1000).toISOString().slice(0, 16).replace("T", " ")));
    return byId;
  }

  function actionForm(a) {
    const action = lw.el("select", { class: "action", name: "action" },
      lw.el("option", { value: "ACKNOWLEDGE", text: "Acknowledge" }),
      lw.el("option", { value: "SNOOZE", text: "Snooze until…" }),
      lw.el("option", { value: "RESOLVE", text: "Resolve" }));
    const until = lw.el("input", { type: "datetime-local", class: "until", name: "until", hidden: true });
    const note = lw.el("input", { type: "text", class: "note", name: "note", maxLength: 500, placeholder: "short note (why)" });
    const send = lw.el("button", { type: "submit", text: "Send" });
    const result = lw.el("span", { class: "result" });
    const form = lw.el("form", { class: "alert-action" }, action, until, note, send, result);
    showAction(form, actions.get(a.alertId));
    action.addEventListener("change", () => (until.hidden = action.value !== "SNOOZE"));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const kind = action.value.toLowerCase();
      setAction(a.alertId, { kind, phase: "sending" });
      try {
        const body = { action: action.value, note: note.value };
        if (action.value === "SNOOZE") body.until = new Date(until.value).toISOString();
        await lw.postJson(api + "/alerts/" + encodeURIComponent(a.alertId) + "/actions", body);
        setAction(a.alertId, { kind, phase: "sent" });
      } catch (e) {
        setAction(a.alertId, { kind, phase: "failed", error: e.message });
      }
    });
    return form;
  }

  function renderAlerts() {
    const box = document.getElementById("alerts");
    const byId = history ? readings() : new Map();
    box.replaceChildren();
    if (!detail.alerts.length) box.append(lw.el("p", { class: "muted", text: "No alerts." }));
    for (const a of detail.alerts) {
      const state = actions.get(a.alertId);
      if (state && state.phase === "sent" && applied(state.kind, a)) actions.set(a.alertId, { kind: state.kind, phase: "applied" });
      const evidence = lw.el("ul", { class: "evidence" });
      for (const r of a.evidence) evidence.append(lw.el("li", { "data-reading": r }, lw.el("code", { text: r }), " ", byId.get(r) || ""));
      const events = lw.el("ol", { class: "events" });
      for (const e of a.events) events.append(lw.el("li", { text: "#" + e.revision + " " + e.state + " at " + lw.time(e.at) + (e.value === null ? "" : " (" + lw.num(e.value, 1) + ")") }));
      const status = a.open ? lw.alertTag(a) : a.state.toLowerCase();
      box.append(
        lw.el("article", { class: "alert-episode " + (a.open ? "open" : "closed"), "data-alert": a.alertId, "data-state": a.state, "data-acknowledged": String(a.acknowledged) },
          lw.el("h4", {}, lw.typeLabel(a.type) + (a.side ? " · " + a.side.toLowerCase() : "") + " ", lw.el("span", { class: "tag status", text: status })),
          lw.el("p", { class: "message", text: a.message }),
          lw.el("p", { class: "muted", text: (a.metric || "") + " " + lw.num(a.value, 1) + (a.threshold === null ? "" : " vs threshold " + lw.num(a.threshold, 1)) + " · opened " + lw.time(a.openedAt) }),
          lw.el("details", {}, lw.el("summary", { text: "Evidence (" + a.evidence.length + " readings) and events" }), evidence, events),
          a.open ? actionForm(a) : null));
    }
  }

  function renderAudit() {
    const tbody = document.querySelector("#audit tbody");
    tbody.replaceChildren();
    for (const e of detail.audit) {
      tbody.append(lw.el("tr", {},
        lw.el("td", { text: lw.time(e.at) }), lw.el("td", { text: e.by }), lw.el("td", { text: e.action }),
        lw.el("td", {}, lw.el("code", { text: e.alertId })), lw.el("td", { text: e.until ? lw.time(e.until) : "" }), lw.el("td", { text: e.note })));
    }
  }

  function renderSummary() {
    const s = detail.status;
    const level = document.getElementById("level");
    level.textContent = s.level;
    level.className = "level level-" + s.level;
    document.getElementById("summary").textContent =
      s.limb.toLowerCase() + ", at risk " + s.atRiskSide.toLowerCase() +
      " · RVC " + lw.num(s.rvcPct, 1, " %") + " · ILVD " + lw.num(s.ilvdMl, 0, " mL") +
      " · L-Dex " + lw.num(s.lDex, 1) + " · trend " + lw.num(s.trendSlopePctPerWeek, 2, " %/week") +
      " · last reading " + lw.time(s.lastReadingAt);
  }

  function drawAll() {
    drawVolumes();
    drawSwelling();
    drawLdex();
    drawTrend();
  }

  async function refresh() {
    try {
      const d = await lw.getJson(api);
      const json = JSON.stringify(d);
      // Redraw only when something changed, so a half-typed note is not wiped.
      if (json !== detailJson) {
        const first = detail === null;
        detail = d;
        detailJson = json;
        renderSummary();
        renderAlerts();
        renderAudit();
        if (history && !first) drawSwelling();
      }
    } catch (e) {
      document.getElementById("summary").textContent = "not updating: " + e.message;
    }
    setTimeout(refresh, POLL_MS);
  }

  async function start() {
    await refresh();
    const state = document.getElementById("history-state");
    try {
      history = await lw.getJson(api + "/history");
      state.textContent = "";
      drawAll();
      renderAlerts();
    } catch (e) {
      state.textContent = "History unavailable: " + e.message;
    }
  }

  start();
})();
