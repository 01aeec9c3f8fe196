// The mock's control page: reads the control API, follows the request log over Server-Sent Events, and
// renders IDs exactly as the server sent them (they are strings; request bodies are shown as received).
const token = new URLSearchParams(location.hash.slice(1)).get("token");
const headers = token ? { "X-Mock-Control-Token": token } : {};
const $ = (sel) => document.querySelector(sel);
let current = "";

async function control(method, path, body) {
  const r = await fetch(`/__mock${path}`, {
    method,
    // The control API takes only application/json on changes (no cross-site form can send that).
    headers: { ...headers, ...(method === "GET" ? {} : { "Content-Type": "application/json" }) },
    body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
  });
  const env = await r.json();
  if (env.code !== "success") throw new Error(`${env.code}: ${env.detailMessage}`);
  return env.result;
}

function notice(text) {
  const n = $("#notice");
  n.textContent = text;
  n.hidden = !text;
}

const esc = (v) =>
  String(v ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );
const date = (ms) => new Date(ms).toISOString().replace("T", " ").slice(0, 19);

function table(rows, cols) {
  if (!rows.length) return '<p class="muted">None.</p>';
  const head = cols.map(([label]) => `<th>${esc(label)}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${cols.map(([, get, cls]) => `<td class="${cls ?? ""}">${get(r)}</td>`).join("")}</tr>`)
    .join("");
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** True while a payment-mode switch is on its way (see renderState). */
let switchingPayment = false;

function renderState(s) {
  $("#clock").textContent =
    `clock ${s.clock.now.replace("T", " ").slice(0, 19)}${s.clock.offsetSeconds ? ` (+${Math.round((s.clock.offsetSeconds / 86400) * 10) / 10} days)` : ""}`;
  $("#contacts").innerHTML = table(s.billingContacts, [
    ["billingContactId", (c) => esc(c.billingContactId), "id"],
    ["name", (c) => esc(`${c.firstName ?? ""} ${c.lastName ?? ""}`)],
    ["company", (c) => esc(c.company)],
    ["e-mail", (c) => esc(c.emailAddress)],
  ]);
  $("#subordinates").innerHTML = table(s.subordinates, [
    ["partnerId", (u) => esc(u.partnerId), "id"],
    ["company", (u) => esc(u.company)],
    ["e-mail", (u) => esc(u.email)],
  ]);
  // Names beside IDs: plans and services from the catalog, owners from the subordinates.
  const named = (id) => {
    const name = s.names?.[id];
    return `${name ? `${esc(name)} ` : ""}<span class="mono muted">${esc(id)}</span>`;
  };
  const owner = (partnerId) => {
    if (!partnerId) return "you";
    const sub = s.subordinates.find((u) => String(u.partnerId) === String(partnerId));
    return `${esc(sub?.company || "subordinate")} <span class="mono muted">${esc(partnerId)}</span>`;
  };
  $("#instances").innerHTML = table(s.instances, [
    ["instanceId", (i) => esc(i.instanceId), "id"],
    ["owner", (i) => owner(i.partnerId)],
    ["plan", (i) => `${named(i.planId)} × ${esc(i.quantity)}`],
    [
      "services",
      (i) =>
        Object.entries(i.services)
          .map(([id, q]) => `<div>${named(id)} × ${esc(q)}</div>`)
          .join("") || "—",
    ],
    ["status", (i) => `<span class="pill ${esc(i.status)}">${esc(i.status)}</span>`],
    ["expires", (i) => esc(i.expireDate.slice(0, 10))],
  ]);
  // Re-rendering must not fold an order the user opened (every request the mock answers triggers a refresh).
  const open = new Set([...document.querySelectorAll("#orders details[open]")].map((d) => d.dataset.order));
  $("#orders").innerHTML = s.orders.length
    ? s.orders
        .map(
          (o) => `<details data-order="${esc(o.orderNo || o.instanceId)}" data-status="${esc(o.status)}">
  <summary><span class="mono">${esc(o.orderNo || "(trial, no order number)")}</span><span>${esc(o.operationType)}</span>
  <span class="pill ${esc(o.status)}">${esc(o.status)}</span>${
    o.status === "pending"
      ? ["succeed", "failed", "cancelled"]
          .map((x) => `<button type="button" data-settle="${esc(o.orderNo)}" data-outcome="${x}">${x}</button>`)
          .join("")
      : ""
  }
  <span class="muted">instance ${esc(o.instanceId)} · ${esc(date(o.createTime))}</span></summary>
  <div class="order-bodies"><div><strong>Request</strong><pre>${esc(o.requestText)}</pre></div>
  <div><strong>Response result</strong><pre>${esc(JSON.stringify(o.result, null, 2))}</pre></div></div>
</details>`,
        )
        .join("")
    : '<p class="muted">No orders yet.</p>';
  for (const d of document.querySelectorAll("#orders details[data-order]"))
    if (open.has(d.dataset.order)) d.open = true;
  // Not while a switch is on its way: a refresh started before it would undo the user's click.
  if (!switchingPayment) $("#manual-payment").checked = s.paymentMode === "manual";
}

async function refreshAccounts() {
  const accounts = await control("GET", "/accounts");
  if (!accounts.some((a) => a.clientId === current)) current = accounts[0]?.clientId ?? "";
  $("#account").innerHTML = accounts
    .map(
      (a) =>
        `<option value="${esc(a.clientId)}" ${a.clientId === current ? "selected" : ""}>${esc(a.clientId)} (${a.orders} orders)</option>`,
    )
    .join("");
}

async function refresh() {
  try {
    await refreshAccounts();
    if (current) renderState(await control("GET", `/accounts/${encodeURIComponent(current)}`));
    const faults = await control("GET", "/faults");
    $("#faults").innerHTML = faults.length
      ? table(faults, [
          ["fault", (f) => esc(f.kind)],
          ["on", (f) => esc(f.operationId ?? f.path ?? "any")],
          ["left", (f) => esc(f.remaining)],
        ])
      : "";
  } catch (err) {
    notice(`Cannot read the mock: ${err.message}`);
  }
}

// At most one refresh per REFRESH_MS however busy the log is, and always one after the last event.
const REFRESH_MS = 300;
let scheduled = false;
let running = false;
let again = false;
let last = -Infinity;
function refreshSoon() {
  if (running) return void (again = true);
  if (scheduled) return;
  scheduled = true;
  setTimeout(
    async () => {
      scheduled = false;
      running = true;
      try {
        await refresh();
      } finally {
        running = false;
        last = Date.now();
        if (again) {
          again = false;
          refreshSoon();
        }
      }
    },
    Math.max(0, last + REFRESH_MS - Date.now()),
  );
}

// What a row is: the page's own assets and live log, a control API call, or the vendor traffic that matters.
const kindOf = (e) => (e.asset ? "asset" : e.path.startsWith("/__mock") ? "control" : "vendor");
const shown = (kind) =>
  kind === "vendor" || (kind === "control" ? $("#show-control").checked : $("#show-assets").checked);
// The page's own reads (and its assets) change nothing: refreshing on them would refresh forever.
const changes = (e) => kindOf(e) === "vendor" || (kindOf(e) === "control" && e.method !== "GET");
function addLog(e) {
  const row = document.createElement("tr");
  row.dataset.kind = kindOf(e);
  row.hidden = !shown(row.dataset.kind);
  row.innerHTML = `<td>${esc(e.time.slice(11, 23))}</td><td>${esc(e.method)}</td><td class="mono">${esc(e.path)}</td><td class="status-${String(e.status)[0]}">${esc(e.status || "no answer")}</td><td>${esc(e.ms.toFixed(1))}</td><td class="mono">${esc(e.requestId)}</td>`;
  const body = $("#log tbody");
  body.prepend(row);
  while (body.children.length > 200) body.lastChild.remove();
}

for (const box of ["#show-control", "#show-assets"])
  $(box).addEventListener("change", () => {
    for (const row of document.querySelectorAll("#log tr[data-kind]")) row.hidden = !shown(row.dataset.kind);
  });
$("#account").addEventListener("change", (e) => {
  current = e.target.value;
  refresh();
});
$("#reset").addEventListener("click", async () => {
  await control("POST", "/reset");
  notice("Reset to the seed.");
  refresh();
});
$("#new-account").addEventListener("click", async () => {
  const a = await control("POST", "/accounts");
  current = a.clientId;
  notice(`New account: client_id ${a.clientId}, client_secret ${a.clientSecret}`);
  refresh();
});
$("#manual-payment").addEventListener("change", async (e) => {
  const mode = e.target.checked ? "manual" : "auto";
  switchingPayment = true;
  try {
    await control("POST", `/accounts/${encodeURIComponent(current)}/payment`, { mode });
    notice(mode === "manual" ? "Paid orders now wait for payment." : "Paid orders succeed at once.");
  } catch (err) {
    notice(err.message);
  } finally {
    switchingPayment = false;
  }
  refresh();
});
// Settle a pending order: one of its buttons in the order list.
$("#orders").addEventListener("click", async (e) => {
  const b = e.target.closest("button[data-settle]");
  if (!b) return;
  e.preventDefault();
  try {
    await control("POST", `/accounts/${encodeURIComponent(current)}/orders/${b.dataset.settle}/settle`, {
      outcome: b.dataset.outcome,
    });
    notice(`Order ${b.dataset.settle}: ${b.dataset.outcome}.`);
  } catch (err) {
    notice(err.message);
  }
  refresh();
});
$("#advance").addEventListener("submit", async (e) => {
  e.preventDefault();
  const days = Number(new FormData(e.target).get("days"));
  try {
    await control("POST", `/accounts/${encodeURIComponent(current)}/clock/advance`, {
      seconds: Math.round(days * 86400),
    });
    notice(`Clock advanced by ${days} days.`);
  } catch (err) {
    notice(err.message);
  }
  refresh();
});
$("#fault").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = Object.fromEntries(new FormData(e.target));
  const spec = { kind: f.kind, count: Number(f.count), clientId: current };
  if (f.operationId) spec.operationId = f.operationId;
  if (f.kind === "error") Object.assign(spec, { status: Number(f.status), code: f.code });
  if (f.kind === "latency") spec.latencyMs = Number(f.latencyMs);
  try {
    const made = await control("POST", "/faults", spec);
    notice(`Fault ${made.id} armed for the next ${made.count} matching requests of ${current}.`);
  } catch (err) {
    notice(err.message);
  }
  refresh();
});

// Fault kinds and operations come from the control spec, so the picker never lags behind it.
const KIND_LABELS = { error: "error answer", drop: "dropped connection", "lose-response": "order made, answer lost" };
const controlSpec = await (await fetch("/docs/mock-control.json")).json();
const schemas = controlSpec.components.schemas;
for (const kind of schemas.FaultKind.enum)
  $("#fault-kind").insertAdjacentHTML(
    "beforeend",
    `<option value="${esc(kind)}">${esc(KIND_LABELS[kind] ?? kind)}</option>`,
  );
for (const op of [...schemas.FaultSpec.properties.operationId.enum, ""])
  $("#fault-op").insertAdjacentHTML("beforeend", `<option value="${esc(op)}">${esc(op || "any operation")}</option>`);

for (const e of await control("GET", "/requests?include=assets")) addLog(e);
const events = new EventSource(`/__mock/events${token ? `?token=${encodeURIComponent(token)}` : ""}`);
events.addEventListener("request", (m) => {
  const e = JSON.parse(m.data);
  addLog(e);
  if (changes(e)) refreshSoon();
});
events.onerror = () => notice("Lost the live connection to the mock; retrying...");
events.onopen = () => notice("");
refresh();
