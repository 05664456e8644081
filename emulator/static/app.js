// The chibo emulator's chat page. Talks only to the emulator's /_emulator/ JSON API.
// Messages are built as DOM nodes from text + entities (never innerHTML), so the bot's
// formatting shows exactly Telegram's safe subset. A Zalo persona's chat (/_emulator/zalo/)
// shows plain text only: Zalo has no formatting and no buttons.
"use strict";

(function () {
  const API = "/_emulator";
  const POLL_WAIT = 25; // seconds a chat read may wait for a change
  const RETRY_MS = 700;
  const SAFE_LINK = /^(https?:|tg:|mailto:)/i;

  const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };

  const state = {
    channel: "telegram",
    bot: null,
    zaloBot: null,
    messages: [], // a Zalo chat's messages so far (its reads return only newer ones)
    personas: [],
    persona: null,
    version: null,
    poll: null,
    view: null,
  };

  async function api(path, options) {
    const init = Object.assign({ headers: { "Content-Type": "application/json" } }, options || {});
    const response = await fetch(API + path, init);
    const data = await response.json();
    if (!response.ok) {
      const error = new Error(data.error || response.statusText);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  function post(path, body, signal) {
    return api(path, { method: "POST", body: JSON.stringify(body || {}), signal });
  }

  const isZalo = () => state.channel === "zalo";
  // the user API of the channel shown: Telegram's at /_emulator, Zalo's at /_emulator/zalo
  const chan = (path) => (isZalo() ? "/zalo" : "") + path;

  // ----------------------------------------------------------------------- toasts

  let toastTimer = null;
  function toast(text) {
    const node = $("toast");
    node.textContent = text;
    node.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { node.hidden = true; }, 2600);
  }

  function alertBox(text) {
    $("alert-text").textContent = text;
    $("alert").hidden = false;
  }

  // ------------------------------------------------------------------- personas

  // As Telegram draws avatars: the first letters of the first and the last name.
  function initials(first, last) {
    const letter = (word) => Array.from((word || "").trim())[0] || "";
    return (letter(first) + letter(last)).toUpperCase() || "?";
  }

  function fullName(p) {
    if (p.display_name !== undefined) return p.display_name;
    return [p.first_name, p.last_name].filter(Boolean).join(" ");
  }

  function personaInitials(p) {
    if (p.display_name === undefined) return initials(p.first_name, p.last_name);
    const words = p.display_name.trim().split(/\s+/);
    return initials(words[0], words.length > 1 ? words[words.length - 1] : "");
  }

  function colourIndex(id) {
    if (typeof id === "number") return Math.abs(id);
    return Array.from(String(id)).reduce((sum, c) => sum + c.charCodeAt(0), 0);
  }

  const AVATAR_COLOURS = ["#e17076", "#7bc862", "#65aadd", "#a695e7", "#ee7aae", "#6ec9cb", "#faa774"];

  async function loadPersonas() {
    const channel = state.channel;
    const personas = await api(chan("/personas"));
    if (channel !== state.channel) return; // the tab changed meanwhile
    state.personas = personas;
    const list = $("persona-list");
    list.replaceChildren();
    for (const persona of state.personas) {
      const item = el("li");
      const button = el("button");
      button.type = "button";
      button.dataset.testid = "persona-item";
      button.dataset.userId = String(persona.id);
      const avatar = el("span", "avatar", personaInitials(persona));
      avatar.style.background = AVATAR_COLOURS[colourIndex(persona.id) % AVATAR_COLOURS.length];
      const text = el("span");
      text.append(el("div", "persona-name", fullName(persona)));
      const meta = [persona.username ? "@" + persona.username : null, "id " + persona.id];
      if (isZalo()) meta.unshift("Zalo");
      if (persona.blocked) meta.push("đã chặn bot");
      text.append(el("div", "persona-meta", meta.filter(Boolean).join(" · ")));
      button.append(avatar, text);
      button.addEventListener("click", () => openChat(persona.id));
      item.append(button);
      list.append(item);
    }
    $("persona-empty").hidden = state.personas.length > 0;
  }

  async function createPersona(event) {
    event.preventDefault();
    const form = event.target;
    const body = {
      first_name: form.first_name.value.trim(),
      last_name: form.last_name.value.trim() || null,
      username: form.username.value.trim().replace(/^@/, "") || null,
    };
    if (!body.first_name) return;
    try {
      const persona = await post("/personas", body);
      form.reset();
      await loadPersonas();
      openChat(persona.id);
    } catch (error) {
      toast("Không tạo được người dùng: " + error.message);
    }
  }

  async function createZaloPersona(event) {
    event.preventDefault();
    const form = event.target;
    const body = { display_name: form.display_name.value.trim() };
    if (!body.display_name) return;
    try {
      const persona = await post("/zalo/personas", body);
      form.reset();
      await loadPersonas();
      openChat(persona.id);
    } catch (error) {
      toast("Không tạo được người dùng: " + error.message);
    }
  }

  function showHeader() {
    const bot = isZalo() ? state.zaloBot : state.bot;
    const name = (bot && (isZalo() ? bot.display_name : bot.first_name)) || "bot";
    $("bot-name").textContent = name;
    $("bot-avatar").textContent = initials(name);
    document.title = `${name} · ${isZalo() ? "Zalo" : "Telegram"} thử nghiệm`;
  }

  function setChannel(channel) {
    if (channel === state.channel) return;
    state.channel = channel;
    document.querySelector(".app").dataset.channel = channel;
    for (const tab of document.querySelectorAll(".channels [role=tab]")) {
      tab.setAttribute("aria-selected", String(tab.dataset.channel === channel));
    }
    $("new-persona-form").hidden = isZalo();
    $("new-zalo-persona-form").hidden = !isZalo();
    $("message-input").maxLength = isZalo() ? 2000 : 4096;
    showHeader();
    showPicker();
  }

  function showPicker() {
    stopPolling();
    state.persona = null;
    state.view = null;
    history.replaceState(null, "", location.pathname);
    $("persona-picker").hidden = false;
    for (const id of ["chat", "composer", "reply-keyboard", "blocked-bar", "switch-persona", "menu-button"]) {
      $(id).hidden = true;
    }
    $("menu").hidden = true;
    $("chat-status").textContent = "bot";
    loadPersonas().catch((error) => toast(error.message));
  }

  function openChat(userId) {
    const persona = state.personas.find((p) => p.id === userId);
    if (!persona) return showPicker();
    stopPolling();
    state.persona = persona;
    state.version = null;
    state.view = null;
    state.messages = [];
    history.replaceState(null, "", (isZalo() ? "#z=" : "#u=") + userId);
    $("persona-picker").hidden = true;
    $("chat").hidden = false;
    $("composer").hidden = false;
    $("switch-persona").hidden = false;
    $("menu-button").hidden = false;
    $("message-list").replaceChildren();
    $("message-input").focus();
    poll();
  }

  // -------------------------------------------------------------------- polling

  function stopPolling() {
    if (state.poll) state.poll.abort();
    state.poll = null;
  }

  async function poll() {
    const controller = new AbortController();
    state.poll = controller;
    const chatId = state.persona.id;
    while (state.poll === controller) {
      try {
        const since = state.version === null ? "" : `&since=${state.version}`;
        const path = chan(`/chats/${chatId}?wait=${POLL_WAIT}${since}`);
        const view = withAllMessages(await api(path, { signal: controller.signal }));
        if (state.poll !== controller) return;
        if (view.version !== state.version || state.version === null || isZalo()) {
          state.version = view.version;
          render(view);
        } else {
          renderStatus(view);
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error.status === 404) return showPicker(); // the emulator was reset
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  // A Zalo read after ``since`` returns only the newer messages: add them to those shown.
  function withAllMessages(view) {
    if (!isZalo()) return view;
    const known = state.version !== null && view.version >= state.version;
    const newer = view.messages.filter((m) => !known || m.seq > state.version);
    state.messages = known ? state.messages.concat(newer) : newer;
    return Object.assign({}, view, { messages: state.messages });
  }

  async function refreshNow() {
    if (!state.persona) return;
    const since = isZalo() && state.version !== null ? `?since=${state.version}` : "";
    const view = withAllMessages(await api(chan(`/chats/${state.persona.id}${since}`)));
    // a Zalo chat's version counts messages only: blocking must be drawn all the same
    if (view.version !== state.version || isZalo()) {
      state.version = view.version;
      render(view);
    }
  }

  // ------------------------------------------------------------------ rendering

  function renderStatus(view) {
    const status = $("chat-status");
    const who = state.persona ? fullName(state.persona) : "";
    status.textContent = view.action === "typing" ? "đang nhập…" :
      view.action ? "đang gửi tệp…" : `${isZalo() ? "Zalo" : "bot"} · bạn là ${who}`;
  }

  function render(view) {
    state.view = view;
    const chat = $("chat");
    const atBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 80;
    const list = $("message-list");
    list.replaceChildren();
    let lastDay = null;
    for (const message of view.messages) {
      const day = messageTime(message.date).toLocaleDateString("vi-VN");
      if (day !== lastDay) {
        list.append(el("div", "day", day));
        lastDay = day;
      }
      list.append(renderMessage(message));
    }
    renderStatus(view);
    const blocked = Boolean(view.blocked);
    renderReplyKeyboard(blocked || isZalo() ? null : view.reply_keyboard);
    $("blocked-bar").hidden = !blocked;
    $("composer").hidden = blocked;
    $("start-wrap").hidden = blocked || isZalo() || view.messages.length > 0;
    $("menu-block").textContent = blocked ? "Bỏ chặn bot" : "Chặn bot";
    if (atBottom || state.justSent) {
      chat.scrollTop = chat.scrollHeight;
      state.justSent = false;
    }
  }

  // Telegram dates are in seconds, Zalo's in milliseconds.
  function messageTime(date) {
    return new Date(isZalo() ? date : date * 1000);
  }

  function renderMessage(message) {
    if (isZalo()) return renderZaloMessage(message);
    const wrap = el("div", "message " + (message.from_bot ? "in" : "out"));
    wrap.dataset.testid = "message";
    wrap.dataset.messageId = String(message.message_id);
    wrap.dataset.fromBot = String(message.from_bot);
    const bubble = el("div", "bubble");
    if (message.photo) {
      const img = el("img", "photo");
      img.src = message.photo.url;
      img.alt = message.text || "Ảnh";
      img.dataset.testid = "message-photo";
      if (message.photo.width && message.photo.height) {
        img.width = message.photo.width;
        img.height = message.photo.height;
      }
      const link = el("a");
      link.href = message.photo.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.append(img);
      bubble.append(link);
    }
    if (message.document) bubble.append(renderDocument(message.document));
    const text = el("div", "text");
    text.dataset.testid = "message-text";
    text.append(renderEntities(message.text || "", message.entities || []));
    const meta = el("span", "meta");
    if (message.edited) meta.append(el("span", "edited", "đã sửa"));
    const time = new Date((message.edit_date || message.date) * 1000);
    meta.append(time.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" }));
    text.append(meta);
    bubble.append(text);
    wrap.append(bubble);
    if (message.reply_markup && message.reply_markup.inline_keyboard) {
      wrap.append(renderKeyboard(message));
    }
    return wrap;
  }

  function renderZaloMessage(message) {
    const wrap = el("div", "message " + (message.from_bot ? "in" : "out"));
    wrap.dataset.testid = "message";
    wrap.dataset.messageId = String(message.message_id);
    wrap.dataset.fromBot = String(message.from_bot);
    const bubble = el("div", "bubble");
    if (message.photo) {
      const img = el("img", "photo");
      if (SAFE_LINK.test(message.photo)) img.src = message.photo;
      img.alt = message.text || "Ảnh";
      img.dataset.testid = "message-photo";
      bubble.append(img);
    }
    const text = el("div", "text");
    text.dataset.testid = "message-text";
    if (message.sticker || message.kind === "sticker") {
      text.append(el("span", "sticker", "Nhãn dán" + (message.sticker ? ": " + message.sticker : "")));
    } else if (message.kind === "image" && !message.text) {
      text.append(el("span", "sticker", "Ảnh"));
    } else if (message.kind === "unsupported") {
      text.append(el("span", "sticker", "Tin nhắn không hỗ trợ"));
    }
    text.append(document.createTextNode(message.text || "")); // plain: Zalo parses nothing
    const meta = el("span", "meta");
    meta.append(messageTime(message.date).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" }));
    text.append(meta);
    bubble.append(text);
    wrap.append(bubble);
    return wrap;
  }

  function humanSize(bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1).replace(".", ",") + " KB";
    return (bytes / 1024 / 1024).toFixed(1).replace(".", ",") + " MB";
  }

  function renderDocument(doc) {
    const link = el("a", "document");
    link.href = doc.url + "?download=1";
    link.setAttribute("download", doc.file_name || "tep");
    link.dataset.testid = "message-document";
    const info = el("span");
    info.append(el("div", "name", doc.file_name || "Tệp"), el("div", "size", humanSize(doc.file_size) + " · Tải xuống"));
    link.append(el("span", "icon", "\u{1F4C4}"), info);
    return link;
  }

  async function openWebApp(button) {
    const dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    const theme = dark
      ? { bg_color: "#17212b", text_color: "#f5f5f5", hint_color: "#8d99a6", secondary_bg_color: "#232e3c" }
      : { bg_color: "#ffffff", text_color: "#1b1b1f", hint_color: "#6b7280", secondary_bg_color: "#f3f4f6" };
    try {
      const opened = await post("/webapp", { user_id: state.persona.id, url: button.web_app.url, theme });
      $("webapp-title").textContent = button.text;
      $("webapp-frame").src = opened.url;
      $("webapp-panel").hidden = false;
    } catch (error) {
      toast(error.message);
    }
  }

  function renderKeyboard(message) {
    const keyboard = el("div", "keyboard");
    keyboard.dataset.testid = "inline-keyboard";
    for (const row of message.reply_markup.inline_keyboard) {
      const line = el("div", "row");
      for (const button of row) {
        let node;
        if (button.web_app) {
          node = el("button", null, button.text);
          node.type = "button";
          node.dataset.webApp = button.web_app.url;
          node.addEventListener("click", () => openWebApp(button));
        } else if (button.url) {
          node = el("a", null, button.text + " \u2197");
          if (SAFE_LINK.test(button.url)) node.href = button.url;
          node.target = "_blank";
          node.rel = "noopener";
        } else {
          node = el("button", null, button.text);
          node.type = "button";
          if (button.callback_data !== undefined) {
            node.dataset.callbackData = button.callback_data;
            node.addEventListener("click", () => press(message.message_id, button, node));
          } else {
            node.disabled = true;
          }
        }
        node.dataset.testid = "inline-button";
        node.title = button.text;
        line.append(node);
      }
      keyboard.append(line);
    }
    return keyboard;
  }

  function renderReplyKeyboard(markup) {
    const box = $("reply-keyboard");
    box.replaceChildren();
    if (!markup || !markup.keyboard) {
      box.hidden = true;
      return;
    }
    for (const row of markup.keyboard) {
      const line = el("div", "row");
      for (const button of row) {
        const node = el("button", null, button.text);
        node.type = "button";
        node.dataset.testid = "reply-button";
        node.addEventListener("click", () => sendText(button.text));
        line.append(node);
      }
      box.append(line);
    }
    box.hidden = false;
  }

  // Entities → DOM: a tree of ranges (UTF-16 offsets, which is what JS strings index).
  function renderEntities(text, entities) {
    const fragment = document.createDocumentFragment();
    const sorted = entities
      .filter((e) => e.length > 0)
      .slice()
      .sort((a, b) => a.offset - b.offset || b.length - a.length);
    const root = { start: 0, end: text.length, entity: null, children: [] };
    const stack = [root];
    for (const entity of sorted) {
      const start = Math.min(Math.max(entity.offset, 0), text.length);
      while (stack.length > 1 && start >= stack[stack.length - 1].end) stack.pop();
      const parent = stack[stack.length - 1];
      const end = Math.min(start + entity.length, parent.end);
      if (end <= start) continue;
      const node = { start, end, entity, children: [] };
      parent.children.push(node);
      stack.push(node);
    }
    emit(root, text, fragment);
    return fragment;
  }

  const BLOCKS = new Set(["pre", "blockquote", "expandable_blockquote"]);

  function emit(node, text, into) {
    let position = node.start;
    let afterBlock = false;
    const plain = (start, end) => {
      let chunk = text.slice(start, end);
      // a block already ends its line, as in Telegram's apps
      if (afterBlock && chunk.startsWith("\n")) chunk = chunk.slice(1);
      if (chunk) into.append(document.createTextNode(chunk));
    };
    for (const child of node.children) {
      if (child.start > position) plain(position, child.start);
      const element = entityElement(child.entity, text.slice(child.start, child.end));
      emit(child, text, element.inner);
      into.append(element.outer);
      position = child.end;
      afterBlock = BLOCKS.has(child.entity.type);
    }
    if (node.end > position) plain(position, node.end);
  }

  function entityElement(entity, content) {
    const simple = { bold: "strong", italic: "em", underline: "u", strikethrough: "s", code: "code" };
    if (simple[entity.type]) {
      const node = el(simple[entity.type]);
      return { outer: node, inner: node };
    }
    switch (entity.type) {
      case "pre": {
        const pre = el("pre");
        const code = el("code");
        if (entity.language) code.dataset.language = entity.language;
        pre.append(code);
        return { outer: pre, inner: code };
      }
      case "blockquote":
      case "expandable_blockquote": {
        const quote = el("blockquote");
        return { outer: quote, inner: quote };
      }
      case "spoiler": {
        const span = el("span", "spoiler");
        span.title = "Nhấn để xem";
        span.addEventListener("click", () => span.classList.add("revealed"));
        return { outer: span, inner: span };
      }
      case "text_link":
      case "url": {
        const href = entity.type === "url" ? content : entity.url;
        if (!href || !SAFE_LINK.test(href)) {
          const span = el("span");
          return { outer: span, inner: span };
        }
        const link = el("a");
        link.href = href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        return { outer: link, inner: link };
      }
      case "bot_command": {
        const span = el("span", "command");
        span.addEventListener("click", () => sendText(content));
        return { outer: span, inner: span };
      }
      default: {
        const span = el("span");
        return { outer: span, inner: span };
      }
    }
  }

  // -------------------------------------------------------------------- actions

  async function sendText(text) {
    if (!state.persona || !text.trim()) return;
    try {
      state.justSent = true;
      await post(chan(`/chats/${state.persona.id}/messages`), { text });
      await refreshNow();
    } catch (error) {
      toast("Không gửi được: " + error.message);
    }
  }

  async function press(messageId, button, node) {
    if (node.classList.contains("busy")) return;
    node.classList.add("busy");
    try {
      const result = await post(`/chats/${state.persona.id}/press`, {
        message_id: messageId,
        data: button.callback_data,
        wait: 10,
      });
      const answer = result.answer;
      if (answer && answer.text) {
        if (answer.show_alert) alertBox(answer.text);
        else toast(answer.text);
      }
      if (answer && answer.url && SAFE_LINK.test(answer.url)) window.open(answer.url, "_blank", "noopener");
    } catch (error) {
      toast("Không bấm được nút: " + error.message);
    } finally {
      node.classList.remove("busy");
    }
  }

  async function toggleBlock() {
    $("menu").hidden = true;
    if (!state.persona) return;
    const blocked = state.view && state.view.blocked;
    try {
      const who = isZalo() ? "chats" : "personas";
      await post(chan(`/${who}/${state.persona.id}/${blocked ? "unblock" : "block"}`));
      await refreshNow();
    } catch (error) {
      toast(error.message);
    }
  }

  async function restart() {
    if (!state.persona) return;
    if (isZalo()) {
      await post(`/zalo/chats/${state.persona.id}/unblock`);
      await refreshNow();
      return;
    }
    await post(`/personas/${state.persona.id}/unblock`);
    await sendText("/start");
  }

  // ---------------------------------------------------------------------- start

  function wire() {
    $("new-persona-form").addEventListener("submit", createPersona);
    $("new-zalo-persona-form").addEventListener("submit", createZaloPersona);
    for (const tab of document.querySelectorAll(".channels [role=tab]")) {
      tab.addEventListener("click", () => setChannel(tab.dataset.channel));
    }
    $("switch-persona").addEventListener("click", showPicker);
    $("menu-switch").addEventListener("click", showPicker);
    $("menu-button").addEventListener("click", (event) => {
      event.stopPropagation();
      $("menu").hidden = !$("menu").hidden;
    });
    document.addEventListener("click", () => { $("menu").hidden = true; });
    $("menu-block").addEventListener("click", (event) => {
      event.stopPropagation();
      toggleBlock();
    });
    $("start-button").addEventListener("click", () => sendText("/start"));
    $("restart-button").addEventListener("click", () => restart().catch((e) => toast(e.message)));
    $("alert-ok").addEventListener("click", () => { $("alert").hidden = true; });
    $("webapp-close").addEventListener("click", () => {
      $("webapp-panel").hidden = true;
      $("webapp-frame").removeAttribute("src");
    });
    $("composer").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = $("message-input");
      const text = input.value;
      if (!text.trim()) return;
      input.value = "";
      sendText(text);
      input.focus();
    });
  }

  async function main() {
    wire();
    try {
      [state.bot, state.zaloBot] = await Promise.all([api("/bot"), api("/zalo/bot")]);
    } catch (error) {
      toast("Không kết nối được trình giả lập: " + error.message);
    }
    const zaloMatch = /^#z=([^&]+)$/.exec(location.hash);
    if (zaloMatch) setChannel("zalo");
    else showHeader();
    await loadPersonas().catch((error) => toast(error.message));
    const match = /^#u=(\d+)$/.exec(location.hash);
    const zaloId = zaloMatch ? decodeURIComponent(zaloMatch[1]) : null;
    if (match && state.personas.some((p) => p.id === Number(match[1]))) openChat(Number(match[1]));
    else if (zaloId && state.personas.some((p) => p.id === zaloId)) openChat(zaloId);
    else showPicker();
    document.body.dataset.ready = "true";
  }

  main();
})();
