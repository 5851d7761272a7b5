// Progressive enhancement only: every page reads fine without this file.
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-root") || "";

  // Stale banner: only the reader's clock knows how old a static page is.
  var at = Date.parse(body.getAttribute("data-snapshot-at") || "");
  var staleAfter = Number(body.getAttribute("data-stale-after") || "0") * 1000;
  if (!isNaN(at) && staleAfter > 0 && Date.now() - at > staleAfter) {
    var banner = document.getElementById("stale");
    if (banner) { banner.hidden = false; }
  }

  // Copy buttons on code blocks.
  document.querySelectorAll("pre > code").forEach(function (code) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      });
    });
    code.parentNode.appendChild(button);
  });

  // Heading anchors.
  document.querySelectorAll("article h2[id], article h3[id]").forEach(function (h) {
    var a = document.createElement("a");
    a.className = "anchor";
    a.href = "#" + h.id;
    a.textContent = "#";
    a.setAttribute("aria-label", "Link to this section");
    h.appendChild(a);
  });

  // Client-side search over search.json (the runbook) and search-status.json (hosts and checks);
  // results are built as text nodes, never as HTML.
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  if (!input || !results) { return; }
  var index = null;
  function words(s) { return s.toLowerCase().split(/\s+/).filter(Boolean); }
  function show() {
    var q = words(input.value);
    results.textContent = "";
    if (!index || q.length === 0) { return; }
    index.filter(function (e) {
      var hay = (e.title + " " + e.summary + " " + e.tags.join(" ") + " " + e.text).toLowerCase();
      return q.every(function (w) { return hay.indexOf(w) >= 0; });
    }).slice(0, 50).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.url;
      a.textContent = e.title;
      li.appendChild(a);
      if (e.summary) {
        var p = document.createElement("div");
        p.textContent = e.summary;
        li.appendChild(p);
      }
      results.appendChild(li);
    });
  }
  function load(name) {
    return fetch(root + name).then(function (r) { return r.ok ? r.json() : []; }).catch(function () { return []; });
  }
  Promise.all([load("search.json"), load("search-status.json")]).then(function (parts) {
    index = parts[0].concat(parts[1]);
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; }
    show();
  });
  input.addEventListener("input", show);
})();
