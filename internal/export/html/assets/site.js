// starlint static site: the pack filter and the interactive quiz. Pack text
// is only ever read and written through textContent, never as HTML.
(function () {
  "use strict";

  var filter = document.getElementById("filter");
  if (filter) {
    var empty = document.getElementById("no-match");
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      var shown = 0;
      document.querySelectorAll("[data-category]").forEach(function (section) {
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

  // quiz items and the weak answer's quick checks answer alike; only the
  // quiz counts in the score
  var items = document.querySelectorAll(".quiz-item");
  if (!items.length) { return; }
  var score = document.getElementById("score");
  var quizCount = document.querySelectorAll(".quiz-item:not(.check)").length;
  var answered = 0, right = 0;
  function updateScore() {
    if (score) {
      score.textContent = "Score: " + right + " of " + quizCount + " (" + answered + " answered)";
    }
  }
  items.forEach(function (item) {
    var answer = item.getAttribute("data-answer");
    var list = item.querySelector(".options");
    var feedback = item.querySelector(".feedback");
    var reveal = item.querySelector("details");
    if (!list) { return; }
    list.classList.add("js");
    var buttons = [];
    list.querySelectorAll("li").forEach(function (li) {
      var letter = li.getAttribute("data-letter");
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-letter", letter);
      button.textContent = letter + ". " + li.textContent;
      li.textContent = "";
      li.appendChild(button);
      buttons.push(button);
      button.addEventListener("click", function () {
        if (item.classList.contains("answered")) { return; }
        item.classList.add("answered");
        var ok = letter === answer;
        if (!item.classList.contains("check")) {
          answered++;
          if (ok) { right++; }
        }
        buttons.forEach(function (b) {
          b.disabled = true;
          if (b.getAttribute("data-letter") === answer) { b.classList.add("correct"); }
        });
        if (!ok) { button.classList.add("incorrect"); }
        button.setAttribute("aria-pressed", "true");
        feedback.className = "feedback " + (ok ? "correct" : "incorrect");
        feedback.textContent = ok ? "Correct." : "Not quite: the answer is " + answer + ".";
        if (reveal) { reveal.open = true; }
        updateScore();
      });
    });
  });
  updateScore();
})();
