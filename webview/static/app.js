"use strict";
// The Mini App: reads Telegram's launch parameters from the URL, then the JSON endpoints.
(function () {
  const words = JSON.parse(document.getElementById("words").textContent);
  const launch = new URLSearchParams(location.hash.slice(1));
  const tg = window.Telegram && window.Telegram.WebApp;
  const initData = (tg && tg.initData) || launch.get("tgWebAppData") || "";
  // A one-time link (from Zalo) becomes a page session before anything else is read.
  const once = new URLSearchParams(location.search).get("once");
  let linkSession = null;
  const STATES = ["on_time", "late", "absent", "missing"];

  function word(id, n) { return (words[id] || id).replace("{n}", String(n)); }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function applyTheme() {
    let theme = tg && tg.themeParams;
    if (!theme && launch.get("tgWebAppThemeParams")) {
      try { theme = JSON.parse(launch.get("tgWebAppThemeParams")); } catch (e) { theme = null; }
    }
    if (!theme) return;
    const root = document.documentElement;
    for (const [key, value] of Object.entries(theme)) {
      if (/^#[0-9a-f]{3,8}$/i.test(value)) root.style.setProperty("--tg-" + key.replace(/_color$/, "").replace(/_/g, "-"), value);
    }
    root.classList.add("themed");
  }

  async function call(path, method) {
    const headers = linkSession ? { "X-Link-Session": linkSession } : { "X-Init-Data": initData };
    const response = await fetch("api/" + path, { method: method || "GET", headers: headers });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  function meter(part, whole) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "meter");
    svg.setAttribute("viewBox", "0 0 100 10");
    svg.setAttribute("preserveAspectRatio", "none");
    const back = document.createElementNS(ns, "rect");
    back.setAttribute("width", "100"); back.setAttribute("height", "10"); back.setAttribute("rx", "3");
    back.setAttribute("fill", "var(--missing)"); back.setAttribute("opacity", "0.25");
    const front = document.createElementNS(ns, "rect");
    front.setAttribute("width", String(whole ? (100 * part) / whole : 0)); front.setAttribute("height", "10");
    front.setAttribute("rx", "3"); front.setAttribute("fill", "var(--on-time)");
    svg.append(back, front);
    return svg;
  }

  function gridSection(data) {
    const box = el("section");
    box.append(el("h2", null, word("webview-grid", data.year)));
    const grid = el("div", "grid");
    grid.dataset.testid = "year-grid";
    grid.style.gridTemplateColumns = "minmax(0, 1fr) repeat(" + data.month + ", minmax(14px, 20px))";
    grid.append(el("div", "head", ""));
    for (let m = 1; m <= data.month; m++) grid.append(el("div", "head", String(m)));
    for (const member of data.members) {
      const name = el("div", "name", member.name);
      name.dataset.testid = "grid-name";
      name.addEventListener("click", () => showHistory(member));
      grid.append(name);
      for (let m = 1; m <= data.month; m++) {
        const cell = member.months[m];
        const dot = el("div", cell ? "dot" : "");
        if (cell) {
          dot.dataset.state = cell.state;
          dot.dataset.month = String(m);
          dot.dataset.testid = "grid-cell";
          dot.title = word("webview-month", m) + ": " + word("webview-" + cell.state.replace("_", "-")) + " · " + cell.done + "/" + cell.planned;
        }
        grid.append(dot);
      }
    }
    const legend = el("div", "legend");
    for (const state of STATES) {
      const item = el("span");
      item.append(el("span", "key"), word("webview-" + state.replace("_", "-")));
      item.firstChild.dataset.state = state;
      legend.append(item);
    }
    const history = el("section");
    history.id = "history";
    history.dataset.testid = "history";
    box.append(grid, legend, history);
    return box;
  }

  // An item's month: its colour is the grid's (done as on time, under way as late).
  const ITEM_STATES = { done: "on_time", in_progress: "late", not_started: "missing" };

  async function showHistory(member) {
    const box = document.getElementById("history");
    box.replaceChildren();
    try {
      const data = await call("members/" + member.member_id + "/plan");
      box.append(el("h2", null, member.name + " · " + word("webview-history", data.year)));
      for (const item of data.items) {
        const line = el("div", "item");
        line.dataset.testid = "history-item";
        line.append(el("span", null, item.text));
        const months = el("div", "months");
        for (const [month, status] of Object.entries(item.months)) {
          const dot = el("span", "dot", month);
          dot.dataset.state = ITEM_STATES[status];
          dot.title = word("webview-month", month) + ": " + word("report-status-" + status.replace("_", "-"));
          months.append(dot);
        }
        line.append(months);
        box.append(line);
      }
      box.scrollIntoView();
    } catch (error) {
      document.getElementById("status").textContent = error.message;
    }
  }

  function sectionsSection(data) {
    const box = el("section");
    box.append(el("h2", null, word("webview-sections", data.month)));
    for (const s of data.sections) {
      const line = el("div", "bar");
      line.append(el("span", null, s.title), el("span", "hint", s.done + "/" + s.planned));
      box.append(line, meter(s.done, s.planned));
    }
    return box;
  }

  function textsSection(title, texts) {
    const box = el("section");
    box.append(el("h2", null, title));
    if (!texts.length) { box.append(el("p", "hint", word("webview-none"))); return box; }
    const list = el("ul");
    for (const t of texts) list.append(el("li", null, t.name + ": " + t.text));
    box.append(list);
    return box;
  }

  function pendingSection(data) {
    const box = el("section");
    box.dataset.testid = "pending";
    box.append(el("h2", null, word("webview-pending")));
    if (!data.pending.length) box.append(el("p", "hint", word("webview-none")));
    for (const plan of data.pending) {
      const line = el("div", "plan");
      line.dataset.testid = "pending-plan";
      const button = el("button", null, word("webview-approve"));
      button.type = "button";
      button.addEventListener("click", async () => {
        button.disabled = true;
        try {
          await call("plans/" + plan.plan_id + "/acknowledge", "POST");
          button.textContent = word("webview-approved");
        } catch (error) {
          button.disabled = false;
          document.getElementById("status").textContent = error.message;
        }
      });
      line.append(el("span", null, plan.name + " · " + word("webview-items", plan.items)), button);
      box.append(line);
    }
    return box;
  }

  function joinsSection(data) {
    const box = el("section");
    box.dataset.testid = "joins";
    box.append(el("h2", null, word("webview-joins")));
    if (!data.joins.length) box.append(el("p", "hint", word("webview-none")));
    for (const join of data.joins) {
      const line = el("div", "plan");
      line.dataset.testid = "join";
      line.append(el("span", null, join.name));
      for (const [decision, done] of [["accept", "webview-accepted"], ["refuse", "webview-refused"]]) {
        const button = el("button", null, word("webview-" + decision));
        button.type = "button";
        button.addEventListener("click", async () => {
          for (const b of line.querySelectorAll("button")) b.disabled = true;
          try {
            await call("joins/" + join.member_id + "/" + decision, "POST");
            button.textContent = word(done);
          } catch (error) {
            for (const b of line.querySelectorAll("button")) b.disabled = false;
            document.getElementById("status").textContent = error.message;
          }
        });
        line.append(button);
      }
      box.append(line);
    }
    return box;
  }

  // A cell's months as two lines: the share who reported, and the share of items done.
  function trend(points) {
    const ns = "http://www.w3.org/2000/svg";
    // One month is a flat line across the chart, as two equal points.
    const drawn = points.length === 1 ? [points[0], points[0]] : points;
    const width = (drawn.length - 1) * 10;
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "trend");
    svg.setAttribute("viewBox", "0 -2 " + width + " 34");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.dataset.testid = "trend";
    for (const [part, whole, colour, kind] of [["reported", "members", "var(--on-time)", "report"], ["done", "planned", "var(--accent)", "done"]]) {
      const line = document.createElementNS(ns, "polyline");
      const xy = drawn.map((p, i) => (i * 10) + "," + (30 - (p[whole] ? (30 * p[part]) / p[whole] : 0)).toFixed(1));
      line.setAttribute("points", xy.join(" "));
      line.setAttribute("fill", "none");
      line.setAttribute("stroke", colour);
      line.setAttribute("stroke-width", "2");
      line.setAttribute("vector-effect", "non-scaling-stroke");
      line.dataset.kind = kind;
      line.dataset.rates = points.map((p) => (p[whole] ? Math.round((100 * p[part]) / p[whole]) : 0)).join(",");
      svg.append(line);
    }
    return svg;
  }

  function committeeSection(data) {
    const box = el("section");
    box.append(el("h2", null, word("webview-cells", data.month)));
    for (const c of data.cells) {
      const line = el("div", "bar");
      line.dataset.testid = "committee-cell";
      line.append(el("span", null, c.name), el("span", "hint", word("webview-report-rate") + " " + c.reported + "/" + c.members));
      box.append(line, meter(c.reported, c.members));
    }
    return box;
  }

  function trendsSection(data) {
    const box = el("section");
    box.dataset.testid = "trends";
    box.append(el("h2", null, word("webview-trend", data.month)));
    const legend = el("div", "legend");
    for (const [id, state] of [["webview-report-rate", "on_time"], ["webview-done-rate", "accent"]]) {
      const item = el("span");
      item.append(el("span", "key"), word(id));
      item.firstChild.dataset.state = state;
      legend.append(item);
    }
    box.append(legend);
    const percent = (part, whole) => (whole ? Math.round((100 * part) / whole) : 0) + "%";
    for (const c of data.cells) {
      const last = c.trend[c.trend.length - 1];
      box.append(el("div", "trend-name", c.name), trend(c.trend));
      const axis = el("div", "axis");
      for (const point of c.trend) axis.append(el("span", null, word("webview-month", point.month)));
      box.append(axis);
      if (last) {
        box.append(el("p", "hint", word("webview-month", last.month) + ": " + word("webview-report-rate") + " " +
          percent(last.reported, last.members) + ", " + word("webview-done-rate").toLowerCase() + " " + percent(last.done, last.planned)));
      }
    }
    return box;
  }

  // A file of the month: a one-time link, opened outside the app on a phone (Telegram's
  // native bridge), downloaded in place in a browser or the chat page's panel.
  function exportsSection(data) {
    const box = el("section");
    box.dataset.testid = "exports";
    box.append(el("h2", null, word("webview-exports", data.month)));
    for (const name of data.exports) {
      const button = el("button", "export", word("webview-export-" + name));
      button.type = "button";
      button.dataset.export = name;
      button.addEventListener("click", async () => {
        button.disabled = true;
        try {
          const url = new URL((await call("exports/" + name, "POST")).url, location.href).href;
          const proxy = window.TelegramWebviewProxy;
          if (proxy && proxy.postEvent) {
            proxy.postEvent("web_app_open_link", JSON.stringify({ url: url }));
          } else {
            const link = el("a");
            link.href = url;
            link.download = "";
            document.body.append(link);
            link.click();
            link.remove();
          }
        } catch (error) {
          document.getElementById("status").textContent = error.message;
        } finally {
          button.disabled = false;
        }
      });
      box.append(button);
    }
    return box;
  }

  async function load() {
    const status = document.getElementById("status");
    status.textContent = word("webview-loading");
    try {
      if (once) {
        history.replaceState(null, "", location.pathname);
        const opened = await fetch("api/link", { method: "POST", headers: { "X-Link-Token": once } });
        const body = await opened.json();
        if (!opened.ok) throw new Error(body.error || opened.statusText);
        linkSession = body.session;
      }
      const data = await call("view");
      const content = document.getElementById("content");
      document.getElementById("title").textContent = data.cell || data.committee;
      if (data.kind === "cell") {
        content.append(gridSection(data), sectionsSection(data), textsSection(word("webview-difficulties"), data.difficulties),
          textsSection(word("webview-proposals"), data.proposals), pendingSection(data), joinsSection(data), exportsSection(data));
      } else {
        content.append(committeeSection(data), trendsSection(data), exportsSection(data));
      }
      status.textContent = "";
      document.body.dataset.ready = "1";
    } catch (error) {
      status.textContent = error.message;
      document.body.dataset.ready = "error";
    }
  }

  applyTheme();
  if (tg && tg.ready) tg.ready();
  load();
})();
