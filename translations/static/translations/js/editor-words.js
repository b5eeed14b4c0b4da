/*
 * wagtail-localize's translation editor writes two phrases in English whatever the admin's
 * language: the heading "<source> to <target> translation" and the screen-reader label
 * "More actions". This puts the admin language's words (given by the script tag, translated
 * on the server) in their place, whenever the editor (re)draws them.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {
    return;
  }
  var heading = script.dataset.heading;
  var moreActions = script.dataset.moreActions;
  var englishHeading = /^(.+) to (.+) translation$/;

  function fix(root) {
    root.querySelectorAll("h3").forEach(function (element) {
      var match = element.textContent.match(englishHeading);
      if (match && element.children.length === 0) {
        element.textContent = heading.replace("%(source)s", match[1]).replace("%(target)s", match[2]);
      }
    });
    root.querySelectorAll(".w-sr-only").forEach(function (element) {
      if (element.textContent === "More actions") {
        element.textContent = moreActions;
      }
    });
  }

  function start() {
    fix(document.body);
    new MutationObserver(function () {
      fix(document.body);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
