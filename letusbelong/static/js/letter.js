/* The letter tool's small improvements. Everything works without this file. No framework,
   no inline script (CSP): translated words come from data-* attributes in the HTML. */
(function () {
  "use strict";

  function normalise(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }

  function words(text) {
    var list = normalise(text).split(" ");
    return list[0] === "" ? [] : list;
  }

  /* After a failed POST, take keyboard and screen-reader users straight to the errors. */
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  /* Plural-aware text from data-one / data-few / data-many / data-other (a number inside each). */
  function pluralText(element, count) {
    var rule = new Intl.PluralRules(document.documentElement.lang || "en").select(count);
    var pattern = element.dataset[rule] || element.dataset.other || "";
    return pattern.replace(/\d+/, String(count));
  }

  /* The province's ridings: filter the list as the supporter types, no round trip. */
  function ridingFilter() {
    var form = document.querySelector(".riding-search");
    var list = document.querySelector("[data-riding-list]");
    var counter = document.querySelector("[data-riding-count]");
    if (!form || !list) {
      return;
    }
    var input = form.querySelector("input[name=q]");
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-search]"));
    function apply() {
      var wanted = words(input.value);
      var shown = 0;
      items.forEach(function (item) {
        var haystack = normalise(item.dataset.search);
        var match = wanted.every(function (word) { return haystack.indexOf(word) !== -1; });
        item.hidden = !match;
        shown += match ? 1 : 0;
      });
      if (counter) {
        counter.textContent = pluralText(counter, shown);
      }
    }
    input.addEventListener("input", apply);
  }

  /* "How personal is my letter": words of the supporter's own, compared with the template. */
  function personalHint() {
    var body = document.querySelector("textarea[data-template]");
    var hint = document.querySelector("[data-personal-hint]");
    var count = document.querySelector("[data-char-count]");
    if (!body) {
      return;
    }
    var template = {};
    words(body.dataset.template).forEach(function (word) {
      template[word] = (template[word] || 0) + 1;
    });
    var level = null;
    function ownWords() {
      var left = Object.assign({}, template);
      var own = 0;
      words(body.value).forEach(function (word) {
        if (left[word]) {
          left[word] -= 1;
        } else {
          own += 1;
        }
      });
      return own;
    }
    function update() {
      if (count) {
        var limit = Number(count.dataset.limit);
        count.textContent = count.dataset.pattern.replace("{count}", String(body.value.length));
        count.classList.toggle("char-count--over", body.value.length > limit);
      }
      if (!hint) {
        return;
      }
      var own = ownWords();
      var next = own < 10 ? "low" : own < 40 ? "medium" : "high";
      if (next !== level) {
        level = next;
        hint.textContent = hint.dataset[next];
        hint.className = "personal-hint personal-hint--" + next;
      }
      hint.hidden = false;
    }
    body.addEventListener("input", update);
    update();
  }

  /* Share page: copy the campaign link; print page: a print button. */
  function copyAndPrint() {
    var button = document.querySelector("[data-copy-button]");
    var source = document.querySelector("[data-copy-source]");
    var status = document.querySelector("[data-copy-status]");
    if (button && source) {
      button.hidden = false;
      button.addEventListener("click", function () {
        source.select();
        var done = function () {
          if (status) {
            status.textContent = button.dataset.copied || "";
          }
        };
        var fallback = function () {
          // Older browsers, or no clipboard permission: copy the selected text instead.
          if (document.execCommand && document.execCommand("copy")) {
            done();
          }
        };
        if (navigator.clipboard) {
          navigator.clipboard.writeText(source.value).then(done, fallback);
        } else {
          fallback();
        }
      });
    }
    var print = document.querySelector("[data-print-button]");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  }

  focusErrorSummary();
  ridingFilter();
  personalHint();
  copyAndPrint();
})();
