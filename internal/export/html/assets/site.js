// starlint static site: the index filter and test, and on each pack page
// the four preparation modes (Learn, Practice, Test, Rehearse). Pack text
// is only ever read and written through textContent, never as HTML; the
// questions come from a JSON data block, which never runs. Progress is
// kept in localStorage under "starlint:v1:<pack id>".
(function () {
  "use strict";
  var doc = document;
  var LETTERS = "ABCDEFGHIJ";

  doc.querySelectorAll(".needs-js").forEach(function (el) { el.hidden = false; });

  function el(tag, attrs, text) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "class") { node.className = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function clock(seconds) {
    seconds = Math.round(Math.abs(seconds));
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }
  function readData() {
    var block = doc.getElementById("study-data");
    if (!block) { return null; }
    try { return JSON.parse(block.textContent); } catch (e) { return null; }
  }

  // --- seeded order: the same within a session, new in the next one ---
  function hash(str) {
    var h = 0x811c9dc5;
    for (var i = 0; i < str.length; i++) { h ^= str.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return h >>> 0;
  }
  function random(seed) { // mulberry32
    return function () {
      seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  var sessionSeed = (function () {
    try {
      var s = sessionStorage.getItem("starlint:seed");
      if (!s) { s = String(Math.floor(Math.random() * 4294967296)); sessionStorage.setItem("starlint:seed", s); }
      return s;
    } catch (e) { return String(Math.floor(Math.random() * 4294967296)); }
  })();
  function order(key, n) {
    var next = random(hash(sessionSeed + ":" + key));
    var out = [];
    for (var i = 0; i < n; i++) { out.push(i); }
    for (var j = n - 1; j > 0; j--) {
      var k = Math.floor(next() * (j + 1));
      var t = out[j]; out[j] = out[k]; out[k] = t;
    }
    return out;
  }

  // --- progress ---
  var store = {
    load: function (pack) {
      var p = null;
      try { p = JSON.parse(localStorage.getItem("starlint:v1:" + pack)); } catch (e) { p = null; }
      if (!p || typeof p !== "object") { p = {}; }
      if (!p.answers || typeof p.answers !== "object") { p.answers = {}; }
      if (!Array.isArray(p.tests)) { p.tests = []; }
      return p;
    },
    save: function (pack, p) {
      p.last = Date.now();
      try { localStorage.setItem("starlint:v1:" + pack, JSON.stringify(p)); } catch (e) { /* private mode: progress is not kept */ }
    },
    answer: function (pack, key, correct) {
      var p = store.load(pack);
      p.answers[key] = { correct: correct, at: Date.now() };
      store.save(pack, p);
    },
    test: function (pack, result) {
      var p = store.load(pack);
      p.tests.push(result);
      p.tests = p.tests.slice(-20);
      store.save(pack, p);
    },
    reset: function (pack) {
      try { localStorage.removeItem("starlint:v1:" + pack); } catch (e) { /* nothing kept */ }
    },
    resetAll: function () {
      try {
        for (var i = localStorage.length - 1; i >= 0; i--) {
          var k = localStorage.key(i);
          if (k && k.indexOf("starlint:v1:") === 0) { localStorage.removeItem(k); }
        }
      } catch (e) { /* nothing kept */ }
    },
    summary: function (pack, quizCount) {
      var p = store.load(pack);
      if (!p.last) { return ""; }
      var answered = 0, right = 0;
      Object.keys(p.answers).forEach(function (k) {
        if (k.indexOf("check:") === 0) { return; }
        answered++;
        if (p.answers[k].correct) { right++; }
      });
      var parts = ["Answered " + answered + " of " + quizCount + " (" + right + " right)"];
      if (p.tests.length) {
        var best = p.tests.reduce(function (a, t) { return t.right / t.total > a.right / a.total ? t : a; });
        parts.push("best test " + best.right + " of " + best.total);
      }
      parts.push("last studied " + new Date(p.last).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" }));
      return parts.join(" · ");
    }
  };

  // --- one question: shuffled options as buttons ---
  // Renders into container and calls onChoose(optionIndexAsWritten, button).
  function optionButtons(container, q, key, onChoose) {
    var shown = order(key, q.options.length);
    var buttons = [];
    shown.forEach(function (written, i) {
      var li = el("li");
      var b = el("button", { type: "button", "data-letter": LETTERS[i] }, LETTERS[i] + ". " + q.options[written]);
      b.addEventListener("click", function () { onChoose(written, b); });
      li.appendChild(b);
      container.appendChild(li);
      buttons.push({ button: b, written: written });
    });
    return { buttons: buttons, letterOf: function (written) { return LETTERS[shown.indexOf(written)]; } };
  }
  function markAnswered(opts, q, chosenButton) {
    opts.buttons.forEach(function (o) {
      o.button.disabled = true;
      if (o.written === q.answer) { o.button.classList.add("correct"); }
    });
    if (chosenButton) {
      chosenButton.setAttribute("aria-pressed", "true");
      if (!chosenButton.classList.contains("correct")) { chosenButton.classList.add("incorrect"); }
    }
  }
  function solutionBlock(q, letter) {
    var box = el("div", { class: "solution" });
    var p = el("p");
    p.appendChild(el("span", { class: "label" }, "Answer: "));
    p.appendChild(doc.createTextNode((letter ? letter + ". " : "") + q.options[q.answer]));
    box.appendChild(p);
    if (q.solution && q.solution.length) {
      box.appendChild(el("p", { class: "label" }, "Solution"));
      var ol = el("ol");
      q.solution.forEach(function (s) { ol.appendChild(el("li", {}, s)); });
      box.appendChild(ol);
    }
    if (q.mistakes && q.mistakes.length) {
      box.appendChild(el("p", { class: "label" }, "Common mistakes"));
      var ul = el("ul");
      q.mistakes.forEach(function (s) { ul.appendChild(el("li", {}, s)); });
      box.appendChild(ul);
    }
    return box;
  }

  // --- index: filter, progress per pack, reset, test ---
  var filter = doc.getElementById("filter");
  if (filter) {
    var empty = doc.getElementById("no-match");
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      var shown = 0;
      doc.querySelectorAll("[data-category]").forEach(function (section) {
        var visible = 0;
        section.querySelectorAll("li[data-search]").forEach(function (li) {
          var match = li.getAttribute("data-search").indexOf(q) !== -1;
          li.hidden = !match;
          if (match) { visible++; }
        });
        section.hidden = visible === 0;
        shown += visible;
      });
      if (empty) { empty.hidden = shown !== 0; }
    });
  }
  function showIndexProgress() {
    doc.querySelectorAll("li[data-pack]").forEach(function (li) {
      var line = li.querySelector(".progress");
      var text = store.summary(li.getAttribute("data-pack"), Number(li.getAttribute("data-quiz")));
      line.textContent = text;
      line.hidden = text === "";
    });
  }
  if (doc.querySelector("li[data-pack]")) {
    showIndexProgress();
    var resetAll = doc.getElementById("reset-all");
    if (resetAll) {
      resetAll.addEventListener("click", function () {
        store.resetAll();
        showIndexProgress();
        doc.getElementById("reset-status").textContent = "Progress reset.";
      });
    }
  }

  var data = readData();
  var article = doc.querySelector("article[data-pack]");
  var indexStage = doc.querySelector('.test-stage[data-pool="index"]');
  if (indexStage && data) {
    var scope = doc.getElementById("test-scope");
    var indexTest = testRunner(indexStage, function () {
      var c = scope.value;
      return data.quiz.filter(function (q) { return !c || q.category === c; });
    }, null);
    scope.addEventListener("change", indexTest.reset);
    indexTest.reset();
  }
  if (!article || !data) { return; }
  var packID = data.pack;
  var quizCount = data.quiz.length;

  // --- pack progress line ---
  var progressLine = doc.getElementById("pack-progress");
  function showPackProgress() {
    progressLine.textContent = store.summary(packID, quizCount) || "Not studied yet.";
  }
  showPackProgress();
  doc.getElementById("reset-progress").addEventListener("click", function () {
    store.reset(packID);
    showPackProgress();
    progressLine.textContent += " Progress reset.";
  });

  // --- Learn: the walkthrough's quiz and quick checks, answered in place ---
  var score = doc.getElementById("score");
  var learnAnswered = 0, learnRight = 0;
  var learnQuizCount = doc.querySelectorAll("#learn .quiz-item:not(.check)").length;
  function updateScore() {
    if (score) { score.textContent = "Score: " + learnRight + " of " + learnQuizCount + " (" + learnAnswered + " answered)"; }
  }
  doc.querySelectorAll("#learn .quiz-item").forEach(function (item) {
    var key = item.getAttribute("data-key");
    var list = item.querySelector(".options");
    var feedback = item.querySelector(".feedback");
    var reveal = item.querySelector("details");
    var answerLetter = item.getAttribute("data-answer");
    var texts = [];
    var answer = -1;
    list.querySelectorAll("li").forEach(function (li, i) {
      texts.push(li.textContent);
      if (li.getAttribute("data-letter") === answerLetter) { answer = i; }
    });
    if (answer < 0) { return; } // an answer naming no option: left as the page has it
    var q = { options: texts, answer: answer };
    list.textContent = "";
    list.classList.add("js");
    var opts = optionButtons(list, q, key, function (written, button) {
      if (item.classList.contains("answered")) { return; }
      item.classList.add("answered");
      var ok = written === answer;
      if (!item.classList.contains("check")) {
        learnAnswered++;
        if (ok) { learnRight++; }
      }
      markAnswered(opts, q, button);
      feedback.className = "feedback " + (ok ? "correct" : "incorrect");
      feedback.textContent = ok ? "Correct." : "Not quite: the answer is " + opts.letterOf(answer) + ".";
      if (reveal) { reveal.open = true; }
      store.answer(packID, key, ok);
      showPackProgress();
      updateScore();
      feedback.focus();
    });
    // the disclosed answer and the printed key name the letter shown
    if (answer >= 0) {
      var letter = opts.letterOf(answer);
      var shownLetter = item.querySelector(".answer-letter");
      if (shownLetter) { shownLetter.textContent = letter; }
      doc.querySelectorAll(".answer-key li[data-key]").forEach(function (li) {
        if (li.getAttribute("data-key") === key) { li.querySelector(".answer-letter").textContent = letter; }
      });
    }
  });
  updateScore();

  // the table of contents shows where you are
  var tocLinks = {};
  doc.querySelectorAll(".toc a").forEach(function (a) { tocLinks[a.getAttribute("href").slice(1)] = a; });
  var tocTargets = Array.prototype.slice.call(doc.querySelectorAll("#learn [data-toc]"));
  function targetID(node) { return node.id || node.getAttribute("aria-labelledby"); }
  function markToc() {
    var current = null;
    tocTargets.forEach(function (node) {
      if (node.getBoundingClientRect().top <= 120) { current = node; }
    });
    if (!current && tocTargets.length) { current = tocTargets[0]; }
    Object.keys(tocLinks).forEach(function (id) {
      if (current && id === targetID(current)) { tocLinks[id].setAttribute("aria-current", "location"); } else { tocLinks[id].removeAttribute("aria-current"); }
    });
  }
  window.addEventListener("scroll", markToc, { passive: true });

  // --- Practice: one question at a time ---
  var practice = (function () {
    var stage = doc.getElementById("practice-stage");
    var at = 0;
    var session = {}; // key -> written option chosen this session
    var hinted = {};
    function render(focusFeedback) {
      stage.textContent = "";
      if (!quizCount) { stage.appendChild(el("p", {}, "This pack has no quiz.")); return; }
      var q = data.quiz[at];
      stage.appendChild(el("p", { class: "progress-label", id: "practice-progress" }, (at + 1) + " / " + quizCount));
      var question = el("p", { class: "question", id: "practice-question" }, q.question + " ");
      question.appendChild(el("span", { class: "badge" }, q.difficulty));
      stage.appendChild(question);
      var list = el("ol", { class: "options js", "aria-labelledby": "practice-question" });
      stage.appendChild(list);
      var hintButton = null, hint = null;
      if (q.hint) {
        hintButton = el("button", { type: "button", class: "hint-button", "aria-expanded": "false", "aria-controls": "practice-hint" }, "Hint");
        hint = el("p", { class: "hint", id: "practice-hint", hidden: "" });
        hint.appendChild(el("span", { class: "label" }, "Hint: "));
        hint.appendChild(doc.createTextNode(q.hint));
        hintButton.addEventListener("click", function () {
          hinted[q.key] = true;
          hint.hidden = false;
          hintButton.setAttribute("aria-expanded", "true");
          hintButton.disabled = true;
        });
      }
      var feedback = el("p", { class: "feedback", tabindex: "-1" });
      var answered = Object.prototype.hasOwnProperty.call(session, q.key);
      var opts = optionButtons(list, q, q.key, function (written, button) {
        if (Object.prototype.hasOwnProperty.call(session, q.key)) { return; }
        session[q.key] = written;
        store.answer(packID, q.key, written === q.answer);
        showPackProgress();
        render(true);
      });
      if (hintButton) {
        var row = el("p", { class: "controls" });
        row.appendChild(hintButton);
        stage.appendChild(row);
        stage.appendChild(hint);
        if (hinted[q.key] || answered) { hint.hidden = false; hintButton.disabled = true; hintButton.setAttribute("aria-expanded", "true"); }
      }
      stage.appendChild(feedback);
      if (answered) {
        var chosen = session[q.key];
        var ok = chosen === q.answer;
        markAnswered(opts, q, opts.buttons.filter(function (o) { return o.written === chosen; })[0].button);
        feedback.className = "feedback " + (ok ? "correct" : "incorrect");
        feedback.textContent = ok ? "Correct." : "Not quite: the answer is " + opts.letterOf(q.answer) + ".";
        stage.appendChild(solutionBlock(q, opts.letterOf(q.answer)));
      } else {
        var before = store.load(packID).answers[q.key];
        if (before) { feedback.textContent = "Last time you got this " + (before.correct ? "right" : "wrong") + "."; feedback.className = "feedback"; }
      }
      var nav = el("p", { class: "controls" });
      var prev = el("button", { type: "button" }, "Previous");
      prev.disabled = at === 0;
      prev.addEventListener("click", function () { at--; render(); prevOrNextFocus("Previous"); });
      var next = el("button", { type: "button" }, "Next");
      next.disabled = at === quizCount - 1;
      next.addEventListener("click", function () { at++; render(); prevOrNextFocus("Next"); });
      nav.appendChild(prev);
      nav.appendChild(doc.createTextNode(" "));
      nav.appendChild(next);
      if (answered) {
        var retry = el("button", { type: "button" }, "Retry");
        retry.addEventListener("click", function () {
          delete session[q.key];
          render();
          var first = stage.querySelector(".options button");
          if (first) { first.focus(); }
        });
        nav.appendChild(doc.createTextNode(" "));
        nav.appendChild(retry);
      }
      stage.appendChild(nav);
      var done = Object.keys(session).length;
      if (done === quizCount) {
        var right = data.quiz.filter(function (x) { return session[x.key] === x.answer; }).length;
        stage.appendChild(el("p", { class: "meta", role: "status" }, "This session: " + right + " of " + quizCount + " right."));
      }
      if (focusFeedback) { feedback.focus(); }
    }
    function prevOrNextFocus(name) {
      var b = Array.prototype.filter.call(stage.querySelectorAll(".controls button"), function (x) { return x.textContent === name && !x.disabled; })[0];
      (b || stage.querySelector(".options button")).focus();
    }
    return { show: function () { if (!stage.firstChild) { render(); } } };
  })();

  // --- Test: up to 10 questions, then a result and a review ---
  var packTest = testRunner(doc.querySelector('#test .test-stage'), function () { return data.quiz; }, packID);
  packTest.reset();

  // --- Rehearse: a countdown per step, then the total against each level ---
  var took = {};
  var totalClock = doc.querySelector("#rehearse .total-clock");
  var totalSteps = doc.querySelector("#rehearse .total-steps");
  function updateTotal() {
    var keys = Object.keys(took);
    var total = keys.reduce(function (a, k) { return a + took[k]; }, 0);
    totalClock.textContent = clock(total);
    totalSteps.textContent = "(" + keys.length + " of " + data.steps + " steps)";
    doc.querySelectorAll("#rehearse .level-times li").forEach(function (li) {
      var min = Number(li.getAttribute("data-min")), max = Number(li.getAttribute("data-max"));
      var v = li.querySelector(".verdict");
      if (!keys.length) { v.textContent = ""; return; }
      if (total > max) { v.textContent = "— " + clock(total - max) + " over"; v.className = "verdict over"; }
      else if (min < max && total < min) { v.textContent = "— " + clock(min - total) + " under"; v.className = "verdict under"; }
      else { v.textContent = "— within"; v.className = "verdict within"; }
    });
  }
  doc.querySelectorAll("#rehearse .rehearse-step").forEach(function (step) {
    var name = step.getAttribute("data-step");
    var target = Number(step.getAttribute("data-seconds"));
    var button = step.querySelector(".start");
    var timer = step.querySelector(".timer");
    var result = step.querySelector(".took");
    var compare = step.querySelector(".compare");
    var started = 0, ticking = 0;
    function tick() {
      var left = target - (Date.now() - started) / 1000;
      timer.textContent = (left < 0 ? "+" : "") + clock(left);
      timer.classList.toggle("over", left < 0);
    }
    button.addEventListener("click", function () {
      if (ticking) {
        clearInterval(ticking);
        ticking = 0;
        var spent = Math.round((Date.now() - started) / 1000);
        took[name] = spent;
        result.textContent = "You took " + clock(spent) + " of " + clock(target) +
          (spent > target ? ", " + clock(spent - target) + " over." : ".");
        button.textContent = "Start again";
        button.setAttribute("aria-pressed", "false");
        if (compare) { compare.open = true; }
        updateTotal();
        return;
      }
      started = Date.now();
      result.textContent = "";
      button.textContent = "Stop";
      button.setAttribute("aria-pressed", "true");
      tick();
      ticking = setInterval(tick, 250);
    });
  });

  // --- modes, kept in the URL fragment ---
  var modes = ["learn", "practice", "test", "rehearse"];
  var panels = doc.querySelectorAll(".mode");
  var links = doc.querySelectorAll(".modes a");
  function modeFromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (modes.indexOf(id) >= 0) { return id; }
    return "learn"; // a section of the walkthrough, or nothing
  }
  function show(mode, focus) {
    panels.forEach(function (p) { p.hidden = p.getAttribute("data-mode") !== mode; });
    links.forEach(function (a) {
      if (a.getAttribute("data-mode") === mode) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
    if (mode === "practice") { practice.show(); }
    if (mode === "learn") { markToc(); }
    if (focus) {
      var panel = doc.getElementById(mode);
      if (mode !== "learn" || location.hash === "#learn") { panel.focus(); }
    }
  }
  window.addEventListener("hashchange", function () { show(modeFromHash(), true); });
  show(modeFromHash(), false);

  // testRunner runs a test over the questions pool() gives: up to 10, as
  // many of each difficulty as the pool allows, one at a time, no hints;
  // then the score per difficulty, the verdict and the missed questions.
  function testRunner(stage, pool, pack) {
    var attempt = 0;
    function pick() {
      var byDiff = { easy: [], medium: [], hard: [] };
      pool().forEach(function (q) { (byDiff[q.difficulty] || byDiff.medium).push(q); });
      var lists = ["easy", "medium", "hard"].map(function (d) {
        var qs = byDiff[d];
        return order("test:" + attempt + ":" + d, qs.length).map(function (i) { return qs[i]; });
      });
      var out = [];
      for (var round = 0; out.length < 10; round++) {
        var added = false;
        lists.forEach(function (l) { if (round < l.length && out.length < 10) { out.push(l[round]); added = true; } });
        if (!added) { break; }
      }
      return out;
    }
    function reset() {
      stage.textContent = "";
      var qs = pick();
      if (!qs.length) { stage.appendChild(el("p", {}, "No questions to test.")); return; }
      var counts = { easy: 0, medium: 0, hard: 0 };
      qs.forEach(function (q) { counts[q.difficulty] = (counts[q.difficulty] || 0) + 1; });
      stage.appendChild(el("p", {}, qs.length + " questions: " + counts.easy + " easy, " + counts.medium + " medium, " + counts.hard + " hard. No hints; the answers come at the end."));
      var start = el("button", { type: "button", class: "primary" }, "Start the test");
      start.addEventListener("click", function () { run(qs); });
      stage.appendChild(start);
    }
    function run(qs) {
      var chosen = [];
      var at = 0;
      function question() {
        stage.textContent = "";
        var q = qs[at];
        stage.appendChild(el("p", { class: "progress-label" }, (at + 1) + " / " + qs.length));
        var id = "test-q-" + (pack ? "pack" : "index");
        var text = el("p", { class: "question", id: id, tabindex: "-1" }, q.question + " ");
        text.appendChild(el("span", { class: "badge" }, q.difficulty));
        stage.appendChild(text);
        var list = el("ol", { class: "options js", "aria-labelledby": id });
        stage.appendChild(list);
        var next = el("button", { type: "button", class: "primary" }, at === qs.length - 1 ? "See the result" : "Next");
        next.disabled = true;
        var opts = optionButtons(list, q, "test:" + (q.pack || pack) + ":" + q.key, function (written, button) {
          chosen[at] = written;
          opts.buttons.forEach(function (o) { o.button.setAttribute("aria-pressed", String(o.button === button)); o.button.classList.toggle("chosen", o.button === button); });
          next.disabled = false;
        });
        next.addEventListener("click", function () {
          at++;
          if (at < qs.length) { question(); stage.querySelector(".question").focus(); } else { result(); }
        });
        var row = el("p", { class: "controls" });
        row.appendChild(next);
        stage.appendChild(row);
      }
      function result() {
        stage.textContent = "";
        var right = 0, per = {};
        var missed = [];
        qs.forEach(function (q, i) {
          var d = per[q.difficulty] = per[q.difficulty] || { right: 0, total: 0 };
          d.total++;
          var ok = chosen[i] === q.answer;
          if (ok) { right++; d.right++; } else { missed.push({ q: q, chose: chosen[i] }); }
          store.answer(q.pack || pack, q.key, ok);
        });
        var strong = right / qs.length >= 0.8 && Object.keys(per).every(function (d) { return per[d].right * 2 >= per[d].total; });
        var heading = el("h3", { tabindex: "-1" }, "Result: " + right + " of " + qs.length);
        stage.appendChild(heading);
        var table = el("table", { class: "by-difficulty" });
        table.appendChild(el("caption", {}, "Score per difficulty"));
        var head = el("tr");
        head.appendChild(el("th", { scope: "col" }, "Difficulty"));
        head.appendChild(el("th", { scope: "col" }, "Right"));
        table.appendChild(head);
        ["easy", "medium", "hard"].forEach(function (d) {
          if (!per[d]) { return; }
          var tr = el("tr");
          tr.appendChild(el("th", { scope: "row" }, d));
          tr.appendChild(el("td", {}, per[d].right + " of " + per[d].total));
          table.appendChild(tr);
        });
        stage.appendChild(table);
        var verdict = el("p", { class: "verdict " + (strong ? "strong" : "needs-work") });
        verdict.appendChild(el("span", { class: "label" }, "Verdict: "));
        verdict.appendChild(doc.createTextNode(strong ? "strong" : "needs work"));
        stage.appendChild(verdict);
        stage.appendChild(el("p", { class: "meta" }, "Strong means at least 80% right overall and at least half right at each difficulty."));
        if (missed.length) {
          stage.appendChild(el("h4", {}, "Review the questions you missed"));
          missed.forEach(function (m) {
            var box = el("div", { class: "quiz-item review" });
            box.appendChild(el("p", { class: "question" }, m.q.question));
            if (m.q.packTitle) { box.appendChild(el("p", { class: "meta" }, m.q.packTitle)); }
            box.appendChild(el("p", {}, "You chose: " + m.q.options[m.chose]));
            box.appendChild(solutionBlock(m.q, null));
            stage.appendChild(box);
          });
        } else {
          stage.appendChild(el("p", {}, "You missed nothing."));
        }
        if (pack) {
          store.test(pack, { right: right, total: qs.length, at: Date.now() });
          showPackProgress();
        } else {
          showIndexProgress();
        }
        var again = el("button", { type: "button" }, "Take another test");
        again.addEventListener("click", function () { attempt++; reset(); stage.querySelector("button").focus(); });
        stage.appendChild(again);
        heading.focus();
      }
      question();
      var first = stage.querySelector(".options button");
      if (first) { first.focus(); }
    }
    return { reset: reset };
  }
})();
