// The triage board: polls /api/board and redraws when the job has published something new.
"use strict";

(function () {
  const POLL_MS = 2000;
  const body = document.querySelector("#board tbody");
  const search = document.getElementById("search");
  const typeFilter = document.getElementById("type-filter");
  const state = document.getElementById("board-state");
  let version = null;
  let rows = [];

  function matches(row) {
    const q = search.value.trim().toLowerCase();
    if (q && !row.patientId.toLowerCase().includes(q)) return false;
    const t = typeFilter.value;
    return !t || row.openAlerts.some((a) => a.type === t);
  }

  function trend(row) {
    if (row.trendSlopePctPerWeek === null) return "–";
    return (
      lw.num(row.trendSlopePctPerWeek, 2) +
      " (" + lw.num(row.trendCiLowPctPerWeek, 2) + " … " + lw.num(row.trendCiHighPctPerWeek, 2) + ")"
    );
  }

  function alerts(row) {
    const ul = lw.el("ul", { class: "alerts" });
    for (const a of row.openAlerts) {
      ul.append(
        lw.el(
          "li",
          { class: "alert " + (a.acknowledged ? "acknowledged" : "unacknowledged"), "data-alert": a.alertId, "data-type": a.type },
          lw.el("strong", { text: lw.typeLabel(a.type) }),
          " ",
          lw.el("span", { class: "tag", text: lw.alertTag(a) }),
          lw.el("div", { class: "message", text: a.message })
        )
      );
    }
    return ul;
  }

  function render() {
    body.replaceChildren();
    for (const row of rows.filter(matches)) {
      const hours = row.hoursSinceLastReading;
      body.append(
        lw.el(
          "tr",
          { "data-patient": row.patientId, "data-level": row.level, class: row.stale ? "stale" : "" },
          lw.el("td", {}, lw.el("a", { href: "/patients/" + encodeURIComponent(row.patientId), text: row.patientId })),
          lw.el("td", {}, lw.el("span", { class: "level level-" + row.level, text: row.level })),
          lw.el("td", { class: "num", text: lw.num(row.rvcPct, 1, " %") }),
          lw.el("td", { class: "num", text: row.ilvdMl === null ? "–" : lw.num(row.ilvdMl, 0, " mL") + " / " + lw.num(row.ilvdPct, 1, " %") }),
          lw.el("td", { class: "num", text: lw.num(row.lDex, 1) }),
          lw.el("td", { class: "num", text: trend(row) }),
          lw.el("td", {}, alerts(row)),
          lw.el("td", { class: "num since", text: hours === null ? "–" : lw.num(hours, 0, " h") + (row.stale ? " (stale)" : "") })
        )
      );
    }
  }

  async function poll() {
    try {
      const board = await lw.getJson("/api/board" + (version === null ? "" : "?since=" + version));
      if (board) {
        version = board.version;
        rows = board.patients;
        render();
        state.textContent =
          rows.length + " patients" + (board.caughtUp ? "" : " (catching up…)") +
          (board.clock ? " · as of " + lw.time(board.clock) : "");
      }
    } catch (e) {
      state.textContent = "not updating: " + e.message;
    }
    setTimeout(poll, POLL_MS);
  }

  search.addEventListener("input", render);
  typeFilter.addEventListener("change", render);
  poll();
})();
