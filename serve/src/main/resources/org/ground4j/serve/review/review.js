// The ground4j review page: ground an image and its report through this service, look at each sentence's boxes,
// reject the wrong ones, and export the reviewed study as expert data. No build step, no library.
"use strict";

const COLOURS = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45",
  "#fabed4", "#469990", "#dcbeff", "#9a6324"];
const $ = (id) => document.getElementById(id);

// sentences: {text, start, end, none, boxes: [{box: [x1, y1, x2, y2], score, rejected, edited, drawn}]}
const state = { name: null, model: null, report: null, sentences: [], active: null, drawing: false };

fetch("/v1/model").then((r) => r.json()).then((m) => {
  state.model = m.model;
  $("model").textContent = "model " + m.model + ", threshold " + m.threshold;
});

// Review mode (ground4j serve --review GROUNDED.jsonl): step through the studies of an attach output, starting at
// the first one not yet reviewed; each saved study goes to GROUNDED.reviewed.jsonl on the server.
const review = { on: false, index: 0, count: 0, reviewed: 0, id: null };

fetch("/v1/review").then((r) => (r.ok ? r.json() : null)).then((o) => {
  if (!o) return;
  review.on = true;
  review.count = o.studies.length;
  review.reviewed = o.reviewed;
  $("reviewNav").hidden = false;
  $("input").hidden = true;
  loadStudy(o.next >= 0 ? o.next : 0);
});

async function loadStudy(i) {
  const response = await fetch("/v1/review/" + i);
  const line = await response.json();
  if (!response.ok) { status(line.error); return; }
  review.index = i;
  review.id = line.id;
  state.name = line.image;
  state.report = line.report || "";
  state.sentences = line.sentences.map((s) => ({
    text: s.text, start: s.start, end: s.end, none: false,
    boxes: s.boxes.map((b, k) => ({ box: b, score: s.scores ? s.scores[k] : 1, rejected: false })),
  }));
  $("picture").src = "/v1/review/" + i + "/image";
  $("studyNav").textContent = "Study " + (i + 1) + " of " + review.count + " (" + review.reviewed + " reviewed)"
    + (line.reviewed ? ", this one reviewed" : "");
  render();
}

$("prev").addEventListener("click", () => { if (review.index > 0) loadStudy(review.index - 1); });
$("next").addEventListener("click", () => { if (review.index + 1 < review.count) loadStudy(review.index + 1); });
$("save").addEventListener("click", async () => {
  const body = Object.assign(attachLine(), { id: review.id });
  const response = await fetch("/v1/review/" + review.index, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) { status(answer.error); return; }
  review.reviewed = answer.reviewed;
  const o = await (await fetch("/v1/review")).json();
  if (o.next >= 0) {
    loadStudy(o.next);
  } else {
    loadStudy(review.index);
    status("every study is reviewed");
  }
});

/** The study as an attach line with the boxes kept. */
function attachLine() {
  const reviewer = $("reviewer").value.trim() || "anonymous";
  return {
    id: state.name, image: state.name, report: state.report, reviewer: reviewer, model: state.model,
    sentences: state.sentences.map((s) => ({ text: s.text, start: s.start, end: s.end,
      boxes: kept_boxes(s).map((b) => b.box), scores: kept_boxes(s).map((b) => b.score) })),
  };
}

$("ground").addEventListener("click", async () => {
  const file = $("image").files[0];
  const report = $("report").value;
  if (!file) { status("choose an image first"); return; }
  if (!report.trim()) { status("write or paste the report first"); return; }
  status("grounding ...");
  const image = await base64(file);
  const response = await fetch("/v1/ground", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ image: image, name: file.name, report: report }),
  });
  const body = await response.json();
  if (!response.ok) { status(body.error); return; }
  state.name = file.name;
  state.report = report;
  state.sentences = body.sentences.map((s) => ({
    text: s.text, start: s.start, end: s.end, none: false,
    boxes: s.boxes.map((b, i) => ({ box: b, score: s.scores[i], rejected: false })),
  }));
  $("picture").src = URL.createObjectURL(file);
  status("");
  render();
});

function base64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result.substring(reader.result.indexOf(",") + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function status(text) { $("status").textContent = text; }

function threshold() { return parseFloat($("threshold").value); }

function render() {
  const stage = $("stage");
  stage.querySelectorAll(".box").forEach((b) => b.remove());
  const list = $("sentences");
  list.innerHTML = "";
  state.sentences.forEach((s, si) => {
    const colour = COLOURS[si % COLOURS.length];
    const li = document.createElement("li");
    li.dataset.sentence = si;
    li.innerHTML = "<span class='swatch'></span><span class='text'></span>"
      + "<label class='none'><input type='checkbox'> no finding here</label><div class='boxes'></div>"
      + "<div class='keeps'></div>";
    li.querySelector(".swatch").style.background = colour;
    li.querySelector(".text").textContent = s.text;
    const none = li.querySelector(".none input");
    none.checked = s.none;
    none.addEventListener("change", () => { s.none = none.checked; render(); });
    li.classList.toggle("active", state.active === si);
    li.querySelector(".text").addEventListener("click", () => { state.active = si; render(); });
    li.addEventListener("mouseenter", () => highlight(si, true));
    li.addEventListener("mouseleave", () => highlight(si, false));
    list.appendChild(li);
    // each box can be kept or rejected from the list too: overlapping boxes hide each other on the image
    s.boxes.forEach((b, bi) => {
      const keep = document.createElement("label");
      keep.className = "keep";
      keep.innerHTML = "<input type='checkbox'> box " + (bi + 1) + " <span></span>";
      keep.querySelector("span").textContent = "(" + label(b) + ")";
      const input = keep.querySelector("input");
      input.dataset.box = bi;
      input.checked = !b.rejected;
      input.addEventListener("change", () => { b.rejected = !input.checked; render(); });
      li.querySelector(".keeps").appendChild(keep);
    });
    s.boxes.forEach((b, bi) => {
      const div = document.createElement("div");
      div.className = "box";
      div.dataset.sentence = si;
      div.dataset.box = bi;
      const [x1, y1, x2, y2] = b.box;
      Object.assign(div.style, { left: 100 * x1 + "%", top: 100 * y1 + "%", width: 100 * (x2 - x1) + "%",
        height: 100 * (y2 - y1) + "%", borderColor: colour });
      div.innerHTML = "<span class='score'></span><span class='grip'></span>";
      div.querySelector(".score").textContent = label(b);
      div.querySelector(".score").style.background = colour;
      div.querySelector(".grip").style.background = colour;
      div.classList.toggle("drawn", !!b.drawn);
      div.title = s.text;
      div.addEventListener("pointerdown", (e) => startDrag(e, b, e.target.classList.contains("grip") ? "resize" : "move"));
      div.addEventListener("mouseenter", () => highlight(si, true));
      div.addEventListener("mouseleave", () => highlight(si, false));
      stage.appendChild(div);
    });
  });
  applyFilters();
}

function label(b) {
  return b.drawn ? "drawn" : b.score.toFixed(2) + (b.edited ? " edited" : "");
}

/** The pointer's place on the image, each coordinate in [0,1]. */
function at(e) {
  const r = $("stage").getBoundingClientRect();
  const clamp = (v) => Math.min(1, Math.max(0, v));
  return [clamp((e.clientX - r.left) / r.width), clamp((e.clientY - r.top) / r.height)];
}

/** Move or resize a box with the pointer; a press without movement toggles the box instead. */
function startDrag(e, b, mode) {
  if (state.drawing) return;   // the stage draws a new box
  e.preventDefault();
  e.stopPropagation();
  const start = at(e);
  const from = b.box.slice();
  let moved = false;
  const move = (ev) => {
    const p = at(ev);
    const dx = p[0] - start[0], dy = p[1] - start[1];
    if (Math.abs(dx) + Math.abs(dy) > 0.005) moved = true;
    if (!moved) return;
    if (mode === "move") {
      const w = from[2] - from[0], h = from[3] - from[1];
      const x1 = Math.min(1 - w, Math.max(0, from[0] + dx)), y1 = Math.min(1 - h, Math.max(0, from[1] + dy));
      b.box = [x1, y1, x1 + w, y1 + h];
    } else {
      b.box = [from[0], from[1], Math.max(from[0] + 0.01, Math.min(1, from[2] + dx)),
        Math.max(from[1] + 0.01, Math.min(1, from[3] + dy))];
    }
    b.edited = true;
    place(b);
  };
  const up = () => {
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", up);
    if (!moved) b.rejected = !b.rejected;
    render();
  };
  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", up);
}

/** Redraws one box where it now is (during a drag, without rebuilding the page). */
function place(b) {
  document.querySelectorAll(".box").forEach((div) => {
    if (state.sentences[div.dataset.sentence].boxes[div.dataset.box] === b) {
      const [x1, y1, x2, y2] = b.box;
      Object.assign(div.style, { left: 100 * x1 + "%", top: 100 * y1 + "%", width: 100 * (x2 - x1) + "%",
        height: 100 * (y2 - y1) + "%" });
    }
  });
}

$("draw").addEventListener("click", () => {
  if (state.active === null) { status("select a sentence first (click its text)"); return; }
  state.drawing = !state.drawing;
  $("draw").classList.toggle("on", state.drawing);
  $("stage").classList.toggle("drawing", state.drawing);
});

$("stage").addEventListener("pointerdown", (e) => {
  if (!state.drawing) return;
  e.preventDefault();
  const s = state.sentences[state.active];
  const start = at(e);
  const b = { box: [start[0], start[1], start[0], start[1]], score: 1, rejected: false, edited: false, drawn: true };
  const move = (ev) => {
    const p = at(ev);
    b.box = [Math.min(start[0], p[0]), Math.min(start[1], p[1]), Math.max(start[0], p[0]), Math.max(start[1], p[1])];
  };
  const up = (ev) => {
    move(ev);
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", up);
    state.drawing = false;
    $("draw").classList.remove("on");
    $("stage").classList.remove("drawing");
    if (b.box[2] - b.box[0] > 0.005 && b.box[3] - b.box[1] > 0.005) {
      s.boxes.push(b);
      s.none = false;
    }
    render();
  };
  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", up);
});

function applyFilters() {
  const t = threshold();
  $("thresholdValue").textContent = t.toFixed(2);
  document.querySelectorAll(".box").forEach((div) => {
    const s = state.sentences[div.dataset.sentence];
    const b = s.boxes[div.dataset.box];
    div.classList.toggle("hidden", (!b.drawn && b.score < t) || s.none);
    div.classList.toggle("rejected", b.rejected);
  });
  document.querySelectorAll("#sentences li").forEach((li) => {
    const s = state.sentences[li.dataset.sentence];
    const kept = kept_boxes(s).length;
    li.querySelector(".boxes").textContent = s.none ? "no finding" : kept + " of " + s.boxes.length + " boxes kept";
  });
}

function kept_boxes(s) {
  if (s.none) return [];
  const t = threshold();
  return s.boxes.filter((b) => !b.rejected && (b.drawn || b.score >= t));
}

function highlight(si, on) {
  document.querySelectorAll(".box[data-sentence='" + si + "']").forEach((d) => d.classList.toggle("hl", on));
  const li = document.querySelector("#sentences li[data-sentence='" + si + "']");
  if (li) li.classList.toggle("hl", on);
}

$("threshold").addEventListener("input", applyFilters);
$("zoom").addEventListener("input", () => { $("stage").style.width = $("zoom").value + "%"; });
["brightness", "contrast"].forEach((id) => $(id).addEventListener("input", () => {
  $("picture").style.filter = "brightness(" + $("brightness").value + "%) contrast(" + $("contrast").value + "%)";
}));

$("export").addEventListener("click", () => {
  if (!state.name) { status("ground a study first"); return; }
  const reviewer = $("reviewer").value.trim() || "anonymous";
  const samples = state.sentences.map((s, i) => JSON.stringify({
    id: state.name + "#" + (i + 1), image: state.name, sentence: s.text,
    boxes: kept_boxes(s).map((b) => b.box), reviewer: reviewer, model: state.model,
  }));
  $("exported").value = samples.join("\n") + "\n";
  $("exportedAttach").value = JSON.stringify(attachLine()) + "\n";
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([$("exported").value], { type: "application/x-ndjson" }));
  link.download = state.name.replace(/\.[^.]*$/, "") + ".reviewed.jsonl";
  link.click();
});
