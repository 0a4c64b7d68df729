// The inbox: pages of messages from the control plane, kept current by server-sent events.
"use strict";

const api = document.body.dataset;
const PAGE = 50;
const FORCEABLE = ["delivered", "undelivered", "expired", "rejected", "deleted", "unknown"];
const $ = (id) => document.getElementById(id);

// h("div", {class: "x"}, child, "text"): a DOM element, text always as text (never parsed).
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method, headers: body ? {"Content-Type": "application/json"} : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(data && data.error ? data.error.message : response.status);
  return data;
}

// Only http(s) links become clickable: a client's javascript: URL stays text.
const webLink = (url) => (/^https?:\/\//i.test(url || "") ? url : null);
const time = (instant) => (instant || "").replace("T", " ").replace("Z", "");
const clockTime = (instant) => (instant || "").slice(11, 19);

// --- what is loaded ------------------------------------------------------------------------
const state = {
  messages: new Map(),   // id -> view, with .seq: higher is newer
  newest: 0, oldest: 1,  // seq counters: live messages count up, older pages count down
  next: null,            // `before` cursor of the next older page
  selectedPhone: null, screen: [], screenNext: null, arrived: [],
  answers: new Map(),    // "provider:id" -> what the selected phone's owner answered
  selectedId: null, violations: 0, source: null, loading: false,
};

function filters() {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData($("filters"))) {
    if (String(value).trim()) query.set(name, String(value).trim());
  }
  return query;
}

function onScreen(view) {
  const i = state.screen.findIndex((m) => m.id === view.id);
  if (i >= 0) state.screen[i] = view;
}

function remember(view, seq) {
  const known = state.messages.get(view.id);
  view.seq = known ? known.seq : seq;
  state.messages.set(view.id, view);
  onScreen(view);
  return view;
}

async function loadOlder() {
  if (state.loading) return;
  state.loading = true;
  try {
    const query = filters();
    query.set("order", "desc");
    query.set("limit", PAGE);
    if (state.next) query.set("before", state.next);
    const page = await call("GET", `${api.page}?${query}`);
    for (const view of page.messages) remember(view, state.oldest--);
    state.next = page.next;
  } finally {
    state.loading = false;
  }
  renderThreads();
}

// --- conversations: one per phone, newest first ---------------------------------------------
function current(view) {
  const started = view.channels.filter((c) => c.status);
  return started.length ? started[started.length - 1] : view.channels[0];
}

function threads() {
  const byPhone = new Map();
  for (const view of state.messages.values()) {
    const thread = byPhone.get(view.phone);
    if (!thread) byPhone.set(view.phone, {latest: view, count: 1, flagged: view.violations.length > 0});
    else {
      thread.count += 1;
      thread.flagged ||= view.violations.length > 0;
      if (view.seq > thread.latest.seq) thread.latest = view;
    }
  }
  return [...byPhone.values()].sort((a, b) => b.latest.seq - a.latest.seq);
}

function statusWord(status) {
  return h("span", {class: `status ${status}`, "data-status": status}, status);
}

function renderThreads() {
  const list = threads();
  $("threads").replaceChildren(...list.map(({latest, count, flagged}) => {
    const channel = current(latest);
    return h("li", {class: "thread" + (latest.phone === state.selectedPhone ? " selected" : ""),
                    "data-phone": latest.phone, onclick: () => selectPhone(latest.phone)},
      h("div", {class: "thread-head"},
        h("b", {class: "phone"}, "+" + latest.phone),
        flagged ? h("span", {class: "flag", title: "contract violations"}, "⚠") : null,
        h("time", {}, clockTime(latest.created_at))),
      h("div", {class: "preview"}, h("span", {class: `chan ${channel.channel}`}, channel.channel),
        " ", channel.text || channel.template_id || "(no text)"),
      h("div", {class: "thread-foot"}, statusWord(latest.status),
        h("span", {class: "muted"}, `${latest.provider} · ${latest.login}`),
        count > 1 ? h("span", {class: "count"}, count) : null));
  }));
  const filtered = [...filters().keys()].length > 0;
  $("empty").hidden = list.length > 0 || filtered;
  $("nothing").hidden = list.length > 0 || !filtered;
  $("older").hidden = !state.next;
  if (!state.selectedPhone && list.length) selectPhone(list[0].latest.phone);
}

// --- the phone screen: one number's messages as its owner sees them -------------------------
async function selectPhone(phone) {
  state.selectedPhone = phone;
  // What the list already holds shows at once; the server's page for this phone follows.
  state.screen = [...state.messages.values()].filter((v) => v.phone === phone)
    .sort((a, b) => b.seq - a.seq);
  state.screenNext = null;
  state.arrived = [];
  state.answers.clear();
  renderThreads();
  renderScreen();
  await loadScreen(true);
}

async function loadScreen(fresh) {
  const phone = state.selectedPhone;
  const query = filters();
  query.delete("phone_prefix");
  query.set("phone", phone);
  query.set("order", "desc");
  query.set("limit", PAGE);
  if (state.screenNext) query.set("before", state.screenNext);
  const page = await call("GET", `${api.page}?${query}`);
  if (phone !== state.selectedPhone) return;
  const shown = page.messages.map((v) => state.messages.get(v.id) || v);
  if (fresh) {  // messages pushed while asking stay on top
    const asked = new Set(shown.map((v) => v.id));
    state.screen = state.arrived.filter((v) => !asked.has(v.id)).concat(shown);
  } else state.screen.push(...shown);
  for (const answer of page.inbound) keepAnswer(answer);
  state.screenNext = page.next;
  renderScreen();
}

const answerKey = (answer) => `${answer.provider}:${answer.id}`;
function keepAnswer(answer) {
  if (answer.phone === state.selectedPhone) state.answers.set(answerKey(answer), answer);
}

// The screen's messages (newest first) with the owner's answers among them by time; an answer
// at the same instant as a message came after it.
function conversation() {
  const answers = [...state.answers.values()].sort((a, b) =>
    b.received_at.localeCompare(a.received_at) || b.id - a.id);
  const items = [];
  for (const view of state.screen) {
    while (answers.length && answers[0].received_at >= view.created_at) items.push(answers.shift());
    items.push(view);
  }
  return items.concat(answers);
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

// An MMS's or an e-mail's files: name, type and size; plain images shown (served by the mock).
function files(view) {
  if (!view.files || !view.files.length) return null;
  return h("ul", {class: "files"}, view.files.map((file) => h("li", {class: "file"},
    file.inline ? h("img", {src: file.url, alt: file.filename, loading: "lazy"}) : null,
    h("a", {href: file.url, download: file.filename}, file.filename),
    h("span", {class: "muted"}, ` ${file.content_type} · ${size(file.size)}`))));
}

function answerItem(answer) {
  return h("li", {class: "message answer", "data-answer": answerKey(answer)},
    h("div", {class: "bubble answer"},
      h("div", {class: "sender"}, answer.to ? `answer to +${answer.to}` : "answer"),
      h("div", {class: "text"}, answer.text),
      h("div", {class: "meta"}, `${answer.provider} · ${answer.login} `,
        h("time", {}, clockTime(answer.received_at)))));
}

function bubble(view, attempt) {
  const kind = attempt.channel;
  const parts = [h("div", {class: "sender"}, attempt.sender || kind.toUpperCase())];
  if (kind === "viber" && attempt.image_url) {
    const img = h("img", {src: webLink(attempt.image_url) || "data:,", alt: "image",
                          loading: "lazy", referrerpolicy: "no-referrer"});
    img.addEventListener("error", () => img.replaceWith(
      h("div", {class: "image-missing"}, "image: ", attempt.image_url)));
    parts.push(img);
  }
  if (kind === "mms" && view.meta.subj) parts.push(h("div", {class: "subject"}, view.meta.subj));
  if (attempt.text) parts.push(h("div", {class: "text"}, attempt.text));
  if (attempt.order === 1) parts.push(files(view));
  if (attempt.template_id) {  // a VK message: an approved template and its parameters
    parts.push(h("div", {class: "template"}, `template ${attempt.template_id}`),
      h("dl", {class: "template-data"}, Object.entries(attempt.template_data || {}).flatMap(
        ([name, value]) => [h("dt", {}, name), h("dd", {}, typeof value === "string"
          ? value : JSON.stringify(value))])));
  }
  if (attempt.button_text) {
    parts.push(h("a", {class: "button", href: webLink(attempt.button_url), target: "_blank",
                       rel: "noreferrer noopener"}, attempt.button_text));
  }
  const meta = [statusWord(attempt.status || "not tried"), " ", clockTime(
    attempt.history.length ? attempt.history[attempt.history.length - 1].at : view.created_at)];
  if (kind === "sms") meta.push(` · ${attempt.parts} part${attempt.parts === 1 ? "" : "s"}`);
  parts.push(h("div", {class: "meta"}, meta));
  return h("div", {class: `bubble ${kind}`, "data-channel": kind}, parts);
}

function codes(view) {
  if (!view.codes || !view.codes.length) return null;
  return h("div", {class: "codes"}, view.codes.map((code) => h("span", {class: "code"},
    h("b", {}, code), h("button", {type: "button", class: "copy", title: "copy the code",
      onclick: (event) => { event.stopPropagation(); copy(code, event.target); }},
      "copy"))));
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h("textarea", {}, text);
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "copied";
}

function renderScreen() {
  $("phone-number").textContent = state.selectedPhone ? "+" + state.selectedPhone : "—";
  const first = state.screen[0];
  $("phone-meta").textContent = first ? `${first.country.toUpperCase()} ${first.mcc}/${first.mnc}` : "";
  $("screen").replaceChildren(...conversation().map((view) => {
    if (view.received_at) return answerItem(view);
    const shown = view.channels.filter((c) => c.status);
    return h("li", {class: "message" + (view.id === state.selectedId ? " selected" : ""),
                    "data-id": view.id, onclick: () => selectMessage(view.id)},
      h("div", {class: "message-head"}, statusWord(view.status), " ",
        h("time", {}, time(view.created_at)),
        view.violations.length ? h("span", {class: "flag", title: view.violations.map(
          (v) => v.rule).join(", ")}, "⚠ " + view.violations.length) : null),
      (shown.length ? shown : view.channels.slice(0, 1)).map((a) => bubble(view, a)),
      codes(view));
  }));
  $("screen-older").hidden = !state.screenNext;
}

// --- detail ---------------------------------------------------------------------------------
async function selectMessage(id) {
  state.selectedId = id;
  renderScreen();
  await renderDetail();
}

function table(rows) {
  return h("table", {}, rows.filter(Boolean).map(([k, v]) => h("tr", {}, h("th", {}, k),
    h("td", {}, v === null || v === undefined || v === "" ? "—" : v))));
}

function attemptBlock(view, attempt) {
  const open = attempt.status === "sent" || (attempt.channel === "viber" && attempt.status === "delivered");
  const outcomes = attempt.status === "sent" ? FORCEABLE.concat(attempt.channel === "viber" ? ["read"] : [])
    : ["read"];
  return h("li", {class: `attempt ${attempt.channel}`, "data-channel": attempt.channel},
    h("div", {class: "attempt-head"}, h("b", {}, `${attempt.order}. ${attempt.channel}`), " ",
      statusWord(attempt.status || "not tried")),
    table([["sender", attempt.sender], ["parts", attempt.parts], ["cost", attempt.cost],
      ["provider id", attempt.provider_id], attempt.ttl_s !== null ? ["ttl", `${attempt.ttl_s} s`] : null,
      attempt.button_text ? ["button", `${attempt.button_text} → ${attempt.button_url}`] : null,
      attempt.image_url ? ["image", attempt.image_url] : null]),
    h("ol", {class: "timeline"}, attempt.history.map((c) => h("li", {}, statusWord(c.status), " ",
      h("time", {}, time(c.at))))),
    open ? h("div", {class: "force"}, "force: ", outcomes.map((status) => h("button", {
      type: "button", "data-force": status, onclick: () => force(view.id, attempt.channel, status)},
      status))) : null);
}

function requestBlock(request) {
  if (!request) return h("p", {class: "muted"}, "The request that created it is no longer in the journal.");
  return h("div", {class: "request"},
    h("p", {class: "muted"}, `#${request.id} ${request.method} ${request.path} at ${time(request.at)}`,
      ` from ${request.remote}, decoded as ${request.charset}`),
    request.params.length ? table(request.params) : null,
    h("details", {}, h("summary", {}, "raw request"),
      h("pre", {class: "raw"}, `${request.method} ${request.path}${request.query ? "?" + request.query : ""}`,
        request.body ? "\n\n" + request.body : "")),
    h("h4", {}, `reply ${request.status}`),
    h("pre", {class: "raw reply"}, request.reply));
}

function webhookBlock(webhooks) {
  if (!webhooks.length) return h("p", {class: "muted"}, "No delivery report pushed (no callback URL, or none due yet).");
  return h("ul", {class: "webhooks"}, webhooks.map((w) => h("li", {},
    h("div", {}, h("b", {}, `${w.method} ${w.url}`), " ", h("span", {class: `hook ${w.state}`}, w.state)),
    table(Object.entries(w.params)),
    h("ol", {}, w.attempts.map((a) => h("li", {}, time(a.at), " → ",
      a.status === null ? a.error : `HTTP ${a.status}`))))));
}

async function renderDetail() {
  const id = state.selectedId;
  if (!id) return;
  let detail;
  try {
    detail = await call("GET", `${api.page}/${encodeURIComponent(id)}`);
  } catch {
    $("detail").replaceChildren(h("p", {class: "muted"}, "This message is gone."));
    return;
  }
  if (id !== state.selectedId) return;
  const view = detail.message;
  if (state.messages.has(view.id)) remember(view, 0);
  else onScreen(view);
  $("detail").replaceChildren(...[
    h("h2", {}, "+" + view.phone, " ", statusWord(view.status)),
    view.violations.length ? h("div", {class: "violations"}, h("h3", {}, "Contract violations"),
      h("ul", {}, view.violations.map((v) => h("li", {"data-rule": v.rule},
        h("code", {}, v.rule), v.field ? h("span", {class: "muted"}, ` (${v.field})`) : null,
        h("div", {}, v.message))))) : null,
    codes(view),
    table([["id", view.id], ["provider", `${view.provider} · ${view.login}`],
      ["country", `${view.country.toUpperCase()} (MCC ${view.mcc}, MNC ${view.mnc})`],
      ["created", time(view.created_at)], ["scheduled", time(view.scheduled_at)],
      ["cost", view.cost], ["client id", view.client_id],
      view.virtual ? ["test mode", "virtual: priced, never delivered"] : null,
      ...Object.entries(view.provider_ids)]),
    view.files ? h("h3", {}, "Files") : null, files(view),
    h("h3", {}, "Cascade"),
    h("ol", {class: "cascade"}, view.channels.map((a) => attemptBlock(view, a))),
    h("h3", {}, "Delivery reports"), webhookBlock(detail.webhooks),
    h("h3", {}, "Request and reply"), requestBlock(detail.request)].filter(Boolean));
}

async function force(id, channel, status) {
  try {
    await call("POST", `${api.messages}/${encodeURIComponent(id)}/events`, {channel, status});
  } catch (error) {
    alert(error.message);
  }
}

// --- live -----------------------------------------------------------------------------------
function connect() {
  if (state.source) state.source.close();
  const source = new EventSource(`${api.events}?${filters()}`);
  state.source = source;
  source.addEventListener("open", () => { $("live").textContent = "live"; $("live").classList.add("on"); });
  source.addEventListener("error", () => { $("live").textContent = "reconnecting"; $("live").classList.remove("on"); });
  source.addEventListener("hello", (e) => {
    const hello = JSON.parse(e.data);
    showClock(hello);
    state.violations = hello.violations;
    showViolations();
    state.messages.clear();
    for (const view of hello.messages) remember(view, state.oldest--);
    state.next = hello.next;
    renderThreads();
  });
  source.addEventListener("clock", (e) => showClock(JSON.parse(e.data)));
  source.addEventListener("resync", () => connect());
  source.addEventListener("message", (e) => {
    const view = remember(JSON.parse(e.data), ++state.newest);
    if (view.phone === state.selectedPhone && !state.screen.some((m) => m.id === view.id)) {
      state.screen.unshift(view);
      state.arrived.unshift(view);
    }
    refresh();
  });
  source.addEventListener("update", (e) => {
    const view = JSON.parse(e.data);
    if (!view.matches) {
      state.messages.delete(view.id);
      onScreen(view);
    } else remember(view, ++state.newest);
    if (view.id === state.selectedId) renderDetail();
    refresh();
  });
  source.addEventListener("inbound", (e) => {
    keepAnswer(JSON.parse(e.data));
    refresh();
  });
  source.addEventListener("violation", (e) => {
    const event = JSON.parse(e.data);
    state.violations += event.violations.length;
    for (const id of event.message_ids) {
      const view = state.messages.get(id) || state.screen.find((m) => m.id === id);
      if (view) view.violations = event.violations;
      if (id === state.selectedId) renderDetail();
    }
    showViolations();
    refresh();
  });
}

const KEPT = 1000;  // a tab left open under load keeps the newest; older ones page back in
function trim() {
  if (state.messages.size <= KEPT) return;
  const kept = [...state.messages.values()].sort((a, b) => b.seq - a.seq).slice(0, KEPT);
  state.messages = new Map(kept.map((v) => [v.id, v]));
  state.oldest = kept[kept.length - 1].seq - 1;
  state.next = kept[kept.length - 1].id;
}

let pending = false;
function refresh() {  // at most one redraw per frame, however many events arrive
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => { pending = false; trim(); renderThreads(); renderScreen(); });
}

function showClock(clock) {
  $("clock").textContent = `${time(clock.now)} (${clock.mode})`;
}

function showViolations() {
  $("violations").hidden = state.violations === 0;
  $("violations").textContent = `⚠ ${state.violations} violation${state.violations === 1 ? "" : "s"}`;
}

async function listViolations() {
  const {violations} = await call("GET", "/__admin/violations");
  state.selectedId = null;
  $("detail").replaceChildren(h("h2", {}, "Contract violations"), h("ul", {class: "violations"},
    violations.slice().reverse().map((v) => h("li", {"data-rule": v.rule}, h("code", {}, v.rule),
      " ", h("span", {class: "muted"}, `${v.provider} ${v.path} #${v.request_id} ${time(v.at)}`),
      h("div", {}, v.message)))));
}

// --- controls -------------------------------------------------------------------------------
let typing;
$("filters").addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    state.selectedPhone = null;
    state.screen = [];
    renderScreen();
    connect();
  }, 150);
});
$("filters").addEventListener("submit", (e) => e.preventDefault());
$("older").addEventListener("click", loadOlder);
$("screen-older").addEventListener("click", () => loadScreen(false));
$("violations").addEventListener("click", listViolations);
$("advance").addEventListener("click", async () => {
  showClock(await call("POST", "/__admin/clock", {advance: Number($("advance-by").value) || 0}));
});
$("clear").addEventListener("click", async () => {
  await Promise.all(["messages", "requests", "webhooks", "inbound"].map(
    (what) => call("DELETE", `/__admin/${what}`)));
  Object.assign(state, {selectedPhone: null, selectedId: null, screen: [], violations: 0});
  state.answers.clear();
  showViolations();
  renderScreen();
  $("detail").replaceChildren();
  connect();
});
new IntersectionObserver((entries) => {
  if (entries.some((e) => e.isIntersecting) && state.next) loadOlder();
}).observe($("older"));
for (const pre of document.querySelectorAll("[data-curl]")) {
  pre.textContent = pre.textContent.replaceAll("{origin}", location.origin);
}
connect();
